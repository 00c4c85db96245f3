/**
 * An app that calls process.exit() in its own SIGTERM handler: the spans of its completed
 * requests still arrive (sent synchronously from the exit listener by a worker thread), over
 * every OTLP protocol; with a sick Collector the exit still happens within the deadline.
 */
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { runFixture, startOtlpReceiver, stopAllFixtures, type OtlpProtocol, type OtlpReceiver } from '@tracekit/test-utils';
import { PACKAGE_ROOT, exportTo, fixturePath } from '../helpers/traced-app.js';
import { sendRequests, startResilienceApp } from './helpers/app.js';

let receiver: OtlpReceiver | undefined;
afterEach(async () => {
  await stopAllFixtures();
  await receiver?.close();
  receiver = undefined;
});

/** Nothing is exported before the signal unless shutdown sends it. */
const HOLD_SPANS = { OTEL_BSP_SCHEDULE_DELAY: '60000' };

describe('process.exit() in the app\'s SIGTERM handler', () => {
  it.each(['http/protobuf', 'http/json', 'grpc'] as const)('%s: every completed request\'s span arrives', async (protocol: OtlpProtocol) => {
    receiver = await startOtlpReceiver();
    const app = await startResilienceApp({ ...exportTo(receiver, protocol), ...HOLD_SPANS, EXIT_MODE: 'sync' });
    await sendRequests(app.url('/work'), 40);
    expect(receiver.spans).toHaveLength(0);
    app.kill('SIGTERM');
    expect(await app.waitForExit({ timeoutMs: 10_000 })).toEqual({ code: 0, signal: null });
    expect(app.stdout()).toContain('APP SIGTERM HANDLER');
    expect(receiver.spans).toHaveLength(40);
    expect(app.stderr()).toBe('');
  });

  it('server.close(() => process.exit()): every completed request\'s span arrives', async () => {
    receiver = await startOtlpReceiver();
    const app = await startResilienceApp({ ...exportTo(receiver), ...HOLD_SPANS, EXIT_MODE: 'after-close' });
    await sendRequests(app.url('/work'), 40);
    app.kill('SIGTERM');
    expect(await app.waitForExit({ timeoutMs: 10_000 })).toEqual({ code: 0, signal: null });
    // At least once: a batch that was in flight at exit may arrive twice.
    expect(new Set(receiver.spans.map((span) => span.spanId)).size).toBe(40);
  });

  it('with a hanging Collector the process still exits within the deadline, and says what was lost', async () => {
    const sockets: net.Socket[] = [];
    const hanging = net.createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
    try {
      const app = await startResilienceApp({
        OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${(hanging.address() as net.AddressInfo).port}`,
        TRACEKIT_SHUTDOWN_TIMEOUT: '1000',
        ...HOLD_SPANS,
        EXIT_MODE: 'sync',
      });
      await sendRequests(app.url('/work'), 10);
      const stoppedAt = Date.now();
      app.kill('SIGTERM');
      expect(await app.waitForExit({ timeoutMs: 10_000 })).toEqual({ code: 0, signal: null });
      // Generous bound: the deadline is 1 s; what matters is that it does not wait for the OTLP timeout.
      expect(Date.now() - stoppedAt).toBeLessThan(5000);
      expect(app.stderr()).toContain('dropped 10 spans bound for');
      expect(app.stderr()).toContain('10 because the process stopped before they were sent');
    } finally {
      for (const socket of sockets) socket.destroy();
      hanging.close();
    }
  });

  it('with the Collector down and export already failing, exit is not delayed', async () => {
    const app = await startResilienceApp({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9', EXIT_MODE: 'sync' });
    await sendRequests(app.url('/work'), 10);
    // Wait until export has failed once (the app reports it).
    await app.waitForOutput('is failing (');
    const stoppedAt = Date.now();
    app.kill('SIGTERM');
    expect(await app.waitForExit({ timeoutMs: 10_000 })).toEqual({ code: 0, signal: null });
    expect(Date.now() - stoppedAt).toBeLessThan(3000);
  });
});

describe('the event loop drains (no signal) with a sick Collector', () => {
  it('exits within TRACEKIT_SHUTDOWN_TIMEOUT, not the OTLP timeout, when the Collector hangs', async () => {
    const sockets: net.Socket[] = [];
    const hanging = net.createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
    try {
      const startedAt = Date.now();
      const app = runFixture({
        entry: fixturePath('slow-collector-exit.mjs'),
        cwd: PACKAGE_ROOT,
        nodeArgs: ['--import', '@tracekit/node/register'],
        env: {
          OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${(hanging.address() as net.AddressInfo).port}`,
          TRACEKIT_SHUTDOWN_TIMEOUT: '1000',
          ...HOLD_SPANS,
        },
      });
      expect(await app.waitForExit({ timeoutMs: 15_000 })).toEqual({ code: 0, signal: null });
      // The OTLP timeout is 10 s; the shutdown deadline 1 s (plus start-up).
      expect(Date.now() - startedAt).toBeLessThan(7000);
      expect(app.stderr()).toContain('1 because the process stopped before they were sent');
    } finally {
      for (const socket of sockets) socket.destroy();
      hanging.close();
    }
  });
});
