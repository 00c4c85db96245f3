export { resolveConfig, type ConfigResolution } from './resolve-config.js';
export { redactHeaders, redactUrlCredentials } from './redact.js';
export type { Env, EnvName } from './env-names.js';
