/**
 * The documented source order, one row per rule: `{ sources, expected, origins? }`, named after
 * what the row shows. Runs the pure `detectK8sAttributes` on in-memory sources; the fixture
 * roots in container-runtimes.test.ts cover the file reading.
 */
import { describe, expect, it } from 'vitest';
import { detectK8sAttributes, type K8sSources } from '../src/index.js';
import { IN_CLUSTER } from './helpers/fixtures.js';

interface OrderRow {
  readonly name: string;
  readonly sources: K8sSources;
  readonly options?: Parameters<typeof detectK8sAttributes>[1];
  /** The exact attributes (toEqual). */
  readonly expected: Record<string, string>;
  /** Where some of them must come from. */
  readonly origins?: Record<string, string>;
}

const UID = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const MOUNTS_UID = '16fd2706-8baf-433b-82eb-8c7fada847da';
const CGROUP_UID = '886313e1-3b8a-4372-9b90-0c9aee199e5d';
const kubeletMounts = (uid: string, container: string) =>
  [
    `1310 1288 259:1 /var/lib/kubelet/pods/${uid}/etc-hosts /etc/hosts rw,relatime - ext4 /dev/nvme0n1p1 rw`,
    `1311 1290 259:1 /var/lib/kubelet/pods/${uid}/containers/${container}/3a1f9c2e /dev/termination-log rw,relatime - ext4 /dev/nvme0n1p1 rw`,
  ].join('\n');
const cgroupWithPod = (uid: string) => `0::/kubepods/besteffort/pod${uid}/${'a'.repeat(64)}`;

