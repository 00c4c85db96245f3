// @vitest-environment node
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const PACKAGE_ROOT = fileURLToPath(new URL('..', import.meta.url).href);
// npm runs on the same Node as the tests, so it resolves dependencies for that Node.
const npmEnv = { ...process.env, PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ''}` };

let project: string;

beforeAll(async () => {
  project = await mkdtemp(path.join(tmpdir(), 'tracekit-web-consumer-'));
  await run('npm', ['pack', '--pack-destination', project], { cwd: PACKAGE_ROOT, env: npmEnv });
  const tarball = (await readdir(project)).find((name) => name.endsWith('.tgz'));
  await writeFile(path.join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  await run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', `./${tarball}`, '@opentelemetry/api@~1.10.0'], { cwd: project, env: npmEnv });
}, 300_000);

afterAll(async () => {
  if (project) await rm(project, { recursive: true, force: true });
});

describe('a plain npm consumer outside the workspace', () => {
  it('ships the ESM and CJS entry points, their declarations and the script-tag build', async () => {
    const dist = await readdir(path.join(project, 'node_modules/@tracekit/web/dist'));
    expect(dist).toEqual(expect.arrayContaining(['index.mjs', 'index.cjs', 'index.d.ts', 'index.d.cts', 'tracekit-web.js']));
  });

  it("bundles `import { init } from '@tracekit/web'` for browsers from the npm install", async () => {
    const result = await build({
      stdin: { contents: "import { init } from '@tracekit/web'; init({ serviceName: 'consumer' });", resolveDir: project, loader: 'js' },
      bundle: true,
      format: 'esm',
      platform: 'browser',
      write: false,
      logLevel: 'silent',
      metafile: true,
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((input) => input.includes('node_modules/@tracekit/web/dist/index.mjs'))).toBe(true);
    // One copy of the API and of the SDK: the dependency pins line up with upstream's.
    const copies = (name: string) => new Set(inputs.filter((input) => input.includes(`${name}/package.json`) || input.includes(`${name}/dist/`)).map((input) => input.split(`${name}/`)[0])).size;
    expect(copies('node_modules/@opentelemetry/api')).toBe(1);
    expect(copies('node_modules/@opentelemetry/sdk-trace')).toBe(1);
  });

  it('resolves the script-tag build through the exports map', async () => {
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', "console.log(import.meta.resolve('@tracekit/web/script'))"], { cwd: project });
    expect(stdout.trim()).toMatch(/node_modules\/@tracekit\/web\/dist\/tracekit-web\.js$/);
  });
});
