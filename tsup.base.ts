import { defineConfig, type Options } from 'tsup';

/** One build recipe for every package: ESM (.mjs) + CJS (.cjs) + declarations for both. */
export function packageBuild(entry: string[], overrides: Options = {}) {
  return defineConfig({
    entry,
    format: ['esm', 'cjs'],
    dts: true,
    platform: 'node',
    target: 'node22',
    clean: true,
    sourcemap: true,
    shims: true,
    splitting: true,
    outExtension: ({ format }) =>
      format === 'esm' ? { js: '.mjs', dts: '.d.mts' } : { js: '.cjs', dts: '.d.cts' },
    ...overrides,
  });
}
