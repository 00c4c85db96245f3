/**
 * OTEL_SDK_DISABLED, OTEL_SERVICE_NAME, OTEL_RESOURCE_ATTRIBUTES, OTEL_LOG_LEVEL.
 */
import { warningText as W } from '../../../src/config/warnings.js';
import { INSTRUMENTATION_NAMES, LOG_LEVELS } from '../../../src/types.js';
import {
  ALL_DETECTORS,
  DEFAULT_BATCH,
  DEFAULT_HTTP_ENDPOINT,
  DEFAULT_IGNORE_PATHS,
  DEFAULT_SERVICE_NAME,
  DEFAULT_SPAN_LIMITS,
  type ConfigRow,
} from '../row.js';

const defaults: ConfigRow = {
  env: {},
  why: 'every default, from the specification',
  expected: {},
  exact: {
    disabled: false,
    serviceName: DEFAULT_SERVICE_NAME,
    resourceAttributes: { 'service.name': DEFAULT_SERVICE_NAME },
    tracesExporters: ['otlp'],
    otlp: {
      protocol: 'http/protobuf',
      endpoint: DEFAULT_HTTP_ENDPOINT,
      headers: {},
      timeoutMillis: 10_000,
      compression: 'none',
      insecure: false,
    },
    sampler: { name: 'parentbased_always_on' },
    propagators: ['tracecontext', 'baggage'],
    batch: DEFAULT_BATCH,
    spanLimits: DEFAULT_SPAN_LIMITS,
    logLevel: 'info',
    resourceDetectors: ALL_DETECTORS,
    instrumentations: [...INSTRUMENTATION_NAMES],
    ignorePaths: DEFAULT_IGNORE_PATHS,
    ignoreProbes: true,
    shutdownTimeoutMillis: 5000,
    handleSignals: true,
    expressLayerSpans: false,
    baggageAttributes: [],
  },
  warnings: [],
};

/** Boolean: true only for case-insensitive "true"; anything but "false"/empty is warned about and is false. */
const sdkDisabled: ConfigRow[] = [
  { env: { OTEL_SDK_DISABLED: 'true' }, expected: { disabled: true }, warnings: [] },
  { env: { OTEL_SDK_DISABLED: 'TRUE' }, expected: { disabled: true }, warnings: [] },
  { env: { OTEL_SDK_DISABLED: 'True' }, expected: { disabled: true }, warnings: [] },
  { env: { OTEL_SDK_DISABLED: ' true ' }, expected: { disabled: true }, warnings: [], why: 'surrounding whitespace' },
  { env: { OTEL_SDK_DISABLED: 'false' }, expected: { disabled: false }, warnings: [] },
  { env: { OTEL_SDK_DISABLED: 'FALSE' }, expected: { disabled: false }, warnings: [] },
  { env: { OTEL_SDK_DISABLED: '' }, expected: { disabled: false }, warnings: [], why: 'empty means unset' },
  { env: { OTEL_SDK_DISABLED: ' \t ' }, expected: { disabled: false }, warnings: [], why: 'whitespace only' },
  { env: { OTEL_SDK_DISABLED: '1' }, expected: { disabled: false }, warnings: [W.invalidBoolean('OTEL_SDK_DISABLED', '1', false)] },
  { env: { OTEL_SDK_DISABLED: 'yes' }, expected: { disabled: false }, warnings: [W.invalidBoolean('OTEL_SDK_DISABLED', 'yes', false)] },
  { env: { OTEL_SDK_DISABLED: 'on' }, expected: { disabled: false }, warnings: [W.invalidBoolean('OTEL_SDK_DISABLED', 'on', false)] },
  { env: { OTEL_SDK_DISABLED: 'truee' }, expected: { disabled: false }, warnings: [W.invalidBoolean('OTEL_SDK_DISABLED', 'truee', false)] },
];

