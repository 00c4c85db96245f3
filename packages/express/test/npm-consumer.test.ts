import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFixture, stopAllFixtures } from '@tracekit/test-utils';

const run = promisify(execFile);
const PACKAGE_ROOT = fileURLToPath(new URL('..', import.meta.url));
// npm runs on the same Node as the tests, so it resolves dependencies for that Node.
const npmEnv = { ...process.env, PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ''}` };

// No SDK at all: the API is a no-op, so the app must answer as usual and send no trace headers.
const CJS_APP = `
const express = require('express');
const { tracekit, tracekitErrorHandler, logFields } = require('@tracekit/express');
const app = express();
app.use(tracekit());
app.get('/hello/:name', (req, res) => res.json({ hello: req.params.name, log: logFields() }));
app.use(tracekitErrorHandler());
const server = app.listen(0, '127.0.0.1', () => console.log('LISTENING ' + server.address().port));
`;
const ESM_CHECK = `
import { tracekit, tracekitErrorHandler, getLogContext, logFields } from '@tracekit/express';
for (const fn of [tracekit, tracekitErrorHandler, getLogContext, logFields]) if (typeof fn !== 'function') throw new Error('ESM entry incomplete');
console.log('LISTENING 0');
`;

let project: string;

beforeAll(async () => {
  project = await mkdtemp(path.join(tmpdir(), 'tracekit-express-consumer-'));
  await run('npm', ['pack', '--pack-destination', project], { cwd: PACKAGE_ROOT, env: npmEnv });
  const tarball = (await readdir(project)).find((name) => name.endsWith('.tgz'));
  await writeFile(path.join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true }));
  await run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', `./${tarball}`, 'express@4', '@opentelemetry/api@~1.10.0'], {
    cwd: project,
    env: npmEnv,
  });
  await writeFile(path.join(project, 'app.cjs'), CJS_APP);
  await writeFile(path.join(project, 'esm-check.mjs'), ESM_CHECK);
}, 300_000);

afterAll(async () => {
  await stopAllFixtures();
  if (project) await rm(project, { recursive: true, force: true });
});

describe('a plain npm consumer outside the workspace', () => {
  it('ships both entry points and both declaration files', async () => {
    const dist = await readdir(path.join(project, 'node_modules/@tracekit/express/dist'));
    expect(dist).toEqual(expect.arrayContaining(['index.mjs', 'index.cjs', 'index.d.ts', 'index.d.cts']));
  });

  it('requires the CommonJS entry in an express 4 app without any SDK', async () => {
    const app = runFixture({ entry: path.join(project, 'app.cjs'), cwd: project });
    await app.waitForListening();
    const response = await fetch(app.url('/hello/ada'));
    expect(await response.json()).toEqual({ hello: 'ada', log: {} });
    expect(response.headers.get('traceresponse')).toBeNull();
    expect(app.stderr()).toBe('');
  });

  it('imports the ESM entry point', async () => {
    const check = runFixture({ entry: path.join(project, 'esm-check.mjs'), cwd: project });
    expect(await check.waitForExit()).toEqual({ code: 0, signal: null });
  });
});
