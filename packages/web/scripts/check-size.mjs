// The size budget, run by `pnpm run build`: bundles the smallest real setup an app would ship
// (import init from the built package, call it) with esbuild for browsers, minified, gzips it,
// and fails when it is over budget. The script-tag build gets the same check. Raise a budget
// only on purpose, and update the table in README.md with the new sizes.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

/** Bytes, gzip -9. Measured: minimal ESM setup 26.1 kB, script tag 26.6 kB (see README). */
export const BUDGETS = {
  minimal: 28_000,
  script: 28_500,
};

export const MINIMAL_SETUP = `
import { init } from ${JSON.stringify(`${packageDir}dist/index.mjs`)};
init({ serviceName: 'shop-web', collectorUrl: '/v1/traces', propagateTo: ['self'] });
`;

export async function measure() {
  const result = await build({
    stdin: { contents: MINIMAL_SETUP, resolveDir: packageDir, loader: 'js', sourcefile: 'minimal-setup.js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  const minimal = result.outputFiles[0].contents;
  const script = readFileSync(`${packageDir}dist/tracekit-web.js`);
  return {
    minimal: { bytes: minimal.length, gzip: gzipSync(minimal, { level: 9 }).length },
    script: { bytes: script.length, gzip: gzipSync(script, { level: 9 }).length },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const sizes = await measure();
  const kb = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;
  let over = false;
  for (const [name, size] of Object.entries(sizes)) {
    const budget = BUDGETS[name];
    const ok = size.gzip <= budget;
    over ||= !ok;
    console.log(`${ok ? 'ok  ' : 'OVER'} ${name}: ${kb(size.gzip)} gzip (${kb(size.bytes)} minified), budget ${kb(budget)}`);
  }
  if (over) {
    console.error('@tracekit/web is over its size budget: find what grew (esbuild --metafile) or raise the budget in scripts/check-size.mjs on purpose.');
    process.exit(1);
  }
}