const serviceName: ConfigRow[] = [
  {
    env: { OTEL_SERVICE_NAME: 'checkout' },
    expected: { serviceName: 'checkout' },
    exact: { resourceAttributes: { 'service.name': 'checkout' } },
    warnings: [],
  },
  { env: { OTEL_SERVICE_NAME: '  checkout  ' }, expected: { serviceName: 'checkout' }, warnings: [], why: 'trimmed' },
  { env: { OTEL_SERVICE_NAME: 'café-服务' }, expected: { serviceName: 'café-服务' }, warnings: [], why: 'unicode kept' },
  {
    env: { OTEL_SERVICE_NAME: '' },
    expected: { serviceName: DEFAULT_SERVICE_NAME, resourceAttributes: { 'service.name': DEFAULT_SERVICE_NAME } },
    warnings: [],
  },
  {
    env: { OTEL_SERVICE_NAME: 'from-env', OTEL_RESOURCE_ATTRIBUTES: 'service.name=from-attributes,team=pay' },
    expected: { serviceName: 'from-env' },
    exact: { resourceAttributes: { 'service.name': 'from-env', team: 'pay' } },
    warnings: [],
    why: 'OTEL_SERVICE_NAME wins over service.name in OTEL_RESOURCE_ATTRIBUTES',
  },
  {
    env: { OTEL_SERVICE_NAME: '', OTEL_RESOURCE_ATTRIBUTES: 'service.name=from-attributes' },
    expected: { serviceName: 'from-attributes', resourceAttributes: { 'service.name': 'from-attributes' } },
    warnings: [],
  },
  {
    env: { OTEL_SERVICE_NAME: 'kept', OTEL_RESOURCE_ATTRIBUTES: 'service.name=other,broken' },
    expected: { serviceName: 'kept' },
    exact: { resourceAttributes: { 'service.name': 'kept' } },
    warnings: [W.undecodableResourceAttributes('service.name=other,broken')],
  },
];

