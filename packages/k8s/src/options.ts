import { hostname as osHostname } from 'node:os';
import { envValue, type K8sEnv } from './env-names.js';
import type { ServiceInstanceIdFormat } from './service-instance-id.js';
import type { K8sDetectorOptions } from './types.js';

export const DEFAULT_PODINFO_DIR = '/etc/podinfo';

/** Options with every default applied. */
export interface ResolvedK8sOptions {
  readonly env: K8sEnv;
  readonly root: string;
  readonly podinfoDir: string;
  readonly hostname: () => string | undefined;
  readonly serviceInstanceId: ServiceInstanceIdFormat;
}

/**
 * Options, then env, then defaults. The only place this package looks at `process.env`, and
 * only when the caller passed no `env`.
 */
export function resolveK8sOptions(options: K8sDetectorOptions = {}): ResolvedK8sOptions {
  const env = options.env ?? process.env;
  const hostname = options.hostname;
  return Object.freeze({
    env,
    root: options.root ?? '/',
    podinfoDir: options.podinfoDir ?? envValue(env, 'TRACEKIT_K8S_PODINFO_DIR') ?? DEFAULT_PODINFO_DIR,
    hostname: typeof hostname === 'function' ? hostname : () => hostname ?? osHostname(),
    serviceInstanceId: options.serviceInstanceId ?? 'name',
  });
}
