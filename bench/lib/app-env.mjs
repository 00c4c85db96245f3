// The environment of every app a runner starts: the caller's, minus what could change how a
// setup behaves, and one set of OTLP export settings shared by every tracing setup.

/** The caller's environment without OTEL_*, TRACEKIT_* and NODE_OPTIONS. */
export function inheritedEnv(env = process.env) {
  return Object.fromEntries(
    Object.entries(env).filter(([name]) => !name.startsWith('OTEL_') && !name.startsWith('TRACEKIT_') && name !== 'NODE_OPTIONS'),
  );
}

/** Always-on sampling and OTLP/HTTP protobuf export of traces (only) to `endpoint`. */
export function otlpExportEnv(endpoint) {
  return {
    OTEL_SERVICE_NAME: 'tracekit-bench-app',
    OTEL_TRACES_EXPORTER: 'otlp',
    OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
    OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
    OTEL_TRACES_SAMPLER: 'always_on',
    OTEL_METRICS_EXPORTER: 'none',
    OTEL_LOGS_EXPORTER: 'none',
  };
}
