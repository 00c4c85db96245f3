// The sink's span counter: it must find every span and skip everything else.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { countJsonSpans, countProtobufSpans } from '../lib/span-count.mjs';
import { SAMPLE_SPANS, encodeSampleRequest, sampleRequest } from './otlp-request.mjs';

describe('countProtobufSpans', () => {
  it('counts spans across resources and scopes, skipping every other field', () => {
    assert.equal(countProtobufSpans(encodeSampleRequest()), SAMPLE_SPANS);
  });

  it('counts 0 in an empty request', () => {
    assert.equal(countProtobufSpans(new Uint8Array(0)), 0);
  });

  it('throws on bytes that are not a protobuf message', () => {
    // 0xff: field 31 with wire type 7, which does not exist
    assert.throws(() => countProtobufSpans(Uint8Array.of(0xff, 0xff, 0xff)));
  });
});

describe('countJsonSpans', () => {
  it('counts spans in the OTLP/JSON encoding', () => {
    assert.equal(countJsonSpans(JSON.stringify(sampleRequest)), SAMPLE_SPANS);
  });

  it('treats missing lists as empty', () => {
    assert.equal(countJsonSpans('{"resourceSpans":[{"scopeSpans":[{}]}]}'), 0);
  });
});
