import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { StartError, startApp } from '../lib/app-process.mjs';
import { readPeakRssBytes } from '../lib/peak-rss.mjs';

const dir = mkdtempSync(path.join(tmpdir(), 'tracekit-bench-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function script(name, source) {
  const file = path.join(dir, name);
  writeFileSync(file, source);
  return file;
}

describe('startApp', () => {
  it('reports the port and start-up time, and stops the app with SIGTERM', async () => {
    const file = script(
      'listening.mjs',
      `import http from 'node:http';
       const server = http.createServer((_q, r) => r.end()).listen(0, '127.0.0.1', () =>
         console.log('LISTENING ' + server.address().port));
       process.once('SIGTERM', () => server.close());`,
    );
    const app = await startApp({ script: file, cwd: dir, env: process.env });
    assert.ok(app.port > 0);
    assert.ok(app.startupMs > 0);
    assert.equal((await fetch(`http://127.0.0.1:${app.port}/`)).status, 200);
    if (process.platform === 'linux') assert.ok(readPeakRssBytes(app.pid) > 1e6);
    assert.deepEqual(await app.stop(), { code: 0, signal: null, forced: false });
  });

  it('fails with the stderr of an app that dies before listening', async () => {
    const file = script('crash.mjs', `throw new Error('register blew up');`);
    await assert.rejects(startApp({ script: file, cwd: dir, env: process.env }), (error) => {
      assert.ok(error instanceof StartError);
      assert.match(error.message, /exited \(code 1, signal null\) before printing LISTENING/);
      assert.match(error.message, /register blew up/);
      return true;
    });
  });

  it('gives up on an app that never prints LISTENING', async () => {
    const file = script('silent.mjs', `setInterval(() => {}, 1000);`);
    await assert.rejects(
      startApp({ script: file, cwd: dir, env: process.env, readyTimeoutMs: 300 }),
      new StartError('no LISTENING line within 300 ms'),
    );
  });
});
