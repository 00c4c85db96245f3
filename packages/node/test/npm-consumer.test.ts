import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFixture, startOtlpReceiver, stopAllFixtures, type OtlpReceiver } from '@tracekit/test-utils';
import { PACKAGE_ROOT, exportTo } from './helpers/traced-app.js';

const run = promisify(execFile);
// npm runs on the same Node as the tests, so it resolves dependencies for that Node.
const npmEnv = { ...process.env, PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ''}` };

const APP = `
const express = require('express');
const app = express();
app.get('/hello/:name', (req, res) => res.send('hello ' + req.params.name));
const server = app.listen(0, '127.0.0.1', () => console.log('LISTENING ' + server.address().port));
`;
const ESM_CHECK = `
import { start, resolveConfig } from '@tracekit/node';
if (typeof start !== 'function' || typeof resolveConfig !== 'function') throw new Error('ESM entry incomplete');
console.log('LISTENING 0');
`;

let project: string;
let receiver: OtlpReceiver;

beforeAll(async () => {
  project = await mkdtemp(path.join(tmpdir(), 'tracekit-consumer-'));
  // pnpm pack turns workspace:* dependencies into the versions a registry install needs.
  for (const packageDir of [PACKAGE_ROOT, path.join(PACKAGE_ROOT, '../k8s'), path.join(PACKAGE_ROOT, '../express')]) {
    await run('pnpm', ['pack', '--pack-destination', project], { cwd: packageDir, env: npmEnv });
  }
  const tarballs = (await readdir(project)).filter((name) => name.endsWith('.tgz')).map((name) => `./${name}`);
  await writeFile(path.join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true }));
  await run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...tarballs, 'express@5', '@opentelemetry/api@~1.10.0'], {
    cwd: project,
    env: npmEnv,
  });
  await writeFile(path.join(project, 'app.cjs'), APP);
  await writeFile(path.join(project, 'esm-check.mjs'), ESM_CHECK);
  receiver = await startOtlpReceiver();
}, 300_000);

afterAll(async () => {
  await stopAllFixtures();
  await receiver?.close();
  if (project) await rm(project, { recursive: true, force: true });
});

describe('a plain npm consumer outside the workspace', () => {
  it('runs node -r @tracekit/node/register on an express app and its spans arrive', async () => {
    const app = runFixture({
      entry: path.join(project, 'app.cjs'),
      cwd: project,
      nodeArgs: ['-r', '@tracekit/node/register'],
      env: { ...exportTo(receiver), OTEL_SERVICE_NAME: 'consumer' },
    });
    await app.waitForListening();
    expect(await (await fetch(app.url('/hello/ada'))).text()).toBe('hello ada');
    const [span] = await receiver.waitForSpans(1);
    expect(span).toMatchObject({ name: 'GET /hello/:name', kind: 'SERVER', resource: { 'service.name': 'consumer' } });
    expect(app.stderr()).toBe('');
  });

  it('imports the ESM entry point', async () => {
    const check = runFixture({ entry: path.join(project, 'esm-check.mjs'), cwd: project });
    expect(await check.waitForExit()).toEqual({ code: 0, signal: null });
  });
});
