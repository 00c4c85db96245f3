import { isIP } from 'node:net';
import {
  ATTR_CONTAINER_ID,
  ATTR_K8S_CLUSTER_NAME,
  ATTR_K8S_CONTAINER_NAME,
  ATTR_K8S_DEPLOYMENT_NAME,
  ATTR_K8S_JOB_NAME,
  ATTR_K8S_NAMESPACE_NAME,
  ATTR_K8S_NODE_NAME,
  ATTR_K8S_POD_IP,
  ATTR_K8S_POD_NAME,
  ATTR_K8S_POD_UID,
  ATTR_K8S_REPLICASET_NAME,
  ATTR_K8S_STATEFULSET_NAME,
  ATTR_SERVICE_INSTANCE_ID,
  RESOURCE_ANNOTATION_PREFIX,
} from './attributes.js';
import { parseCgroup, type CgroupFacts } from './cgroup.js';
import { parseDownwardApiMap } from './downward-api-map.js';
import { firstEnv, isRunningInKubernetes, type K8sEnv, type K8sEnvName } from './env-names.js';
import { parseMountinfo, type MountinfoFacts } from './mountinfo.js';
import { serviceInstanceId, type ServiceInstanceIdFormat } from './service-instance-id.js';
import type { K8sDetection, K8sSources } from './types.js';
import { deriveWorkloadNames } from './workload-names.js';

export interface DetectK8sAttributesOptions {
  /** How service.instance.id is written; default `name`. */
  readonly serviceInstanceId?: ServiceInstanceIdFormat;
}

/**
 * Turns already-read sources into resource attributes. Pure: no file, no env beyond
 * `sources.env`, no clock. Each attribute takes the first source that has it, in the order
 * the README documents; then `resource.opentelemetry.io/<attribute>` pod annotations override,
 * as the semantic conventions and the OpenTelemetry Operator do.
 */
export function detectK8sAttributes(sources: K8sSources, options: DetectK8sAttributesOptions = {}): K8sDetection {
  const { env } = sources;
  const podinfo = sources.podinfo ?? {};
  const cgroup: CgroupFacts = sources.cgroup === undefined ? {} : parseCgroup(sources.cgroup);
  const mounts: MountinfoFacts = sources.mountinfo === undefined ? { kubeletMounts: false } : parseMountinfo(sources.mountinfo);
  const inPod = isRunningInKubernetes(env) || mounts.kubeletMounts;
  const labels = podinfo.labels === undefined ? undefined : parseDownwardApiMap(podinfo.labels);
  const annotations =
    podinfo.annotations === undefined
      ? undefined
      : parseDownwardApiMap(podinfo.annotations, (key) => key.startsWith(RESOURCE_ANNOTATION_PREFIX));
  const found = new FoundAttributes();

  found.fromEnv(env, ATTR_K8S_NAMESPACE_NAME, ['K8S_NAMESPACE_NAME']);
  found.add(ATTR_K8S_NAMESPACE_NAME, podinfo.namespace, 'podinfo namespace');
  found.add(ATTR_K8S_NAMESPACE_NAME, sources.serviceAccountNamespace, 'serviceaccount namespace');

  found.fromEnv(env, ATTR_K8S_NODE_NAME, ['K8S_NODE_NAME', 'OTEL_RESOURCE_ATTRIBUTES_NODE_NAME']);

  const podIp = firstEnv(env, ['K8S_POD_IP', 'OTEL_POD_IP']);
  found.add(ATTR_K8S_POD_IP, primaryIp(podIp?.value), `env ${podIp?.name}`);

  found.fromEnv(env, ATTR_K8S_POD_NAME, ['K8S_POD_NAME', 'OTEL_RESOURCE_ATTRIBUTES_POD_NAME']);
  found.add(ATTR_K8S_POD_NAME, podinfo.name, 'podinfo name');
  if (inPod) found.add(ATTR_K8S_POD_NAME, podNameFromHostname(sources.hostname, env, found), 'hostname');

  found.fromEnv(env, ATTR_K8S_POD_UID, ['K8S_POD_UID', 'OTEL_RESOURCE_ATTRIBUTES_POD_UID']);
  found.add(ATTR_K8S_POD_UID, podinfo.uid, 'podinfo uid');
  found.add(ATTR_K8S_POD_UID, mounts.podUid, 'mountinfo');
  found.add(ATTR_K8S_POD_UID, cgroup.podUid, 'cgroup');

  found.fromEnv(env, ATTR_K8S_CONTAINER_NAME, ['K8S_CONTAINER_NAME']);
  found.add(ATTR_K8S_CONTAINER_NAME, mounts.containerName, 'mountinfo');

  found.fromEnv(env, ATTR_K8S_CLUSTER_NAME, ['K8S_CLUSTER_NAME']);

  found.add(ATTR_CONTAINER_ID, cgroup.containerId, 'cgroup');
  // In a pod the /etc/hostname mount belongs to the pod sandbox, not to this container.
  if (!inPod) found.add(ATTR_CONTAINER_ID, mounts.hostFilesContainerId, 'mountinfo');

  const podName = found.get(ATTR_K8S_POD_NAME);
  const workload = deriveWorkloadNames(podName, labels);
  const workloadOrigin = labels === undefined ? 'pod name' : 'pod name and podinfo labels';
  found.add(ATTR_K8S_DEPLOYMENT_NAME, workload.deployment, workloadOrigin);
  found.add(ATTR_K8S_REPLICASET_NAME, workload.replicaSet, workloadOrigin);
  found.add(ATTR_K8S_STATEFULSET_NAME, workload.statefulSet, 'podinfo labels');
  found.add(ATTR_K8S_JOB_NAME, workload.job, 'podinfo labels');

  const namespace = found.get(ATTR_K8S_NAMESPACE_NAME);
  const containerName = found.get(ATTR_K8S_CONTAINER_NAME);
  if (namespace !== undefined && podName !== undefined && containerName !== undefined) {
    found.add(
      ATTR_SERVICE_INSTANCE_ID,
      serviceInstanceId(namespace, podName, containerName, options.serviceInstanceId ?? 'name'),
      options.serviceInstanceId === 'uuid' ? 'uuid v5 of namespace.pod.container' : 'namespace.pod.container',
    );
  }

  for (const [key, value] of annotations ?? []) {
    found.override(key.slice(RESOURCE_ANNOTATION_PREFIX.length), value, `podinfo annotation ${key}`);
  }
  return found.result();
}

