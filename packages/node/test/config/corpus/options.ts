/**
 * Code options win over env, env over the specification's defaults.
 */
import { DEFAULT_GRPC_ENDPOINT, type ConfigRow } from '../row.js';

export const optionRows: Record<string, ConfigRow[]> = {
  'options override env': [
    {
      env: { OTEL_SERVICE_NAME: 'from-env' },
      options: { serviceName: 'from-code' },
      expected: { serviceName: 'from-code', resourceAttributes: { 'service.name': 'from-code' } },
    },
    { env: { OTEL_SDK_DISABLED: 'true' }, options: { disabled: false }, expected: { disabled: false } },
    { env: { OTEL_TRACES_EXPORTER: 'otlp' }, options: { tracesExporters: ['console'] }, expected: { tracesExporters: ['console'] } },
    {
      env: { OTEL_TRACES_SAMPLER: 'traceidratio', OTEL_TRACES_SAMPLER_ARG: '0.5' },
      options: { sampler: { name: 'always_off' } },
      expected: {},
      exact: { sampler: { name: 'always_off' } },
    },
    { env: { OTEL_PROPAGATORS: 'jaeger' }, options: { propagators: ['b3'] }, expected: { propagators: ['b3'] } },
    {
      env: { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://from-env:4318', OTEL_EXPORTER_OTLP_HEADERS: 'a=1' },
      options: { otlp: { endpoint: 'http://from-code:4318/v1/traces' } },
      expected: { otlp: { endpoint: 'http://from-code:4318/v1/traces', headers: { a: '1' } } },
      why: 'other OTLP settings still come from env',
    },
    {
      env: { OTEL_BSP_SCHEDULE_DELAY: '1', OTEL_BSP_EXPORT_TIMEOUT: '2' },
      options: { batch: { scheduledDelayMillis: 100 } },
      expected: { batch: { scheduledDelayMillis: 100, exportTimeoutMillis: 2 } },
    },
    {
      env: { OTEL_ATTRIBUTE_COUNT_LIMIT: '64', OTEL_SPAN_EVENT_COUNT_LIMIT: '7' },
      options: { spanLimits: { attributeCountLimit: 5 } },
      expected: { spanLimits: { attributeCountLimit: 5, eventCountLimit: 7 } },
    },
    { env: { OTEL_LOG_LEVEL: 'error' }, options: { logLevel: 'debug' }, expected: { logLevel: 'debug' } },
    {
      env: { OTEL_NODE_RESOURCE_DETECTORS: 'none' },
      options: { resourceDetectors: ['env'] },
      expected: { resourceDetectors: ['env'] },
    },
    {
      env: { OTEL_NODE_ENABLED_INSTRUMENTATIONS: 'pg' },
      options: { instrumentations: ['http'] },
      expected: { instrumentations: ['http'] },
    },
    { env: { TRACEKIT_IGNORE_PATHS: '/a' }, options: { ignorePaths: [] }, expected: { ignorePaths: [] } },
    { env: { TRACEKIT_IGNORE_PROBES: 'true' }, options: { ignoreProbes: false }, expected: { ignoreProbes: false } },
    { env: { TRACEKIT_SHUTDOWN_TIMEOUT: '9000' }, options: { shutdownTimeoutMillis: 100 }, expected: { shutdownTimeoutMillis: 100 } },
    { env: { TRACEKIT_HANDLE_SIGNALS: 'true' }, options: { handleSignals: false }, expected: { handleSignals: false } },
    {
      env: { TRACEKIT_EXPRESS_LAYER_SPANS: 'true' },
      options: { expressLayerSpans: false },
      expected: { expressLayerSpans: false },
    },
    {
      env: { OTEL_RESOURCE_ATTRIBUTES: 'team=env,tier=web' },
      options: { resourceAttributes: { team: 'code' } },
      expected: {},
      exact: { resourceAttributes: { team: 'code', tier: 'web', 'service.name': 'unknown_service:node' } },
    },
    {
      env: { OTEL_LOG_LEVEL: 'nonsense' },
      options: { logLevel: 'warn' },
      expected: { logLevel: 'warn' },
      warnings: [],
      why: 'an overridden variable is not read, so not warned about',
    },
  ],
  'options that must stay consistent with env and defaults': [
    {
      env: {},
      options: { otlp: { protocol: 'grpc' } },
      expected: { otlp: { protocol: 'grpc', endpoint: DEFAULT_GRPC_ENDPOINT } },
      why: 'the default endpoint follows the protocol chosen in code',
    },
    {
      env: { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4317' },
      options: { otlp: { protocol: 'grpc' } },
      expected: { otlp: { protocol: 'grpc', endpoint: 'http://collector:4317' } },
      why: 'gRPC uses the generic endpoint as is',
    },
    {
      env: { OTEL_SERVICE_NAME: 'from-env' },
      options: { resourceAttributes: { 'service.name': 'from-code' } },
      expected: { serviceName: 'from-code', resourceAttributes: { 'service.name': 'from-code' } },
      why: 'service.name given in code is code',
    },
    {
      env: {},
      options: { batch: { maxQueueSize: 100 } },
      expected: { batch: { maxQueueSize: 100, maxExportBatchSize: 100 } },
      why: 'batch <= queue also when the queue comes from code',
    },
  ],
};
