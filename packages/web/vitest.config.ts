import { readFileSync } from 'node:fs';
import { defineProject } from 'vitest/config';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

export default defineProject({
  define: { __TRACEKIT_WEB_VERSION__: JSON.stringify(version) },
  test: {
    name: 'web',
    include: ['test/**/*.test.ts'],
    environment: 'happy-dom',
    environmentOptions: { happyDOM: { url: 'https://shop.example/checkout' } },
    testTimeout: 30_000,
  },
});
