/**
 * OTEL_EXPORTER_OTLP_* and OTEL_EXPORTER_OTLP_TRACES_*.
 *
 * Every setting has a generic and a signal-specific variable; the signal-specific one wins.
 * A bad value is "treated as not set" (spec, Numeric; Enum: "gracefully ignore the setting"),
 * so a bad signal-specific value falls through to the generic one, not to the default.
 */
import { expect } from 'vitest';
import { warningText as W } from '../../../src/config/warnings.js';
import { OTLP_COMPRESSIONS, OTLP_PROTOCOLS } from '../../../src/types.js';
import { DEFAULT_GRPC_ENDPOINT, DEFAULT_HTTP_ENDPOINT, INDEFINITE_TIMEOUT, type ConfigRow } from '../row.js';

const FALLS_THROUGH = 'a bad signal-specific value is treated as not set, so the generic one applies';

const protocol: ConfigRow[] = [
  { env: { OTEL_EXPORTER_OTLP_PROTOCOL: '' }, expected: { otlp: { protocol: 'http/protobuf', endpoint: DEFAULT_HTTP_ENDPOINT } }, warnings: [] },
  { env: { OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' }, expected: { otlp: { protocol: 'grpc', endpoint: DEFAULT_GRPC_ENDPOINT } }, warnings: [] },
  { env: { OTEL_EXPORTER_OTLP_PROTOCOL: 'GRPC' }, expected: { otlp: { protocol: 'grpc' } }, warnings: [] },
  { env: { OTEL_EXPORTER_OTLP_PROTOCOL: ' grpc ' }, expected: { otlp: { protocol: 'grpc' } }, warnings: [] },
  { env: { OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' }, expected: { otlp: { protocol: 'http/json', endpoint: DEFAULT_HTTP_ENDPOINT } }, warnings: [] },
  { env: { OTEL_EXPORTER_OTLP_PROTOCOL: 'HTTP/Protobuf' }, expected: { otlp: { protocol: 'http/protobuf' } }, warnings: [] },
  {
    env: { OTEL_EXPORTER_OTLP_PROTOCOL: 'http' },
    expected: { otlp: { protocol: 'http/protobuf', endpoint: DEFAULT_HTTP_ENDPOINT } },
    warnings: [W.invalidEnum('OTEL_EXPORTER_OTLP_PROTOCOL', 'http', OTLP_PROTOCOLS, 'http/protobuf')],
  },
  {
    env: { OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf,grpc' },
    expected: { otlp: { protocol: 'http/protobuf' } },
    warnings: [W.invalidEnum('OTEL_EXPORTER_OTLP_PROTOCOL', 'http/protobuf,grpc', OTLP_PROTOCOLS, 'http/protobuf')],
    why: 'not a list',
  },
  {
    env: { OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'grpc', OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' },
    expected: { otlp: { protocol: 'grpc', endpoint: DEFAULT_GRPC_ENDPOINT } },
    warnings: [],
  },
  {
    env: { OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/json', OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' },
    expected: { otlp: { protocol: 'http/json', endpoint: DEFAULT_HTTP_ENDPOINT } },
    warnings: [],
  },
  {
    env: { OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: '', OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' },
    expected: { otlp: { protocol: 'grpc' } },
    warnings: [],
    why: 'empty signal-specific means unset',
  },
  {
    env: { OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'spdy', OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' },
    expected: { otlp: { protocol: 'grpc', endpoint: DEFAULT_GRPC_ENDPOINT } },
    warningsMention: ['OTEL_EXPORTER_OTLP_TRACES_PROTOCOL'],
    why: FALLS_THROUGH,
  },
  {
    env: { OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'grpc', OTEL_EXPORTER_OTLP_PROTOCOL: 'spdy' },
    expected: { otlp: { protocol: 'grpc' } },
    why: 'the generic value is never used',
  },
];

const endpoint: ConfigRow[] = [
  // Generic endpoint, HTTP: a base URL to which v1/traces is appended.
  { env: { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }, expected: { otlp: { endpoint: 'http://collector:4318/v1/traces' } }, warnings: [] },
  { env: { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' }, expected: { otlp: { endpoint: 'http://collector:4318/v1/traces' } }, warnings: [] },
  {
    env: { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/mycollector' },
    expected: { otlp: { endpoint: 'http://collector:4318/mycollector/v1/traces' } },
    warnings: [],
  },
  {
    env: { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/mycollector/' },
    expected: { otlp: { endpoint: 'http://collector:4318/mycollector/v1/traces' } },
    warnings: [],
  },
  { env: { OTEL_EXPORTER_OTLP_ENDPOINT: 'https://otlp.example.com' }, expected: { otlp: { endpoint: 'https://otlp.example.com/v1/traces' } }, warnings: [] },
  { env: { OTEL_EXPORTER_OTLP_ENDPOINT: ' http://collector:4318 ' }, expected: { otlp: { endpoint: 'http://collector:4318/v1/traces' } }, warnings: [] },
  { env: { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://[::1]:4318' }, expected: { otlp: { endpoint: 'http://[::1]:4318/v1/traces' } }, warnings: [] },
  {
    env: { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' },
    expected: { otlp: { protocol: 'http/json', endpoint: 'http://collector:4318/v1/traces' } },
    warnings: [],
  },
  {
    env: { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318?tenant=a' },
    expected: { otlp: { endpoint: expect.stringMatching(/^http:\/\/collector:4318\/v1\/traces(\?tenant=a)?$/) } },
    warnings: [],
    why: 'spec: v1/traces is a path relative to the base URL, not text appended to its query',
  },
  { env: { OTEL_EXPORTER_OTLP_ENDPOINT: '' }, expected: { otlp: { endpoint: DEFAULT_HTTP_ENDPOINT } }, warnings: [] },
  // Signal-specific endpoint: used as is.
  {
    env: { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/custom/traces' },
    expected: { otlp: { endpoint: 'http://collector:4318/custom/traces' } },
    warnings: [],
  },
  {
    env: { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318' },
    expected: { otlp: { endpoint: 'http://collector:4318' } },
    warnings: [],
    why: 'no v1/traces appended',
  },
  {
    env: { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://collector.example.com/v1/traces/' },
    expected: { otlp: { endpoint: 'https://collector.example.com/v1/traces/' } },
    warnings: [],
  },
  {
    env: { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://traces:4318/v1/traces', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://all:4318' },
    expected: { otlp: { endpoint: 'http://traces:4318/v1/traces' } },
    warnings: [],
  },
  {
    env: { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: '', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://all:4318' },
    expected: { otlp: { endpoint: 'http://all:4318/v1/traces' } },
    warnings: [],
  },
  // gRPC: generic and signal-specific both used as is; host:port without a scheme accepted.
  { env: { OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4317' }, expected: { otlp: { endpoint: 'http://collector:4317' } }, warnings: [] },
  { env: { OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc', OTEL_EXPORTER_OTLP_ENDPOINT: 'https://collector:4317' }, expected: { otlp: { endpoint: 'https://collector:4317' } }, warnings: [] },
  { env: { OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc', OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4317' }, expected: { otlp: { endpoint: 'collector:4317' } }, warnings: [] },
  { env: { OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc', OTEL_EXPORTER_OTLP_ENDPOINT: '[::1]:4317' }, expected: { otlp: { endpoint: '[::1]:4317' } }, warnings: [] },
  {
    env: { OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'otel-collector.observability.svc:4317' },
    expected: { otlp: { endpoint: 'otel-collector.observability.svc:4317' } },
    warnings: [],
  },
  {
    env: { OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc', OTEL_EXPORTER_OTLP_ENDPOINT: 'unix:///var/run/otel.sock' },
    expected: { otlp: { endpoint: 'unix:///var/run/otel.sock' } },
    warnings: [],
    why: 'spec: gRPC SHOULD accept any form the gRPC client accepts',
  },
  {
    env: { OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc', OTEL_EXPORTER_OTLP_ENDPOINT: 'collector' },
    expected: { otlp: { endpoint: DEFAULT_GRPC_ENDPOINT } },
    warnings: [W.invalidUrl('OTEL_EXPORTER_OTLP_ENDPOINT', 'collector', DEFAULT_GRPC_ENDPOINT)],
    why: 'no port',
  },
  // Invalid URLs.
  {
    env: { OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' },
    expected: { otlp: { endpoint: DEFAULT_HTTP_ENDPOINT } },
    warnings: [W.invalidUrl('OTEL_EXPORTER_OTLP_ENDPOINT', 'collector:4318', DEFAULT_HTTP_ENDPOINT)],
    why: 'HTTP needs a scheme',
  },
  {
    env: { OTEL_EXPORTER_OTLP_ENDPOINT: 'not a url' },
    expected: { otlp: { endpoint: DEFAULT_HTTP_ENDPOINT } },
    warnings: [W.invalidUrl('OTEL_EXPORTER_OTLP_ENDPOINT', 'not a url', DEFAULT_HTTP_ENDPOINT)],
  },
  {
    env: { OTEL_EXPORTER_OTLP_ENDPOINT: 'ftp://collector:4318' },
    expected: { otlp: { endpoint: DEFAULT_HTTP_ENDPOINT } },
    warnings: [W.invalidUrl('OTEL_EXPORTER_OTLP_ENDPOINT', 'ftp://collector:4318', DEFAULT_HTTP_ENDPOINT)],
  },
  {
    env: { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://' },
    expected: { otlp: { endpoint: DEFAULT_HTTP_ENDPOINT } },
    warnings: [W.invalidUrl('OTEL_EXPORTER_OTLP_ENDPOINT', 'http://', DEFAULT_HTTP_ENDPOINT)],
  },
  {
    env: { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://user:s3cret@' },
    expected: { otlp: { endpoint: DEFAULT_HTTP_ENDPOINT } },
    warnings: [`OTEL_EXPORTER_OTLP_ENDPOINT="http://[redacted]@" is not a valid http(s) URL; using ${DEFAULT_HTTP_ENDPOINT}.`],
    why: 'credentials redacted in the warning',
  },
  {
    env: { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'collector:4318' },
    expected: { otlp: { endpoint: DEFAULT_HTTP_ENDPOINT } },
    warnings: [W.invalidUrl('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', 'collector:4318', DEFAULT_HTTP_ENDPOINT)],
  },
  {
    env: { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'htp:/typo', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' },
    expected: { otlp: { endpoint: 'http://collector:4318/v1/traces' } },
    warningsMention: ['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT'],
    why: FALLS_THROUGH,
  },
];

const H = 'OTEL_EXPORTER_OTLP_HEADERS';
const TH = 'OTEL_EXPORTER_OTLP_TRACES_HEADERS';

const headers: ConfigRow[] = [
  { env: { OTEL_EXPORTER_OTLP_HEADERS: 'api-key=secret' }, expected: {}, exact: { 'otlp.headers': { 'api-key': 'secret' } }, warnings: [] },
  {
    env: { OTEL_EXPORTER_OTLP_HEADERS: 'Authorization=Bearer%20abc' },
    expected: {},
    exact: { 'otlp.headers': { authorization: 'Bearer abc' } },
    warnings: [],
    why: 'percent-decoded value, lower-cased name',
  },
  {
    env: { OTEL_EXPORTER_OTLP_HEADERS: ' a = 1 , b=2 ,, ' },
    expected: {},
    exact: { 'otlp.headers': { a: '1', b: '2' } },
    warnings: [],
  },
  {
    env: { OTEL_EXPORTER_OTLP_HEADERS: 'x-token=YWJjZA==' },
    expected: {},
    exact: { 'otlp.headers': { 'x-token': 'YWJjZA==' } },
    warnings: [],
    why: '"=" inside a value (base64 padding)',
  },
  { env: { OTEL_EXPORTER_OTLP_HEADERS: 'A=1,a=2' }, expected: {}, exact: { 'otlp.headers': { a: '2' } }, warnings: [] },
  { env: { OTEL_EXPORTER_OTLP_HEADERS: '' }, expected: {}, exact: { 'otlp.headers': {} }, warnings: [] },
  {
    env: { OTEL_EXPORTER_OTLP_HEADERS: 'a=1,secret-token-only,b=2' },
    expected: {},
    exact: { 'otlp.headers': { a: '1', b: '2' } },
    warnings: [W.invalidHeaders(H, 2)],
    why: 'bad entry skipped, its text not shown',
  },
  { env: { OTEL_EXPORTER_OTLP_HEADERS: '=orphan' }, expected: {}, exact: { 'otlp.headers': {} }, warnings: [W.invalidHeaders(H, 1)] },
  {
    env: { OTEL_EXPORTER_OTLP_HEADERS: 'ok=1,key=%ZZsecret' },
    expected: {},
    exact: { 'otlp.headers': { ok: '1' } },
    warnings: [W.invalidHeaders(H, 2)],
    why: 'bad percent-encoding',
  },
  {
    env: { OTEL_EXPORTER_OTLP_HEADERS: 'bad key=v,good=1' },
    expected: {},
    exact: { 'otlp.headers': { good: '1' } },
    warnings: [W.invalidHeaders(H, 1)],
    why: 'W3C Baggage: a key is a token, so it has no spaces',
  },
  {
    env: { OTEL_EXPORTER_OTLP_TRACES_HEADERS: 'b=2', OTEL_EXPORTER_OTLP_HEADERS: 'a=1' },
    expected: {},
    exact: { 'otlp.headers': { b: '2' } },
    warnings: [],
    why: 'signal-specific replaces generic as a whole',
  },
  {
    env: { OTEL_EXPORTER_OTLP_TRACES_HEADERS: '', OTEL_EXPORTER_OTLP_HEADERS: 'a=1' },
    expected: {},
    exact: { 'otlp.headers': { a: '1' } },
    warnings: [],
  },
  {
    env: { OTEL_EXPORTER_OTLP_TRACES_HEADERS: 'b=2,junk' },
    expected: {},
    exact: { 'otlp.headers': { b: '2' } },
    warnings: [W.invalidHeaders(TH, 2)],
  },
];

const T = 'OTEL_EXPORTER_OTLP_TIMEOUT';
const TT = 'OTEL_EXPORTER_OTLP_TRACES_TIMEOUT';

const timeout: ConfigRow[] = [
  { env: { OTEL_EXPORTER_OTLP_TIMEOUT: '5000' }, expected: { otlp: { timeoutMillis: 5000 } }, warnings: [] },
  { env: { OTEL_EXPORTER_OTLP_TIMEOUT: ' 2500 ' }, expected: { otlp: { timeoutMillis: 2500 } }, warnings: [] },
  { env: { OTEL_EXPORTER_OTLP_TIMEOUT: '' }, expected: { otlp: { timeoutMillis: 10_000 } }, warnings: [] },
  { env: { OTEL_EXPORTER_OTLP_TIMEOUT: 'abc' }, expected: { otlp: { timeoutMillis: 10_000 } }, warnings: [W.invalidInteger(T, 'abc', '10000')] },
  { env: { OTEL_EXPORTER_OTLP_TIMEOUT: '-1' }, expected: { otlp: { timeoutMillis: 10_000 } }, warnings: [W.invalidInteger(T, '-1', '10000')] },
  { env: { OTEL_EXPORTER_OTLP_TIMEOUT: '1.5' }, expected: { otlp: { timeoutMillis: 10_000 } }, warnings: [W.invalidInteger(T, '1.5', '10000')] },
  { env: { OTEL_EXPORTER_OTLP_TIMEOUT: '1e4' }, expected: { otlp: { timeoutMillis: 10_000 } }, warnings: [W.invalidInteger(T, '1e4', '10000')] },
  { env: { OTEL_EXPORTER_OTLP_TIMEOUT: '10s' }, expected: { otlp: { timeoutMillis: 10_000 } }, warnings: [W.invalidInteger(T, '10s', '10000')] },
  {
    env: { OTEL_EXPORTER_OTLP_TIMEOUT: '99999999999999999999' },
    expected: { otlp: { timeoutMillis: 10_000 } },
    warnings: [W.invalidInteger(T, '99999999999999999999', '10000')],
    why: 'beyond a safe integer',
  },
  {
    env: { OTEL_EXPORTER_OTLP_TIMEOUT: '0' },
    expected: { otlp: { timeoutMillis: INDEFINITE_TIMEOUT } },
    warnings: [],
    why: 'spec: timeout zero SHOULD be interpreted as indefinite',
  },
  { env: { OTEL_EXPORTER_OTLP_TRACES_TIMEOUT: '3000', OTEL_EXPORTER_OTLP_TIMEOUT: '5000' }, expected: { otlp: { timeoutMillis: 3000 } }, warnings: [] },
  { env: { OTEL_EXPORTER_OTLP_TRACES_TIMEOUT: '', OTEL_EXPORTER_OTLP_TIMEOUT: '5000' }, expected: { otlp: { timeoutMillis: 5000 } }, warnings: [] },
  {
    env: { OTEL_EXPORTER_OTLP_TRACES_TIMEOUT: '-3' },
    expected: { otlp: { timeoutMillis: 10_000 } },
    warnings: [W.invalidInteger(TT, '-3', '10000')],
  },
  {
    env: { OTEL_EXPORTER_OTLP_TRACES_TIMEOUT: 'abc', OTEL_EXPORTER_OTLP_TIMEOUT: '5000' },
    expected: { otlp: { timeoutMillis: 5000 } },
    warningsMention: [TT],
    why: FALLS_THROUGH,
  },
];

const C = 'OTEL_EXPORTER_OTLP_COMPRESSION';

const compression: ConfigRow[] = [
  { env: { OTEL_EXPORTER_OTLP_COMPRESSION: 'gzip' }, expected: { otlp: { compression: 'gzip' } }, warnings: [] },
  { env: { OTEL_EXPORTER_OTLP_COMPRESSION: 'GZIP' }, expected: { otlp: { compression: 'gzip' } }, warnings: [] },
  { env: { OTEL_EXPORTER_OTLP_COMPRESSION: 'none' }, expected: { otlp: { compression: 'none' } }, warnings: [] },
  { env: { OTEL_EXPORTER_OTLP_COMPRESSION: '' }, expected: { otlp: { compression: 'none' } }, warnings: [] },
  {
    env: { OTEL_EXPORTER_OTLP_COMPRESSION: 'deflate' },
    expected: { otlp: { compression: 'none' } },
    warnings: [W.invalidEnum(C, 'deflate', OTLP_COMPRESSIONS, 'none')],
  },
  {
    env: { OTEL_EXPORTER_OTLP_TRACES_COMPRESSION: 'none', OTEL_EXPORTER_OTLP_COMPRESSION: 'gzip' },
    expected: { otlp: { compression: 'none' } },
    warnings: [],
  },
  {
    env: { OTEL_EXPORTER_OTLP_TRACES_COMPRESSION: 'Gzip', OTEL_EXPORTER_OTLP_COMPRESSION: 'none' },
    expected: { otlp: { compression: 'gzip' } },
    warnings: [],
  },
  {
    env: { OTEL_EXPORTER_OTLP_TRACES_COMPRESSION: '', OTEL_EXPORTER_OTLP_COMPRESSION: 'gzip' },
    expected: { otlp: { compression: 'gzip' } },
    warnings: [],
  },
  {
    env: { OTEL_EXPORTER_OTLP_TRACES_COMPRESSION: 'deflate' },
    expected: { otlp: { compression: 'none' } },
    warnings: [W.invalidEnum('OTEL_EXPORTER_OTLP_TRACES_COMPRESSION', 'deflate', OTLP_COMPRESSIONS, 'none')],
  },
  {
    env: { OTEL_EXPORTER_OTLP_TRACES_COMPRESSION: 'zstd', OTEL_EXPORTER_OTLP_COMPRESSION: 'gzip' },
    expected: { otlp: { compression: 'gzip' } },
    warningsMention: ['OTEL_EXPORTER_OTLP_TRACES_COMPRESSION'],
    why: FALLS_THROUGH,
  },
];

const I = 'OTEL_EXPORTER_OTLP_INSECURE';
const TI = 'OTEL_EXPORTER_OTLP_TRACES_INSECURE';

/** Boolean: a bad value is false (spec, Boolean), whatever the generic variable says. */
const insecure: ConfigRow[] = [
  { env: { OTEL_EXPORTER_OTLP_INSECURE: 'true' }, expected: { otlp: { insecure: true } }, warnings: [] },
  { env: { OTEL_EXPORTER_OTLP_INSECURE: 'TRUE' }, expected: { otlp: { insecure: true } }, warnings: [] },
  { env: { OTEL_EXPORTER_OTLP_INSECURE: 'false' }, expected: { otlp: { insecure: false } }, warnings: [] },
  { env: { OTEL_EXPORTER_OTLP_INSECURE: '' }, expected: { otlp: { insecure: false } }, warnings: [] },
  { env: { OTEL_EXPORTER_OTLP_INSECURE: 'yes' }, expected: { otlp: { insecure: false } }, warnings: [W.invalidBoolean(I, 'yes', false)] },
  { env: { OTEL_EXPORTER_OTLP_INSECURE: '1' }, expected: { otlp: { insecure: false } }, warnings: [W.invalidBoolean(I, '1', false)] },
  {
    env: { OTEL_EXPORTER_OTLP_TRACES_INSECURE: 'false', OTEL_EXPORTER_OTLP_INSECURE: 'true' },
    expected: { otlp: { insecure: false } },
    warnings: [],
  },
  {
    env: { OTEL_EXPORTER_OTLP_TRACES_INSECURE: 'True', OTEL_EXPORTER_OTLP_INSECURE: 'false' },
    expected: { otlp: { insecure: true } },
    warnings: [],
  },
  {
    env: { OTEL_EXPORTER_OTLP_TRACES_INSECURE: '', OTEL_EXPORTER_OTLP_INSECURE: 'true' },
    expected: { otlp: { insecure: true } },
    warnings: [],
  },
  { env: { OTEL_EXPORTER_OTLP_TRACES_INSECURE: 'TRUE' }, expected: { otlp: { insecure: true } }, warnings: [] },
  {
    env: { OTEL_EXPORTER_OTLP_TRACES_INSECURE: 'yes', OTEL_EXPORTER_OTLP_INSECURE: 'true' },
    expected: { otlp: { insecure: false } },
    warnings: [W.invalidBoolean(TI, 'yes', false)],
    why: 'spec: any value but "true" is false',
  },
];

/** File paths are passed on as is; the configuration module does not read files. */
const tlsFiles: ConfigRow[] = [
  {
    env: { OTEL_EXPORTER_OTLP_CERTIFICATE: '/etc/ssl/ca.pem' },
    expected: { otlp: { certificateFile: '/etc/ssl/ca.pem' } },
    warnings: [],
  },
  {
    env: { OTEL_EXPORTER_OTLP_TRACES_CERTIFICATE: '/traces/ca.pem', OTEL_EXPORTER_OTLP_CERTIFICATE: '/all/ca.pem' },
    expected: { otlp: { certificateFile: '/traces/ca.pem' } },
    warnings: [],
  },
  {
    env: { OTEL_EXPORTER_OTLP_TRACES_CERTIFICATE: '', OTEL_EXPORTER_OTLP_CERTIFICATE: '/all/ca.pem' },
    expected: { otlp: { certificateFile: '/all/ca.pem' } },
    warnings: [],
  },
  {
    env: { OTEL_EXPORTER_OTLP_TRACES_CERTIFICATE: '/only/traces-ca.pem' },
    expected: { otlp: { certificateFile: '/only/traces-ca.pem' } },
    warnings: [],
  },
  {
    env: { OTEL_EXPORTER_OTLP_CERTIFICATE: '  /path with spaces/ca.pem  ' },
    expected: { otlp: { certificateFile: '/path with spaces/ca.pem' } },
    warnings: [],
  },
  {
    env: { OTEL_EXPORTER_OTLP_CERTIFICATE: '' },
    expected: {},
    exact: { 'otlp.certificateFile': undefined },
    warnings: [],
  },
  {
    env: { OTEL_EXPORTER_OTLP_CERTIFICATE: '/does/not/exist.pem' },
    expected: { otlp: { certificateFile: '/does/not/exist.pem' } },
    warnings: [],
    why: 'not read here, so no warning yet',
  },
  {
    env: { OTEL_EXPORTER_OTLP_CLIENT_KEY: '/etc/ssl/client.key' },
    expected: { otlp: { clientKeyFile: '/etc/ssl/client.key' } },
    warnings: [],
  },
  { env: { OTEL_EXPORTER_OTLP_CLIENT_KEY: '' }, expected: {}, exact: { 'otlp.clientKeyFile': undefined }, warnings: [] },
  {
    env: { OTEL_EXPORTER_OTLP_TRACES_CLIENT_KEY: '/only/traces.key' },
    expected: { otlp: { clientKeyFile: '/only/traces.key' } },
    warnings: [],
  },
  {
    env: { OTEL_EXPORTER_OTLP_TRACES_CLIENT_KEY: '/traces/client.key', OTEL_EXPORTER_OTLP_CLIENT_KEY: '/all/client.key' },
    expected: { otlp: { clientKeyFile: '/traces/client.key' } },
    warnings: [],
  },
  {
    env: { OTEL_EXPORTER_OTLP_TRACES_CLIENT_KEY: ' ', OTEL_EXPORTER_OTLP_CLIENT_KEY: '/all/client.key' },
    expected: { otlp: { clientKeyFile: '/all/client.key' } },
    warnings: [],
  },
  {
    env: { OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE: '/etc/ssl/client.crt' },
    expected: { otlp: { clientCertificateFile: '/etc/ssl/client.crt' } },
    warnings: [],
  },
  { env: { OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE: '' }, expected: {}, exact: { 'otlp.clientCertificateFile': undefined }, warnings: [] },
  {
    env: { OTEL_EXPORTER_OTLP_TRACES_CLIENT_CERTIFICATE: '/only/traces.crt' },
    expected: { otlp: { clientCertificateFile: '/only/traces.crt' } },
    warnings: [],
  },
  {
    env: {
      OTEL_EXPORTER_OTLP_TRACES_CLIENT_CERTIFICATE: '/traces/client.crt',
      OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE: '/all/client.crt',
    },
    expected: { otlp: { clientCertificateFile: '/traces/client.crt' } },
    warnings: [],
  },
  {
    env: { OTEL_EXPORTER_OTLP_TRACES_CLIENT_CERTIFICATE: '' },
    expected: {},
    exact: { 'otlp.clientCertificateFile': undefined },
    warnings: [],
  },
];

export const otlpRows: Record<string, ConfigRow[]> = {
  'OTEL_EXPORTER_OTLP_(TRACES_)PROTOCOL': protocol,
  'OTEL_EXPORTER_OTLP_(TRACES_)ENDPOINT': endpoint,
  'OTEL_EXPORTER_OTLP_(TRACES_)HEADERS': headers,
  'OTEL_EXPORTER_OTLP_(TRACES_)TIMEOUT': timeout,
  'OTEL_EXPORTER_OTLP_(TRACES_)COMPRESSION': compression,
  'OTEL_EXPORTER_OTLP_(TRACES_)INSECURE': insecure,
  'OTEL_EXPORTER_OTLP_(TRACES_)CERTIFICATE / CLIENT_KEY / CLIENT_CERTIFICATE': tlsFiles,
};