const DNS_LABEL = /^[a-z0-9](?:[-a-z0-9]*[a-z0-9])?$/;
/** The kubelet cuts host names to 63 characters, then drops a trailing `-` or `.`. */
const MAX_TRUSTED_HOSTNAME_LENGTH = 61;

/**
 * A pod's host name is its name, unless the pod sets `spec.hostname` (not visible from inside),
 * uses the host network (then it is the node's), or has a name too long for a host name.
 */
function podNameFromHostname(hostname: string | undefined, env: K8sEnv, found: FoundAttributes): string | undefined {
  const name = hostname?.trim();
  if (!name || name.length > MAX_TRUSTED_HOSTNAME_LENGTH || !DNS_LABEL.test(name)) return undefined;
  if (name === found.get(ATTR_K8S_NODE_NAME)) return undefined;
  const podIp = found.get(ATTR_K8S_POD_IP);
  const nodeIp = primaryIp(firstEnv(env, ['K8S_NODE_IP', 'OTEL_NODE_IP'])?.value);
  if (podIp !== undefined && podIp === nodeIp) return undefined;
  return name;
}

/** `status.podIPs` is a comma-separated list; the first is the primary (`status.podIP`). */
function primaryIp(value: string | undefined): string | undefined {
  const first = value?.split(',')[0]?.trim();
  return first && isIP(first) !== 0 ? first : undefined;
}

/** First source wins; empty values never count. */
class FoundAttributes {
  private readonly attributes: Record<string, string> = {};
  private readonly origins: Record<string, string> = {};

  add(name: string, value: string | undefined, origin: string): void {
    if (Object.hasOwn(this.attributes, name)) return;
    this.override(name, value, origin);
  }

  override(name: string, value: string | undefined, origin: string): void {
    const trimmed = value?.trim();
    if (!name || !trimmed) return;
    this.attributes[name] = trimmed;
    this.origins[name] = origin;
  }

  fromEnv(env: K8sEnv, name: string, names: readonly K8sEnvName[]): void {
    const set = firstEnv(env, names);
    if (set) this.add(name, set.value, `env ${set.name}`);
  }

  get(name: string): string | undefined {
    return this.attributes[name];
  }

  result(): K8sDetection {
    return { attributes: Object.freeze({ ...this.attributes }), origins: Object.freeze({ ...this.origins }) };
  }
}
