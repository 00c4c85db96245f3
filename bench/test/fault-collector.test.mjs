import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';
import { startFaultCollector } from '../lib/fault-collector.mjs';
import { sinkDelta, startOtlpSink } from '../lib/otlp-sink.mjs';
import { SAMPLE_SPANS, encodeSampleRequest } from './otlp-request.mjs';

/** POSTs one export on a fresh connection; resolves with the status, or the error code. */
function post(endpoint, timeoutMs = 1000) {
  return fetch(`${endpoint}/v1/traces`, {
    method: 'POST',
    body: encodeSampleRequest(),
    headers: { 'content-type': 'application/x-protobuf', connection: 'close' },
    signal: AbortSignal.timeout(timeoutMs),
  }).then(
    async (response) => {
      await response.arrayBuffer();
      return response.status;
    },
    (error) => error.cause?.code ?? error.name,
  );
}

describe('startFaultCollector', () => {
  let sink;
  let collector;
  before(async () => {
    sink = await startOtlpSink();
    collector = await startFaultCollector({ sinkPort: Number(new URL(sink.endpoint).port), slowDelayMs: 300, flapPeriodMs: 200 });
  });
  after(async () => {
    await collector.close();
    await sink.close();
  });

  it('healthy: forwards to the sink', async () => {
    await collector.setMode('healthy');
    const start = sink.snapshot();
    assert.equal(await post(collector.endpoint), 200);
    assert.equal(sinkDelta(start, sink.snapshot()).spans, SAMPLE_SPANS);
  });

  it('down: refuses connections on the same port, and serves again afterwards', async () => {
    await collector.setMode('down');
    assert.equal(await post(collector.endpoint), 'ECONNREFUSED');
    await collector.setMode('healthy');
    assert.equal(await post(collector.endpoint), 200);
  });

  it('hanging: accepts and never answers', async () => {
    await collector.setMode('hanging');
    assert.equal(await post(collector.endpoint, 300), 'TimeoutError');
    assert.ok(collector.stats().maxOpenHanging >= 1);
  });

  it('slow: answers, but only after the delay', async () => {
    await collector.setMode('slow');
    const started = Date.now();
    assert.equal(await post(collector.endpoint, 3000), 200);
    assert.ok(Date.now() - started >= 290);
  });

  it('flapping: goes down and up again by itself', async () => {
    await collector.setMode('flapping');
    const seen = new Set();
    const started = Date.now();
    while (seen.size < 2 && Date.now() - started < 5000) {
      const socket = net.connect(collector.port, '127.0.0.1');
      seen.add(await new Promise((resolve) => {
        socket.once('connect', () => resolve('up'));
        socket.once('error', () => resolve('down'));
      }));
      socket.destroy();
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.deepEqual([...seen].sort(), ['down', 'up']);
    assert.ok(collector.stats().flaps >= 1);
    await collector.setMode('healthy');
  });
});
