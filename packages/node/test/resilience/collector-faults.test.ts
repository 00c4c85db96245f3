/**
 * The app against a sick Collector, over real sockets: down, hanging, slow and flapping, with
 * recovery. What must hold: every request answers, the event loop is never blocked, one export
 * at a time, memory bounded by the queue, one warning per outage and one on recovery, and every
 * span either arrives after recovery or is counted as dropped.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startOtlpReceiver, stopAllFixtures, type OtlpProtocol, type OtlpReceiver } from '@tracekit/test-utils';
import { appHealth, countOccurrences, portOf, sendRequests, startResilienceApp, waitForStats } from './helpers/app.js';
import { startFaultyCollector, type FaultyCollector } from './helpers/faulty-collector.js';

let receiver: OtlpReceiver | undefined;
let collector: FaultyCollector | undefined;
afterEach(async () => {
  await stopAllFixtures();
  await collector?.close();
  await receiver?.close();
  collector = undefined;
  receiver = undefined;
});

const FAILING = 'is failing (';
const RECOVERED = 'works again';

async function collectorInFront(protocol: OtlpProtocol, mode: 'up' | 'down' | 'hanging') {
  receiver = await startOtlpReceiver();
  collector = await startFaultyCollector(portOf(protocol === 'grpc' ? receiver.grpcEndpoint : receiver.httpEndpoint), mode);
  return { receiver, collector, env: { OTEL_EXPORTER_OTLP_ENDPOINT: collector.endpoint, OTEL_EXPORTER_OTLP_PROTOCOL: protocol } };
}

/**
 * How long export may take to resume after the Collector is back. HTTP retries on its own
 * schedule (backoff capped at 5 s). gRPC waits for grpc-js's next connection attempt, which
 * tracekit's channel options make at most ~6 s apart (500 ms growing 1.6× up to 5 s, ±20 %),
 * instead of grpc-js's default of up to 120 s (src/export/grpc-transport.ts).
 */
const RECOVERY_BOUND_MS = { 'http/protobuf': 10_000, grpc: 10_000 } as const;

const RECOVERY_PROTOCOLS = ['http/protobuf', 'grpc'] as const;

describe('Collector down, then back', () => {
  it.each(RECOVERY_PROTOCOLS)(
    '%s: requests are unaffected, one warning, and queued spans arrive after recovery',
    async (protocol) => {
      const { receiver, collector, env } = await collectorInFront(protocol, 'down');
      const app = await startResilienceApp(env);

      const during = await sendRequests(app.url('/work'), 200);
      expect(during.filter((status) => status === 200)).toHaveLength(200);
      await waitForStats(app, (stats) => stats.failing && stats.failedSpans > 0);

      await collector.setMode('up');
      const upAt = Date.now();
      const after = await sendRequests(app.url('/work'), 20);
      expect(after.filter((status) => status === 200)).toHaveLength(20);
      // Every span either arrived or is counted as dropped, with a reason.
      const stats = await waitForStats(
        app,
        (s) => !s.failing && s.queuedSpans === 0 && s.exportedSpans + s.droppedSpans.total === 220,
        RECOVERY_BOUND_MS[protocol] + 5000,
      );
      expect(receiver.spans).toHaveLength(stats.exportedSpans);
      expect(stats.exportedSpans).toBeGreaterThan(20);
      expect(Date.now() - upAt).toBeLessThan(RECOVERY_BOUND_MS[protocol]);
      expect(stats.droppedSpans.retriesExhausted).toBe(stats.droppedSpans.total);

      await app.stop();
      expect(countOccurrences(app.stderr(), FAILING)).toBe(1);
      // The recovery is info, on stdout (the console diag logger's choice).
      expect(countOccurrences(app.stdout(), RECOVERED)).toBe(1);
      expect(app.stderr()).not.toContain('UNHANDLED');
    },
    Math.max(...Object.values(RECOVERY_BOUND_MS)) + 25_000,
  );
});

