import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'e2e',
    include: ['**/*.test.ts'],
    testTimeout: 120_000,
    // Building the Go, Python and Java services and the Collector on a fresh machine is slow.
    hookTimeout: 2_400_000,
    fileParallelism: false,
  },
});
