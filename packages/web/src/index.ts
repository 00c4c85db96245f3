export { init } from './init.js';
export { resolveConfig, DEFAULT_COLLECTOR_URL, DEFAULT_SAMPLER, SAMPLER_NAMES, UNKNOWN_SERVICE } from './config.js';
export type { ConfigResolution, ResolvedConfig } from './config.js';
export { CORS_ALLOW_HEADERS, CORS_EXPOSE_HEADERS, shouldPropagate } from './propagation.js';
export { readScriptOptions, scriptSettingSource, SCRIPT_SETTINGS } from './script-config.js';
export type { ScriptSetting } from './script-config.js';
export { serverTraceparent, continueServerTrace, SERVER_TIMING_TRACEPARENT } from './server-timing.js';
export { OtlpJsonExporter, KEEPALIVE_BUDGET_BYTES } from './exporter.js';
export { ATTR_SESSION_ID } from './session.js';
export { ATTR_ENDED_BY_PAGEHIDE } from './open-spans.js';
export { messages } from './messages.js';
export { PACKAGE_VERSION } from './version.js';
export type {
  BatchOptions,
  PropagationTarget,
  SamplerName,
  SessionOptions,
  SessionStorageKind,
  TracekitWeb,
  TracekitWebOptions,
} from './types.js';
