/**
 * OTEL_NODE_* (the JavaScript SIG's own variables) and tracekit's TRACEKIT_* variables.
 */
import { warningText as W } from '../../../src/config/warnings.js';
import { INSTRUMENTATION_NAMES, RESOURCE_DETECTOR_NAMES } from '../../../src/types.js';
import { ALL_DETECTORS, DEFAULT_IGNORE_PATHS, type ConfigRow } from '../row.js';

const D = 'OTEL_NODE_RESOURCE_DETECTORS';
const EN = 'OTEL_NODE_ENABLED_INSTRUMENTATIONS';
const DIS = 'OTEL_NODE_DISABLED_INSTRUMENTATIONS';
const ALL_INSTRUMENTATIONS = [...INSTRUMENTATION_NAMES];
const allBut = (...names: string[]) => ALL_INSTRUMENTATIONS.filter((name) => !names.includes(name));

const resourceDetectors: ConfigRow[] = [
  { env: { OTEL_NODE_RESOURCE_DETECTORS: '' }, expected: { resourceDetectors: ALL_DETECTORS }, warnings: [] },
  { env: { OTEL_NODE_RESOURCE_DETECTORS: 'all' }, expected: { resourceDetectors: ALL_DETECTORS }, warnings: [] },
  { env: { OTEL_NODE_RESOURCE_DETECTORS: 'ALL' }, expected: { resourceDetectors: ALL_DETECTORS }, warnings: [] },
  { env: { OTEL_NODE_RESOURCE_DETECTORS: 'none' }, expected: { resourceDetectors: [] }, warnings: [] },
  { env: { OTEL_NODE_RESOURCE_DETECTORS: 'env,host' }, expected: { resourceDetectors: ['env', 'host'] }, warnings: [] },
  {
    env: { OTEL_NODE_RESOURCE_DETECTORS: ' Env , HOST,env ' },
    expected: { resourceDetectors: ['env', 'host'] },
    warnings: [],
    why: 'case, spaces and duplicates',
  },
  {
    env: { OTEL_NODE_RESOURCE_DETECTORS: 'serviceinstance,container,process,os' },
    expected: { resourceDetectors: ['serviceinstance', 'container', 'process', 'os'] },
    warnings: [],
  },
  { env: { OTEL_NODE_RESOURCE_DETECTORS: 'none,env' }, expected: { resourceDetectors: [] }, warnings: [], why: 'none wins' },
  { env: { OTEL_NODE_RESOURCE_DETECTORS: 'env,all' }, expected: { resourceDetectors: ALL_DETECTORS }, warnings: [] },
  {
    env: { OTEL_NODE_RESOURCE_DETECTORS: 'aws' },
    expected: { resourceDetectors: ALL_DETECTORS },
    warnings: [W.invalidListEntry(D, 'aws', RESOURCE_DETECTOR_NAMES), W.emptyListAfterFiltering(D, 'all')],
  },
  {
    env: { OTEL_NODE_RESOURCE_DETECTORS: 'env,gcp' },
    expected: { resourceDetectors: ['env'] },
    warnings: [W.invalidListEntry(D, 'gcp', RESOURCE_DETECTOR_NAMES)],
  },
  {
    env: { KUBERNETES_SERVICE_HOST: '10.96.0.1' },
    expected: { resourceDetectors: ['env', 'host', 'os', 'process', 'serviceinstance', 'k8s'] },
    warnings: [],
    why: 'in a pod, all means k8s instead of container',
  },
  { env: { KUBERNETES_SERVICE_HOST: '' }, expected: { resourceDetectors: ALL_DETECTORS }, warnings: [], why: 'empty is not in a pod' },
  { env: { KUBERNETES_SERVICE_HOST: '   ' }, expected: { resourceDetectors: ALL_DETECTORS }, warnings: [], why: 'blank is not in a pod' },
  { env: { OTEL_NODE_RESOURCE_DETECTORS: 'env,K8S' }, expected: { resourceDetectors: ['env', 'k8s'] }, warnings: [] },
  {
    env: { KUBERNETES_SERVICE_HOST: '10.96.0.1', OTEL_NODE_RESOURCE_DETECTORS: 'env,host' },
    expected: { resourceDetectors: ['env', 'host'] },
    warnings: [],
    why: 'an explicit list is kept as is in a pod',
  },
  {
    env: { OTEL_NODE_RESOURCE_DETECTORS: ' , ' },
    expected: { resourceDetectors: ALL_DETECTORS },
    warnings: [W.emptyListAfterFiltering(D, 'all')],
  },
];