const rows: OrderRow[] = [
  // --- k8s.pod.name: env (ours, then the Operator's), podinfo name, host name
  {
    name: 'pod name: K8S_POD_NAME wins over the Operator name, podinfo and host name',
    sources: {
      env: { ...IN_CLUSTER, K8S_POD_NAME: 'ours', OTEL_RESOURCE_ATTRIBUTES_POD_NAME: 'operator' },
      podinfo: { name: 'podinfo' },
      hostname: 'hostname',
    },
    expected: { 'k8s.pod.name': 'ours' },
    origins: { 'k8s.pod.name': 'env K8S_POD_NAME' },
  },
  {
    name: 'pod name: the Operator variable OTEL_RESOURCE_ATTRIBUTES_POD_NAME is accepted',
    sources: { env: { OTEL_RESOURCE_ATTRIBUTES_POD_NAME: 'operator' }, podinfo: { name: 'podinfo' } },
    expected: { 'k8s.pod.name': 'operator' },
    origins: { 'k8s.pod.name': 'env OTEL_RESOURCE_ATTRIBUTES_POD_NAME' },
  },
  {
    name: 'pod name: empty and blank env values are unset, podinfo is next',
    sources: { env: { K8S_POD_NAME: '', OTEL_RESOURCE_ATTRIBUTES_POD_NAME: '   ' }, podinfo: { name: 'podinfo' }, hostname: 'hostname' },
    expected: { 'k8s.pod.name': 'podinfo' },
    origins: { 'k8s.pod.name': 'podinfo name' },
  },
  {
    name: 'pod name: env values are trimmed',
    sources: { env: { K8S_POD_NAME: '  spaced \n' } },
    expected: { 'k8s.pod.name': 'spaced' },
  },
  {
    name: 'pod name: the host name is the last resort inside a cluster',
    sources: { env: IN_CLUSTER, hostname: 'web-0' },
    expected: { 'k8s.pod.name': 'web-0' },
    origins: { 'k8s.pod.name': 'hostname' },
  },
  {
    name: 'pod name: kubelet mounts also show a pod, without KUBERNETES_SERVICE_HOST',
    sources: { env: {}, hostname: 'web-0', mountinfo: kubeletMounts(MOUNTS_UID, 'web') },
    expected: { 'k8s.pod.name': 'web-0', 'k8s.pod.uid': MOUNTS_UID, 'k8s.container.name': 'web' },
  },
  {
    name: 'pod name: the host name is not a pod name outside a cluster',
    sources: { env: {}, hostname: 'laptop' },
    expected: {},
  },
  {
    name: 'pod name: a host name equal to the node name means hostNetwork, so it is not the pod name',
    sources: { env: { ...IN_CLUSTER, K8S_NODE_NAME: 'node-a' }, hostname: 'node-a' },
    expected: { 'k8s.node.name': 'node-a' },
  },
  {
    name: 'pod name: pod IP equal to node IP means hostNetwork, so the host name is not the pod name',
    sources: { env: { ...IN_CLUSTER, OTEL_POD_IP: '10.0.0.5', OTEL_NODE_IP: '10.0.0.5' }, hostname: 'ip-10-0-0-5' },
    expected: { 'k8s.pod.ip': '10.0.0.5' },
  },
  {
    name: 'pod name: a host name of 62+ characters may be a cut pod name, so it is not used',
    sources: { env: IN_CLUSTER, hostname: 'a'.repeat(62) },
    expected: {},
  },
  {
    name: 'pod name: a host name with dots (FQDN) is not a pod name',
    sources: { env: IN_CLUSTER, hostname: 'web-0.web.shop.svc.cluster.local' },
    expected: {},
  },

  // --- k8s.namespace.name: env, podinfo, service-account file
  {
    name: 'namespace: K8S_NAMESPACE_NAME, then podinfo, then the service-account file',
    sources: { env: { K8S_NAMESPACE_NAME: 'env-ns' }, podinfo: { namespace: 'podinfo-ns' }, serviceAccountNamespace: 'sa-ns' },
    expected: { 'k8s.namespace.name': 'env-ns' },
  },
  {
    name: 'namespace: podinfo before the service-account file',
    sources: { env: {}, podinfo: { namespace: 'podinfo-ns' }, serviceAccountNamespace: 'sa-ns' },
    expected: { 'k8s.namespace.name': 'podinfo-ns' },
    origins: { 'k8s.namespace.name': 'podinfo namespace' },
  },
  {
    name: 'namespace: the service-account file alone',
    sources: { env: {}, serviceAccountNamespace: 'sa-ns' },
    expected: { 'k8s.namespace.name': 'sa-ns' },
    origins: { 'k8s.namespace.name': 'serviceaccount namespace' },
  },

  // --- k8s.pod.uid: env, podinfo, mountinfo, cgroup
  {
    name: 'pod uid: K8S_POD_UID, then the Operator variable',
    sources: { env: { K8S_POD_UID: UID, OTEL_RESOURCE_ATTRIBUTES_POD_UID: MOUNTS_UID } },
    expected: { 'k8s.pod.uid': UID },
    origins: { 'k8s.pod.uid': 'env K8S_POD_UID' },
  },
  {
    name: 'pod uid: OTEL_RESOURCE_ATTRIBUTES_POD_UID before podinfo',
    sources: { env: { OTEL_RESOURCE_ATTRIBUTES_POD_UID: UID }, podinfo: { uid: MOUNTS_UID } },
    expected: { 'k8s.pod.uid': UID },
  },
  {
    name: 'pod uid: podinfo before mountinfo and cgroup',
    sources: { env: {}, podinfo: { uid: UID }, mountinfo: kubeletMounts(MOUNTS_UID, 'web'), cgroup: cgroupWithPod(CGROUP_UID) },
    expected: { 'k8s.pod.uid': UID, 'k8s.container.name': 'web', 'container.id': 'a'.repeat(64) },
    origins: { 'k8s.pod.uid': 'podinfo uid' },
  },
  {
    name: 'pod uid: mountinfo before cgroup',
    sources: { env: {}, mountinfo: kubeletMounts(MOUNTS_UID, 'web'), cgroup: cgroupWithPod(CGROUP_UID) },
    expected: { 'k8s.pod.uid': MOUNTS_UID, 'k8s.container.name': 'web', 'container.id': 'a'.repeat(64) },
    origins: { 'k8s.pod.uid': 'mountinfo' },
  },
  {
    name: 'pod uid: mountinfo lines naming two pods disagree, so neither is used',
    sources: { env: {}, mountinfo: `${kubeletMounts(MOUNTS_UID, 'web')}\n${kubeletMounts(UID, 'web')}` },
    expected: {},
  },

  // --- node, IP, container, cluster
  {
    name: 'node name: K8S_NODE_NAME, then OTEL_RESOURCE_ATTRIBUTES_NODE_NAME',
    sources: { env: { K8S_NODE_NAME: 'ours', OTEL_RESOURCE_ATTRIBUTES_NODE_NAME: 'operator' } },
    expected: { 'k8s.node.name': 'ours' },
  },
  {
    name: 'node name: the Operator variable alone',
    sources: { env: { OTEL_RESOURCE_ATTRIBUTES_NODE_NAME: 'operator' } },
    expected: { 'k8s.node.name': 'operator' },
  },
  {
    name: 'pod IP: K8S_POD_IP before OTEL_POD_IP',
    sources: { env: { K8S_POD_IP: '10.1.2.3', OTEL_POD_IP: '10.9.9.9' } },
    expected: { 'k8s.pod.ip': '10.1.2.3' },
    origins: { 'k8s.pod.ip': 'env K8S_POD_IP' },
  },
  {
    name: 'pod IP: status.podIPs (comma-separated, dual stack) gives its first, primary address',
    sources: { env: { K8S_POD_IP: 'fd00::17,10.244.1.17' } },
    expected: { 'k8s.pod.ip': 'fd00::17' },
  },
  {
    name: 'pod IP: a value that is not an IP address is left out',
    sources: { env: { OTEL_POD_IP: '$(POD_IP)' } },
    expected: {},
  },
  {
    name: 'node IP: read only to recognise hostNetwork; there is no attribute for it',
    sources: { env: { OTEL_NODE_IP: '10.0.0.5', K8S_NODE_IP: '10.0.0.5' } },
    expected: {},
  },
  {
    name: 'container name: K8S_CONTAINER_NAME before kubelet mounts',
    sources: { env: { K8S_CONTAINER_NAME: 'from-env' }, mountinfo: kubeletMounts(MOUNTS_UID, 'from-mounts') },
    expected: { 'k8s.container.name': 'from-env', 'k8s.pod.uid': MOUNTS_UID },
  },
  {
    name: 'cluster name: only from K8S_CLUSTER_NAME',
    sources: { env: { K8S_CLUSTER_NAME: 'prod-eu' } },
    expected: { 'k8s.cluster.name': 'prod-eu' },
  },

  // --- workloads
  {
    name: 'deployment: derived from a pod name of the right shape, whatever its source',
    sources: { env: { K8S_POD_NAME: 'checkout-7d4b9c8f5-x2x4q' } },
    expected: { 'k8s.pod.name': 'checkout-7d4b9c8f5-x2x4q', 'k8s.deployment.name': 'checkout', 'k8s.replicaset.name': 'checkout-7d4b9c8f5' },
    origins: { 'k8s.deployment.name': 'pod name' },
  },
  {
    name: 'deployment: an empty labels file means no pod-template-hash, so no Deployment',
    sources: { env: { K8S_POD_NAME: 'checkout-7d4b9c8f5-x2x4q' }, podinfo: { labels: '' } },
    expected: { 'k8s.pod.name': 'checkout-7d4b9c8f5-x2x4q' },
  },

  // --- service.instance.id
  {
    name: 'service.instance.id: <namespace>.<pod>.<container> once all three are known',
    sources: { env: { K8S_NAMESPACE_NAME: 'shop', K8S_POD_NAME: 'web-0', K8S_CONTAINER_NAME: 'app' } },
    expected: { 'k8s.namespace.name': 'shop', 'k8s.pod.name': 'web-0', 'k8s.container.name': 'app', 'service.instance.id': 'shop.web-0.app' },
  },
  {
    name: 'service.instance.id: left out without the container name (it must be unique per container)',
    sources: { env: { K8S_NAMESPACE_NAME: 'shop', K8S_POD_NAME: 'web-0' } },
    expected: { 'k8s.namespace.name': 'shop', 'k8s.pod.name': 'web-0' },
  },
  {
    name: 'service.instance.id: the uuid format is a UUID v5 of the same name (value checked with Python uuid.uuid5)',
    sources: { env: { K8S_NAMESPACE_NAME: 'shop', K8S_POD_NAME: 'web-0', K8S_CONTAINER_NAME: 'app' } },
    options: { serviceInstanceId: 'uuid' },
    expected: {
      'k8s.namespace.name': 'shop',
      'k8s.pod.name': 'web-0',
      'k8s.container.name': 'app',
      'service.instance.id': '709fc322-100d-551e-987d-38877502db47',
    },
  },

  // --- resource.opentelemetry.io/ annotations
  {
    name: 'annotations: resource.opentelemetry.io/<key> adds attributes and overrides detected ones',
    sources: {
      env: { K8S_NAMESPACE_NAME: 'shop', K8S_POD_NAME: 'web-0', K8S_CONTAINER_NAME: 'app' },
      podinfo: {
        annotations: [
          'other.io/ignored="x"',
          'resource.opentelemetry.io/service.instance.id="custom-id"',
          'resource.opentelemetry.io/service.version="2.0.0"',
          'resource.opentelemetry.io/empty=""',
        ].join('\n'),
      },
    },
    expected: {
      'k8s.namespace.name': 'shop',
      'k8s.pod.name': 'web-0',
      'k8s.container.name': 'app',
      'service.instance.id': 'custom-id',
      'service.version': '2.0.0',
    },
    origins: { 'service.instance.id': 'podinfo annotation resource.opentelemetry.io/service.instance.id' },
  },

  // --- container.id
  {
    name: 'container id: outside a pod, the /etc/hostname mount names the container',
    sources: { env: {}, mountinfo: `1311 1288 8:1 /var/lib/docker/containers/${'b'.repeat(64)}/hostname /etc/hostname rw - ext4 /dev/sda1 rw` },
    expected: { 'container.id': 'b'.repeat(64) },
    origins: { 'container.id': 'mountinfo' },
  },
  {
    name: 'container id: inside a pod, the /etc/hostname mount is the sandbox and is ignored',
    sources: { env: IN_CLUSTER, mountinfo: `1311 1288 8:1 /var/lib/docker/containers/${'b'.repeat(64)}/hostname /etc/hostname rw - ext4 /dev/sda1 rw` },
    expected: {},
  },
  {
    name: 'container id: the cgroup path wins over mountinfo',
    sources: {
      env: {},
      cgroup: `0::/system.slice/docker-${'c'.repeat(64)}.scope`,
      mountinfo: `1311 1288 8:1 /var/lib/docker/containers/${'b'.repeat(64)}/hostname /etc/hostname rw - ext4 /dev/sda1 rw`,
    },
    expected: { 'container.id': 'c'.repeat(64) },
    origins: { 'container.id': 'cgroup' },
  },
  {
    name: 'nothing at all: no attribute, not even an empty one',
    sources: { env: {} },
    expected: {},
  },
];

describe('source order', () => {
  for (const row of rows) {
    it(row.name, () => {
      const { attributes, origins } = detectK8sAttributes(row.sources, row.options);
      expect(attributes).toEqual(row.expected);
      if (row.origins) expect(origins).toMatchObject(row.origins);
      for (const value of Object.values(attributes)) expect(value).not.toBe('');
    });
  }
});