/** W3C Baggage-like key=value list; values percent-decoded; any error discards the whole variable. */
const resourceAttributes: ConfigRow[] = [
  {
    env: { OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment.name=prod,service.version=1.2.3' },
    expected: { serviceName: DEFAULT_SERVICE_NAME },
    exact: {
      resourceAttributes: {
        'deployment.environment.name': 'prod',
        'service.version': '1.2.3',
        'service.name': DEFAULT_SERVICE_NAME,
      },
    },
    warnings: [],
  },
  {
    env: { OTEL_RESOURCE_ATTRIBUTES: 'service.name=billing' },
    expected: { serviceName: 'billing' },
    exact: { resourceAttributes: { 'service.name': 'billing' } },
    warnings: [],
  },
  {
    env: { OTEL_RESOURCE_ATTRIBUTES: ' a = 1 ,  b=2 ' },
    expected: {},
    exact: { resourceAttributes: { a: '1', b: '2', 'service.name': DEFAULT_SERVICE_NAME } },
    warnings: [],
    why: 'whitespace around keys and values',
  },
  {
    env: { OTEL_RESOURCE_ATTRIBUTES: 'a=hello%20world,b=x%2Cy,c=%3D,d=caf%C3%A9' },
    expected: {},
    exact: { resourceAttributes: { a: 'hello world', b: 'x,y', c: '=', d: 'café', 'service.name': DEFAULT_SERVICE_NAME } },
    warnings: [],
    why: 'percent-decoding',
  },
  {
    env: { OTEL_RESOURCE_ATTRIBUTES: 'a=1,,b=2,' },
    expected: {},
    exact: { resourceAttributes: { a: '1', b: '2', 'service.name': DEFAULT_SERVICE_NAME } },
    warnings: [],
    why: 'empty entries are skipped',
  },
  {
    env: { OTEL_RESOURCE_ATTRIBUTES: 'a=' },
    expected: {},
    exact: { resourceAttributes: { a: '', 'service.name': DEFAULT_SERVICE_NAME } },
    warnings: [],
    why: 'empty value is a value',
  },
  {
    env: { OTEL_RESOURCE_ATTRIBUTES: 'a=1,a=2' },
    expected: {},
    exact: { resourceAttributes: { a: '2', 'service.name': DEFAULT_SERVICE_NAME } },
    warnings: [],
    why: 'the last duplicate wins',
  },
  {
    env: { OTEL_RESOURCE_ATTRIBUTES: 'my%2Ckey=v,k%3Dx=w' },
    expected: {},
    exact: { resourceAttributes: { 'my,key': 'v', 'k=x': 'w', 'service.name': DEFAULT_SERVICE_NAME } },
    warnings: [],
    why: 'spec: "," and "=" in keys and values MUST be percent encoded, so keys are decoded too',
  },
  {
    env: { OTEL_RESOURCE_ATTRIBUTES: 'a=1,broken' },
    expected: {},
    exact: { resourceAttributes: { 'service.name': DEFAULT_SERVICE_NAME } },
    warnings: [W.undecodableResourceAttributes('a=1,broken')],
    why: 'an entry without "=" discards the whole variable',
  },
  {
    env: { OTEL_RESOURCE_ATTRIBUTES: 'a=1,=2' },
    expected: {},
    exact: { resourceAttributes: { 'service.name': DEFAULT_SERVICE_NAME } },
    warnings: [W.undecodableResourceAttributes('a=1,=2')],
    why: 'empty key',
  },
  {
    env: { OTEL_RESOURCE_ATTRIBUTES: 'a=1,b=%ZZ' },
    expected: {},
    exact: { resourceAttributes: { 'service.name': DEFAULT_SERVICE_NAME } },
    warnings: [W.undecodableResourceAttributes('a=1,b=%ZZ')],
    why: 'bad percent-encoding',
  },
  {
    env: { OTEL_RESOURCE_ATTRIBUTES: 'a=%E0%A4%A' },
    expected: {},
    exact: { resourceAttributes: { 'service.name': DEFAULT_SERVICE_NAME } },
    warnings: [W.undecodableResourceAttributes('a=%E0%A4%A')],
    why: 'truncated UTF-8 sequence',
  },
  {
    env: { OTEL_RESOURCE_ATTRIBUTES: 'service.name=lost,oops' },
    expected: { serviceName: DEFAULT_SERVICE_NAME },
    warnings: [W.undecodableResourceAttributes('service.name=lost,oops')],
    why: 'service.name inside a discarded variable is discarded too',
  },
  {
    env: { OTEL_RESOURCE_ATTRIBUTES: '' },
    expected: {},
    exact: { resourceAttributes: { 'service.name': DEFAULT_SERVICE_NAME } },
    warnings: [],
  },
  {
    env: { OTEL_RESOURCE_ATTRIBUTES: '   ' },
    expected: {},
    exact: { resourceAttributes: { 'service.name': DEFAULT_SERVICE_NAME } },
    warnings: [],
  },
];

const logLevel: ConfigRow[] = [
  { env: { OTEL_LOG_LEVEL: 'debug' }, expected: { logLevel: 'debug' }, warnings: [] },
  { env: { OTEL_LOG_LEVEL: 'DEBUG' }, expected: { logLevel: 'debug' }, warnings: [] },
  { env: { OTEL_LOG_LEVEL: 'Warn' }, expected: { logLevel: 'warn' }, warnings: [] },
  { env: { OTEL_LOG_LEVEL: 'none' }, expected: { logLevel: 'none' }, warnings: [] },
  { env: { OTEL_LOG_LEVEL: 'ALL' }, expected: { logLevel: 'all' }, warnings: [] },
  { env: { OTEL_LOG_LEVEL: ' verbose ' }, expected: { logLevel: 'verbose' }, warnings: [] },
  { env: { OTEL_LOG_LEVEL: 'error' }, expected: { logLevel: 'error' }, warnings: [] },
  { env: { OTEL_LOG_LEVEL: '' }, expected: { logLevel: 'info' }, warnings: [] },
  {
    env: { OTEL_LOG_LEVEL: 'warning' },
    expected: { logLevel: 'info' },
    warnings: [W.invalidEnum('OTEL_LOG_LEVEL', 'warning', LOG_LEVELS, 'info')],
  },
  {
    env: { OTEL_LOG_LEVEL: 'trace' },
    expected: { logLevel: 'info' },
    warnings: [W.invalidEnum('OTEL_LOG_LEVEL', 'trace', LOG_LEVELS, 'info')],
  },
  {
    env: { OTEL_LOG_LEVEL: 'x'.repeat(500) },
    expected: { logLevel: 'info' },
    warnings: [W.invalidEnum('OTEL_LOG_LEVEL', 'x'.repeat(500), LOG_LEVELS, 'info')],
    why: 'a huge value is shortened in the warning',
  },
];

/** The row that pins every default; a test checks it names every key of ResolvedConfig. */
export const defaultsRow = defaults;

export const generalRows: Record<string, ConfigRow[]> = {
  defaults: [defaults],
  OTEL_SDK_DISABLED: sdkDisabled,
  OTEL_SERVICE_NAME: serviceName,
  OTEL_RESOURCE_ATTRIBUTES: resourceAttributes,
  OTEL_LOG_LEVEL: logLevel,
};
