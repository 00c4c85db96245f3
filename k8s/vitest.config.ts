import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'manifests',
    include: ['test/**/*.test.ts'],
    // Builds (first run only) kustomize, promtool, kind's config checker, the Collector and
    // Jaeger from Go, and kubernetes-validate into a venv: ~25 minutes on 2 cores.
    globalSetup: ['test/setup/tools.ts'],
    hookTimeout: 2_400_000,
    testTimeout: 120_000,
  },
});
