export { start, shutdown, exportStats, describeConfig, startMessages } from './start.js';
export type { StartOptions, TracekitHandle } from './start.js';
export { resolveConfig } from './config/index.js';
export type { ConfigResolution, Env, EnvName } from './config/index.js';
export { warningText } from './config/warnings.js';
export { DROP_REASONS, exportMessages } from './export/export-health.js';
export type { DropReason, DroppedSpans, ExportStats } from './export/export-health.js';
export { createIgnoreIncomingRequest } from './ignore-requests.js';
export {
  EXPORTER_NAMES,
  INSTRUMENTATION_NAMES,
  LOG_LEVELS,
  OTLP_COMPRESSIONS,
  OTLP_PROTOCOLS,
  PROPAGATOR_NAMES,
  RESOURCE_DETECTOR_NAMES,
  SAMPLER_NAMES,
} from './types.js';
export type {
  BatchConfig,
  ExporterName,
  InstrumentationName,
  JaegerRemoteSamplerConfig,
  LogLevel,
  OtlpCompression,
  OtlpConfig,
  OtlpProtocol,
  PropagatorName,
  ResolvedConfig,
  ResourceDetectorName,
  SamplerConfig,
  SamplerName,
  SpanLimitsConfig,
  TracekitOptions,
} from './types.js';
