/**
 * Hand-made requests reach every corner of the schema the SDK exporters do not use: bytes,
 * kvlists, nested arrays, int64 beyond 2^53, trace state, flags, enum names, snake_case keys.
 * The same request sent as OTLP/JSON, as binary protobuf over HTTP and over gRPC decodes the same.
 */
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeExportRequest } from '../src/otlp-schema.js';
import { startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from '../src/index.js';
import { callGrpcExport, postJson, postTraces } from './helpers/send.js';

const TRACE_ID = '5b8efff798038103d269b633813fc60c';
const OTHER_TRACE_ID = '0af7651916cd43dd8448eb211c80319c';
const ROOT_ID = 'eee19b7ec3c1b173';
const CHILD_ID = 'eee19b7ec3c1b174';
const LINKED_ID = 'b7ad6b7169203331';

/** OTLP/JSON: hex ids, int64 as strings or numbers, base64 bytes. */
const jsonRequest = {
  resourceSpans: [
    {
      resource: {
        attributes: [
          { key: 'service.name', value: { stringValue: 'manual-service' } },
          { key: 'host.cores', value: { intValue: 8 } },
        ],
      },
      scopeSpans: [
        {
          scope: { name: 'manual-scope', version: '0.1.0' },
          spans: [
            {
              traceId: TRACE_ID,
              spanId: ROOT_ID,
              name: 'root',
              kind: 2,
              startTimeUnixNano: '1700000000000000001',
              endTimeUnixNano: '1700000000500000002',
              attributes: [
                { key: 'str', value: { stringValue: 'text' } },
                { key: 'empty.str', value: { stringValue: '' } },
                { key: 'int.string', value: { intValue: '42' } },
                { key: 'int.number', value: { intValue: -7 } },
                { key: 'int.big', value: { intValue: '9007199254740993' } },
                { key: 'double', value: { doubleValue: 2.5 } },
                { key: 'bool', value: { boolValue: false } },
                { key: 'bytes', value: { bytesValue: 'AQID/w==' } },
                {
                  key: 'array',
                  value: { arrayValue: { values: [{ stringValue: 'a' }, { intValue: '1' }, { arrayValue: {} }] } },
                },
                {
                  key: 'kvlist',
                  value: {
                    kvlistValue: {
                      values: [
                        { key: 'nested', value: { boolValue: true } },
                        { key: 'deeper', value: { kvlistValue: { values: [{ key: 'x', value: { doubleValue: 0.5 } }] } } },
                      ],
                    },
                  },
                },
                { key: 'empty', value: {} },
              ],
              events: [
                {
                  timeUnixNano: '1700000000100000000',
                  name: 'checkpoint',
                  attributes: [{ key: 'step', value: { intValue: '3' } }],
                },
              ],
              status: { code: 2, message: 'it broke' },
            },
            {
              trace_id: TRACE_ID,
              span_id: CHILD_ID,
              parent_span_id: ROOT_ID,
              trace_state: 'vendor=value',
              flags: 257,
              name: 'child',
              kind: 'SPAN_KIND_CONSUMER',
              start_time_unix_nano: 1700000000200000000,
              end_time_unix_nano: '1700000000300000000',
              links: [
                {
                  traceId: OTHER_TRACE_ID,
                  spanId: LINKED_ID,
                  traceState: 'a=b',
                  flags: 1,
                  attributes: [{ key: 'link.kind', value: { stringValue: 'follows' } }],
                },
              ],
              status: { code: 'STATUS_CODE_OK' },
            },
          ],
        },
      ],
    },
  ],
};

const hex = (value: string): Buffer => Buffer.from(value, 'hex');

/** The same request in protobufjs object form: ids and bytes as buffers, enums as numbers. */
const protobufRequest = {
  resourceSpans: [
    {
      resource: {
        attributes: [
          { key: 'service.name', value: { stringValue: 'manual-service' } },
          { key: 'host.cores', value: { intValue: 8 } },
        ],
      },
      scopeSpans: [
        {
          scope: { name: 'manual-scope', version: '0.1.0' },
          spans: [
            {
              traceId: hex(TRACE_ID),
              spanId: hex(ROOT_ID),
              name: 'root',
              kind: 2,
              startTimeUnixNano: '1700000000000000001',
              endTimeUnixNano: '1700000000500000002',
              attributes: [
                { key: 'str', value: { stringValue: 'text' } },
                { key: 'empty.str', value: { stringValue: '' } },
                { key: 'int.string', value: { intValue: '42' } },
                { key: 'int.number', value: { intValue: -7 } },
                { key: 'int.big', value: { intValue: '9007199254740993' } },
                { key: 'double', value: { doubleValue: 2.5 } },
                { key: 'bool', value: { boolValue: false } },
                { key: 'bytes', value: { bytesValue: Buffer.from([1, 2, 3, 255]) } },
                {
                  key: 'array',
                  value: { arrayValue: { values: [{ stringValue: 'a' }, { intValue: 1 }, { arrayValue: {} }] } },
                },
                {
                  key: 'kvlist',
                  value: {
                    kvlistValue: {
                      values: [
                        { key: 'nested', value: { boolValue: true } },
                        { key: 'deeper', value: { kvlistValue: { values: [{ key: 'x', value: { doubleValue: 0.5 } }] } } },
                      ],
                    },
                  },
                },
                { key: 'empty', value: {} },
              ],
              events: [
                {
                  timeUnixNano: '1700000000100000000',
                  name: 'checkpoint',
                  attributes: [{ key: 'step', value: { intValue: 3 } }],
                },
              ],
              status: { code: 2, message: 'it broke' },
            },
            {
              traceId: hex(TRACE_ID),
              spanId: hex(CHILD_ID),
              parentSpanId: hex(ROOT_ID),
              traceState: 'vendor=value',
              flags: 257,
              name: 'child',
              kind: 5,
              startTimeUnixNano: '1700000000200000000',
              endTimeUnixNano: '1700000000300000000',
              links: [
                {
                  traceId: hex(OTHER_TRACE_ID),
                  spanId: hex(LINKED_ID),
                  traceState: 'a=b',
                  flags: 1,
                  attributes: [{ key: 'link.kind', value: { stringValue: 'follows' } }],
                },
              ],
              status: { code: 1 },
            },
          ],
        },
      ],
    },
  ],
};

type Decoded = Omit<ReceivedSpan, 'protocol'>;

const resource = { 'service.name': 'manual-service', 'host.cores': 8 };
const scope = { name: 'manual-scope', version: '0.1.0' };

const expectedRoot: Decoded = {
  traceId: TRACE_ID,
  spanId: ROOT_ID,
  name: 'root',
  kind: 'SERVER',
  startTimeUnixNano: 1700000000000000001n,
  endTimeUnixNano: 1700000000500000002n,
  attributes: {
    str: 'text',
    'empty.str': '',
    'int.string': 42,
    'int.number': -7,
    'int.big': 9007199254740993n,
    double: 2.5,
    bool: false,
    bytes: new Uint8Array([1, 2, 3, 255]),
    array: ['a', 1, []],
    kvlist: { nested: true, deeper: { x: 0.5 } },
    empty: null,
  },
  status: { code: 'ERROR', message: 'it broke' },
  events: [{ name: 'checkpoint', timeUnixNano: 1700000000100000000n, attributes: { step: 3 } }],
  links: [],
  resource,
  scope,
};

const expectedChild: Decoded = {
  traceId: TRACE_ID,
  spanId: CHILD_ID,
  parentSpanId: ROOT_ID,
  traceState: 'vendor=value',
  flags: 257,
  name: 'child',
  kind: 'CONSUMER',
  startTimeUnixNano: 1700000000200000000n,
  endTimeUnixNano: 1700000000300000000n,
  attributes: {},
  status: { code: 'OK' },
  events: [],
  links: [
    { traceId: OTHER_TRACE_ID, spanId: LINKED_ID, traceState: 'a=b', flags: 1, attributes: { 'link.kind': 'follows' } },
  ],
  resource,
  scope,
};

let receiver: OtlpReceiver;

afterEach(async () => {
  await receiver.close();
});

async function receive(send: (receiver: OtlpReceiver) => Promise<unknown>): Promise<ReceivedSpan[]> {
  receiver = await startOtlpReceiver();
  await send(receiver);
  return receiver.waitForSpans(2, { timeoutMs: 5000 });
}

describe('hand-made requests', () => {
  it('decodes OTLP/JSON', async () => {
    const spans = await receive((r) => postJson(r.tracesUrl, jsonRequest));
    expect(spans).toEqual([
      { ...expectedRoot, protocol: 'http/json' },
      { ...expectedChild, protocol: 'http/json' },
    ]);
  });

  it('decodes gzip-compressed OTLP/JSON', async () => {
    const body = gzipSync(JSON.stringify(jsonRequest));
    const spans = await receive((r) =>
      postTraces(r.tracesUrl, body, { 'content-type': 'application/json; charset=utf-8', 'content-encoding': 'gzip' }),
    );
    expect(spans.map((span) => span.name)).toEqual(['root', 'child']);
  });

  it('decodes binary protobuf over HTTP to the same spans', async () => {
    const body = encodeExportRequest(protobufRequest);
    const spans = await receive((r) => postTraces(r.tracesUrl, body, { 'content-type': 'application/x-protobuf' }));
    expect(spans).toEqual([
      { ...expectedRoot, protocol: 'http/protobuf' },
      { ...expectedChild, protocol: 'http/protobuf' },
    ]);
  });

  it('decodes binary protobuf over gRPC to the same spans', async () => {
    const body = encodeExportRequest(protobufRequest);
    const spans = await receive(async (r) => {
      const { error } = await callGrpcExport(r.grpcEndpoint, body);
      expect(error).toBeNull();
    });
    expect(spans).toEqual([
      { ...expectedRoot, protocol: 'grpc' },
      { ...expectedChild, protocol: 'grpc' },
    ]);
  });

  it('answers success with the response message in the request content type', async () => {
    receiver = await startOtlpReceiver();
    const json = await postJson(receiver.tracesUrl, jsonRequest);
    expect(json.status).toBe(200);
    expect(json.headers.get('content-type')).toBe('application/json');
    expect(JSON.parse(json.body.toString())).toEqual({});

    const proto = await postTraces(receiver.tracesUrl, encodeExportRequest(protobufRequest), {
      'content-type': 'application/x-protobuf',
    });
    expect(proto.status).toBe(200);
    expect(proto.headers.get('content-type')).toBe('application/x-protobuf');
    expect(proto.body.length).toBe(0);
  });

  it('accepts an empty request and one without spans', async () => {
    receiver = await startOtlpReceiver();
    expect((await postJson(receiver.tracesUrl, {})).status).toBe(200);
    expect((await postJson(receiver.tracesUrl, { resourceSpans: [{ scopeSpans: [{ spans: [] }] }] })).status).toBe(200);
    expect(receiver.spans).toEqual([]);
    expect(receiver.requests.map((request) => request.spanCount)).toEqual([0, 0]);
  });

  it('keeps an attribute named __proto__ as a plain key', async () => {
    receiver = await startOtlpReceiver();
    await postJson(receiver.tracesUrl, {
      resourceSpans: [
        {
          scopeSpans: [
            {
              spans: [
                {
                  traceId: TRACE_ID,
                  spanId: ROOT_ID,
                  name: 'proto',
                  attributes: [{ key: '__proto__', value: { stringValue: 'polluted?' } }],
                },
              ],
            },
          ],
        },
      ],
    });
    const [span] = await receiver.waitForSpans(1);
    expect(Object.keys(span?.attributes ?? {})).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(span?.attributes)).toBe(Object.prototype);
    expect(span?.scope).toEqual({ name: '' });
    expect(span?.resource).toEqual({});
    expect(span?.kind).toBe('UNSPECIFIED');
    expect(span?.status).toEqual({ code: 'UNSET' });
  });
});