describe('Collector hanging (accepts, never answers)', () => {
  it('never blocks the event loop, holds one connection at a time, and exits within the deadline', async () => {
    const { collector, env } = await collectorInFront('http/protobuf', 'hanging');
    const app = await startResilienceApp({ ...env, OTEL_BSP_MAX_EXPORT_BATCH_SIZE: '20', TRACEKIT_SHUTDOWN_TIMEOUT: '1000' });

    const statuses = await sendRequests(app.url('/work'), 300);
    expect(statuses.filter((status) => status === 200)).toHaveLength(300);
    await waitForStats(app, (stats) => stats.failing && stats.failedSpans >= 20);
    const health = await appHealth(app);
    // Generous: a blocked loop would show seconds (the OTLP timeout is 1 s).
    expect(health.eventLoopDelayMaxMs).toBeLessThan(500);
    // One export in flight: each new connection comes after the previous export gave up.
    expect(collector.maxOpenHangingConnections).toBe(1);

    const stoppedAt = Date.now();
    app.kill('SIGTERM');
    expect(await app.waitForExit({ timeoutMs: 10_000 })).toEqual({ code: null, signal: 'SIGTERM' });
    expect(Date.now() - stoppedAt).toBeLessThan(5000);
    expect(countOccurrences(app.stderr(), FAILING)).toBe(1);
  });

  it('memory stays bounded: at most OTEL_BSP_MAX_QUEUE_SIZE spans wait, the rest are counted as dropped', async () => {
    const { env } = await collectorInFront('http/protobuf', 'hanging');
    const app = await startResilienceApp({ ...env, OTEL_BSP_MAX_QUEUE_SIZE: '50', OTEL_BSP_MAX_EXPORT_BATCH_SIZE: '10' });
    await sendRequests(app.url('/work'), 300);
    const stats = await waitForStats(app, (s) => s.droppedSpans.queueFull > 0);
    expect(stats.queuedSpans).toBeLessThanOrEqual(60);
    expect(stats.queuedSpans + stats.exportedSpans + stats.droppedSpans.total).toBe(300);
  });
});

describe('Collector slow (answers after seconds)', () => {
  it('one export in flight at a time, requests unaffected, every span delivered', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    receiver = await startOtlpReceiver({
      respond: async () => {
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 800));
        inFlight -= 1;
        return undefined;
      },
    });
    const app = await startResilienceApp({
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.httpEndpoint,
      OTEL_EXPORTER_OTLP_TIMEOUT: '5000',
      OTEL_BSP_MAX_EXPORT_BATCH_SIZE: '50',
    });
    const statuses = await sendRequests(app.url('/work'), 200);
    expect(statuses.filter((status) => status === 200)).toHaveLength(200);
    await receiver.waitForSpans(200, { timeoutMs: 20_000 });
    expect(maxInFlight).toBe(1);
    expect(app.stderr()).toBe('');
  });
});

describe('Collector flapping (up and down every few hundred ms)', () => {
  it('requests are unaffected, warnings come per outage (not per batch), and every span is accounted for', async () => {
    const { receiver, collector, env } = await collectorInFront('http/protobuf', 'up');
    const app = await startResilienceApp({ ...env, OTEL_BSP_MAX_EXPORT_BATCH_SIZE: '20' });
    let flaps = 0;
    const flapping = (async () => {
      for (let i = 0; i < 8; i++) {
        await new Promise((resolve) => setTimeout(resolve, 300));
        await collector.setMode(collector.mode === 'up' ? 'down' : 'up');
        flaps += 1;
      }
      await collector.setMode('up');
    })();
    let sent = 0;
    while (flaps < 8) {
      const statuses = await sendRequests(app.url('/work'), 20);
      expect(statuses.filter((status) => status === 200)).toHaveLength(20);
      sent += 20;
    }
    await flapping;
    // Once the Collector is up for good, new spans make sure an export runs (and recovers).
    expect((await sendRequests(app.url('/work'), 20)).filter((status) => status === 200)).toHaveLength(20);
    sent += 20;
    const stats = await waitForStats(app, (s) => !s.failing && s.queuedSpans === 0 && s.exportedSpans + s.droppedSpans.total === sent);
    expect(receiver.spans.length).toBeGreaterThanOrEqual(stats.exportedSpans);
    const stderr = app.stderr();
    // At most one warning per outage (4 down phases), and each outage that warned also recovered.
    expect(countOccurrences(stderr, FAILING)).toBeLessThanOrEqual(4);
    expect(countOccurrences(app.stdout(), RECOVERED)).toBe(countOccurrences(stderr, FAILING));
    expect(stderr).not.toContain('UNHANDLED');
  });
});
