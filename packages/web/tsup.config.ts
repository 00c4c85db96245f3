import { readFileSync } from 'node:fs';
import { defineConfig, type Options } from 'tsup';
import { packageBuild } from '../../tsup.base.ts';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };
const browser: Options = {
  platform: 'browser',
  target: 'es2022',
  shims: false,
  define: { __TRACEKIT_WEB_VERSION__: JSON.stringify(version) },
  // Both builds write into dist/ at once; `pnpm run build` empties it first (scripts/clean-dist.mjs).
  clean: false,
};

export default defineConfig([
  // The library: ESM + CJS + declarations, dependencies left to the app's bundler.
  packageBuild(['src/index.ts'], browser) as Options,
  // The script-tag build: one self-contained, minified classic script (API included).
  {
    ...browser,
    entry: { 'tracekit-web': 'src/script.ts' },
    format: ['iife'],
    outExtension: () => ({ js: '.js' }),
    noExternal: [/.*/],
    minify: true,
    sourcemap: true,
    dts: false,
  },
]);