const instrumentations: ConfigRow[] = [
  { env: { OTEL_NODE_ENABLED_INSTRUMENTATIONS: '' }, expected: { instrumentations: ALL_INSTRUMENTATIONS }, warnings: [] },
  { env: { OTEL_NODE_ENABLED_INSTRUMENTATIONS: 'http,express' }, expected: { instrumentations: ['http', 'express'] }, warnings: [] },
  { env: { OTEL_NODE_ENABLED_INSTRUMENTATIONS: 'pg,http' }, expected: { instrumentations: ['pg', 'http'] }, warnings: [], why: 'order as given' },
  {
    env: { OTEL_NODE_ENABLED_INSTRUMENTATIONS: 'HTTP, Express ,http' },
    expected: { instrumentations: ['http', 'express'] },
    warnings: [],
  },
  {
    env: { OTEL_NODE_ENABLED_INSTRUMENTATIONS: 'http,fs' },
    expected: { instrumentations: ['http'] },
    warnings: [W.invalidListEntry(EN, 'fs', INSTRUMENTATION_NAMES)],
  },
  {
    env: { OTEL_NODE_ENABLED_INSTRUMENTATIONS: '@opentelemetry/instrumentation-http' },
    expected: { instrumentations: ALL_INSTRUMENTATIONS },
    warnings: [
      W.invalidListEntry(EN, '@opentelemetry/instrumentation-http', INSTRUMENTATION_NAMES),
      W.emptyListAfterFiltering(EN, INSTRUMENTATION_NAMES.join(',')),
    ],
    why: 'short names only',
  },
  { env: { OTEL_NODE_DISABLED_INSTRUMENTATIONS: '' }, expected: { instrumentations: ALL_INSTRUMENTATIONS }, warnings: [] },
  {
    env: { OTEL_NODE_DISABLED_INSTRUMENTATIONS: 'pino,Winston' },
    expected: { instrumentations: allBut('pino', 'winston') },
    warnings: [],
  },
  {
    env: { OTEL_NODE_DISABLED_INSTRUMENTATIONS: 'fs' },
    expected: { instrumentations: ALL_INSTRUMENTATIONS },
    warnings: [W.invalidListEntry(DIS, 'fs', INSTRUMENTATION_NAMES)],
  },
  {
    env: { OTEL_NODE_DISABLED_INSTRUMENTATIONS: INSTRUMENTATION_NAMES.join(',') },
    expected: { instrumentations: [] },
    warnings: [],
  },
  {
    env: { OTEL_NODE_ENABLED_INSTRUMENTATIONS: 'http,pg', OTEL_NODE_DISABLED_INSTRUMENTATIONS: 'pg' },
    expected: { instrumentations: ['http'] },
    warnings: [],
    why: 'disabled wins over enabled',
  },
  {
    env: { OTEL_NODE_ENABLED_INSTRUMENTATIONS: 'http', OTEL_NODE_DISABLED_INSTRUMENTATIONS: 'http' },
    expected: { instrumentations: [] },
    warnings: [],
  },
];

const ignorePaths: ConfigRow[] = [
  { env: { TRACEKIT_IGNORE_PATHS: '/health,/metrics' }, expected: { ignorePaths: ['/health', '/metrics'] }, warnings: [] },
  { env: { TRACEKIT_IGNORE_PATHS: ' /a , ,/b ' }, expected: { ignorePaths: ['/a', '/b'] }, warnings: [] },
  { env: { TRACEKIT_IGNORE_PATHS: '' }, expected: { ignorePaths: DEFAULT_IGNORE_PATHS }, warnings: [] },
  { env: { TRACEKIT_IGNORE_PATHS: ',' }, expected: { ignorePaths: [] }, warnings: [], why: 'an explicitly empty list ignores nothing' },
];

const ignoreProbes: ConfigRow[] = [
  { env: { TRACEKIT_IGNORE_PROBES: 'false' }, expected: { ignoreProbes: false }, warnings: [] },
  { env: { TRACEKIT_IGNORE_PROBES: 'FALSE' }, expected: { ignoreProbes: false }, warnings: [] },
  { env: { TRACEKIT_IGNORE_PROBES: 'true' }, expected: { ignoreProbes: true }, warnings: [] },
  { env: { TRACEKIT_IGNORE_PROBES: '' }, expected: { ignoreProbes: true }, warnings: [] },
  {
    env: { TRACEKIT_IGNORE_PROBES: 'no' },
    expected: { ignoreProbes: true },
    warnings: [W.invalidBoolean('TRACEKIT_IGNORE_PROBES', 'no', true)],
  },
  {
    env: { TRACEKIT_IGNORE_PROBES: '0' },
    expected: { ignoreProbes: true },
    warnings: [W.invalidBoolean('TRACEKIT_IGNORE_PROBES', '0', true)],
  },
];

