import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { sinkDelta, startOtlpSink } from '../lib/otlp-sink.mjs';
import { SAMPLE_SPANS, encodeSampleRequest, sampleRequest } from './otlp-request.mjs';

describe('startOtlpSink', () => {
  let sink;
  before(async () => {
    sink = await startOtlpSink();
  });
  after(() => sink.close());

  const post = (body, headers, path = '/v1/traces') =>
    fetch(`${sink.endpoint}${path}`, { method: 'POST', body, headers });

  it('counts requests, bytes and spans of protobuf exports and answers 200 with an empty body', async () => {
    const start = sink.snapshot();
    const body = encodeSampleRequest();
    const response = await post(body, { 'content-type': 'application/x-protobuf' });
    assert.equal(response.status, 200);
    assert.equal((await response.arrayBuffer()).byteLength, 0);
    assert.deepEqual(sinkDelta(start, sink.snapshot()), {
      requests: 1,
      bytes: body.length,
      spans: SAMPLE_SPANS,
      rejected: 0,
    });
  });

  it('decompresses gzip and reads JSON exports', async () => {
    const start = sink.snapshot();
    await post(gzipSync(encodeSampleRequest()), {
      'content-type': 'application/x-protobuf',
      'content-encoding': 'gzip',
    });
    const json = await post(JSON.stringify(sampleRequest), { 'content-type': 'application/json' });
    assert.deepEqual(await json.json(), {});
    const delta = sinkDelta(start, sink.snapshot());
    assert.equal(delta.spans, 2 * SAMPLE_SPANS);
    assert.equal(delta.rejected, 0);
  });

  it('rejects other paths and undecodable bodies, and counts them apart', async () => {
    const start = sink.snapshot();
    assert.equal((await post('x', {}, '/v1/metrics')).status, 404);
    assert.equal((await post(Uint8Array.of(0xff, 0xff), { 'content-type': 'application/x-protobuf' })).status, 400);
    assert.deepEqual(sinkDelta(start, sink.snapshot()), { requests: 0, bytes: 0, spans: 0, rejected: 2 });
  });
});
