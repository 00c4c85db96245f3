/**
 * Every environment variable the detector reads. The names form a typed union, so a typo in
 * the source is a compile error.
 *
 * - `K8S_*` are ours: a Deployment sets them with `valueFrom.fieldRef` (see the README).
 * - `OTEL_RESOURCE_ATTRIBUTES_POD_NAME`, `…_POD_UID`, `…_NODE_NAME`, `OTEL_POD_IP` and
 *   `OTEL_NODE_IP` are the downward-API names the OpenTelemetry Operator injects
 *   (pkg/constants/env.go); the Operator itself uses no `K8S_*` names.
 * - `TRACEKIT_K8S_PODINFO_DIR` configures where the downward-API volume is mounted.
 */
export const K8S_ENV_NAMES = [
  'K8S_NAMESPACE_NAME',
  'K8S_POD_NAME',
  'OTEL_RESOURCE_ATTRIBUTES_POD_NAME',
  'K8S_POD_UID',
  'OTEL_RESOURCE_ATTRIBUTES_POD_UID',
  'K8S_POD_IP',
  'OTEL_POD_IP',
  'K8S_NODE_NAME',
  'OTEL_RESOURCE_ATTRIBUTES_NODE_NAME',
  'K8S_NODE_IP',
  'OTEL_NODE_IP',
  'K8S_CONTAINER_NAME',
  'K8S_CLUSTER_NAME',
  'KUBERNETES_SERVICE_HOST',
  'TRACEKIT_K8S_PODINFO_DIR',
] as const;
export type K8sEnvName = (typeof K8S_ENV_NAMES)[number];

/** An environment: `process.env` or any plain record (tests pass their own). */
export type K8sEnv = Readonly<Record<string, string | undefined>>;

/** The trimmed value, or undefined when unset or empty (the specification's reading of empty). */
export function envValue(env: K8sEnv, name: K8sEnvName): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

/** The first of `names` that is set, with its name (ours before the Operator's). */
export function firstEnv(env: K8sEnv, names: readonly K8sEnvName[]): { name: K8sEnvName; value: string } | undefined {
  for (const name of names) {
    const value = envValue(env, name);
    if (value !== undefined) return { name, value };
  }
  return undefined;
}

/** Whether this process runs in a Kubernetes pod: the kubelet sets KUBERNETES_SERVICE_HOST in every container. */
export function isRunningInKubernetes(env: K8sEnv = process.env): boolean {
  return envValue(env, 'KUBERNETES_SERVICE_HOST') !== undefined;
}