const ST = 'TRACEKIT_SHUTDOWN_TIMEOUT';

const shutdownTimeout: ConfigRow[] = [
  { env: { TRACEKIT_SHUTDOWN_TIMEOUT: '2000' }, expected: { shutdownTimeoutMillis: 2000 }, warnings: [] },
  { env: { TRACEKIT_SHUTDOWN_TIMEOUT: '0' }, expected: { shutdownTimeoutMillis: 0 }, warnings: [] },
  { env: { TRACEKIT_SHUTDOWN_TIMEOUT: '' }, expected: { shutdownTimeoutMillis: 5000 }, warnings: [] },
  { env: { TRACEKIT_SHUTDOWN_TIMEOUT: '-1' }, expected: { shutdownTimeoutMillis: 5000 }, warnings: [W.invalidInteger(ST, '-1', '5000')] },
  { env: { TRACEKIT_SHUTDOWN_TIMEOUT: '2.5' }, expected: { shutdownTimeoutMillis: 5000 }, warnings: [W.invalidInteger(ST, '2.5', '5000')] },
  { env: { TRACEKIT_SHUTDOWN_TIMEOUT: '5s' }, expected: { shutdownTimeoutMillis: 5000 }, warnings: [W.invalidInteger(ST, '5s', '5000')] },
];

const handleSignals: ConfigRow[] = [
  { env: { TRACEKIT_HANDLE_SIGNALS: 'false' }, expected: { handleSignals: false }, warnings: [] },
  { env: { TRACEKIT_HANDLE_SIGNALS: 'True' }, expected: { handleSignals: true }, warnings: [] },
  { env: { TRACEKIT_HANDLE_SIGNALS: '' }, expected: { handleSignals: true }, warnings: [] },
  {
    env: { TRACEKIT_HANDLE_SIGNALS: 'off' },
    expected: { handleSignals: true },
    warnings: [W.invalidBoolean('TRACEKIT_HANDLE_SIGNALS', 'off', true)],
  },
];

const baggageAttributes: ConfigRow[] = [
  { env: { TRACEKIT_BAGGAGE_ATTRIBUTES: 'tenant.id' }, expected: { baggageAttributes: ['tenant.id'] }, warnings: [] },
  { env: { TRACEKIT_BAGGAGE_ATTRIBUTES: ' tenant.id , user.tier ,' }, expected: { baggageAttributes: ['tenant.id', 'user.tier'] }, warnings: [] },
  { env: { TRACEKIT_BAGGAGE_ATTRIBUTES: '' }, expected: { baggageAttributes: [] }, warnings: [] },
  { env: { TRACEKIT_BAGGAGE_ATTRIBUTES: ',,' }, expected: { baggageAttributes: [] }, warnings: [], why: 'only separators' },
];

const EL = 'TRACEKIT_EXPRESS_LAYER_SPANS';

const expressLayerSpans: ConfigRow[] = [
  { env: { TRACEKIT_EXPRESS_LAYER_SPANS: 'true' }, expected: { expressLayerSpans: true }, warnings: [] },
  { env: { TRACEKIT_EXPRESS_LAYER_SPANS: 'TRUE' }, expected: { expressLayerSpans: true }, warnings: [] },
  { env: { TRACEKIT_EXPRESS_LAYER_SPANS: 'false' }, expected: { expressLayerSpans: false }, warnings: [] },
  { env: { TRACEKIT_EXPRESS_LAYER_SPANS: '' }, expected: { expressLayerSpans: false }, warnings: [] },
  { env: { TRACEKIT_EXPRESS_LAYER_SPANS: 'yes' }, expected: { expressLayerSpans: false }, warnings: [W.invalidBoolean(EL, 'yes', false)] },
  { env: { TRACEKIT_EXPRESS_LAYER_SPANS: '1' }, expected: { expressLayerSpans: false }, warnings: [W.invalidBoolean(EL, '1', false)] },
];

export const nodeAndTracekitRows: Record<string, ConfigRow[]> = {
  OTEL_NODE_RESOURCE_DETECTORS: resourceDetectors,
  'OTEL_NODE_ENABLED/DISABLED_INSTRUMENTATIONS': instrumentations,
  TRACEKIT_IGNORE_PATHS: ignorePaths,
  TRACEKIT_IGNORE_PROBES: ignoreProbes,
  TRACEKIT_SHUTDOWN_TIMEOUT: shutdownTimeout,
  TRACEKIT_HANDLE_SIGNALS: handleSignals,
  TRACEKIT_EXPRESS_LAYER_SPANS: expressLayerSpans,
  TRACEKIT_BAGGAGE_ATTRIBUTES: baggageAttributes,
};
