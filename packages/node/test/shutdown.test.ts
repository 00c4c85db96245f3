import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { runFixture, } from '@tracekit/test-utils';
import { PACKAGE_ROOT, exportTo, fixturePath, getJson, startTracedApp, useOtlpReceiver } from './helpers/traced-app.js';

const receiver = useOtlpReceiver();

/** A long batch delay, so nothing is exported before shutdown unless shutdown flushes. */
const HOLD_SPANS = { OTEL_BSP_SCHEDULE_DELAY: '60000' };

describe('shutdown', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)(
    'on %s without an app handler, flushes every completed span and exits with the signal',
    async (signal) => {
      const app = await startTracedApp({ fixture: 'http-app.mjs', env: { ...exportTo(receiver), ...HOLD_SPANS } });
      for (let i = 0; i < 25; i++) await getJson(app.url('/chain'));
      expect(receiver.spans).toHaveLength(0);
      app.kill(signal);
      expect(await app.waitForExit({ timeoutMs: 10_000 })).toEqual({ code: null, signal });
      expect(receiver.spans).toHaveLength(75);
    },
  );

  it('with an app SIGTERM handler, flushes and leaves exiting to the app', async () => {
    const app = await startTracedApp({ fixture: 'own-sigterm-handler.mjs', env: { ...exportTo(receiver), ...HOLD_SPANS } });
    for (let i = 0; i < 5; i++) await getJson(app.url('/leaf'));
    app.kill('SIGTERM');
    // The app closes its server and the event loop drains: a normal exit, code 0.
    expect(await app.waitForExit({ timeoutMs: 10_000 })).toEqual({ code: 0, signal: null });
    expect(app.stdout()).toContain('APP SIGTERM HANDLER');
    expect(receiver.spans).toHaveLength(5);
  });

  it('a normal exit (event loop drains) flushes', async () => {
    const app = runFixture({
      entry: fixturePath('slow-collector-exit.mjs'),
      cwd: PACKAGE_ROOT,
      nodeArgs: ['--import', '@tracekit/node/register'],
      env: { ...exportTo(receiver), ...HOLD_SPANS },
    });
    expect(await app.waitForExit({ timeoutMs: 10_000 })).toEqual({ code: 0, signal: null });
    expect(receiver.spans.map((span) => span.name)).toEqual(['work']);
  });

  it('exits within the deadline when the Collector accepts connections but never answers', async () => {
    const sockets: net.Socket[] = [];
    const hanging = net.createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
    const { port } = hanging.address() as net.AddressInfo;
    try {
      const app = await startTracedApp({
        fixture: 'http-app.mjs',
        env: { OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}`, TRACEKIT_SHUTDOWN_TIMEOUT: '1500', ...HOLD_SPANS },
      });
      await getJson(app.url('/leaf'));
      const started = Date.now();
      app.kill('SIGTERM');
      expect(await app.waitForExit({ timeoutMs: 10_000 })).toEqual({ code: null, signal: 'SIGTERM' });
      // Generous bound: the deadline is 1.5 s; what matters is that it does not hang.
      expect(Date.now() - started).toBeLessThan(6000);
    } finally {
      for (const socket of sockets) socket.destroy();
      hanging.close();
    }
  });

  it('exits promptly when nothing listens at the Collector address', async () => {
    const app = await startTracedApp({
      fixture: 'http-app.mjs',
      env: { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9', ...HOLD_SPANS },
    });
    await getJson(app.url('/leaf'));
    app.kill('SIGTERM');
    expect(await app.waitForExit({ timeoutMs: 10_000 })).toEqual({ code: null, signal: 'SIGTERM' });
  });
});
