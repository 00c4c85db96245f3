/**
 * One fixture root per container runtime and cgroup version (test/fixtures/<name>/proc/self/…),
 * run through the real detector with an injected root, env and host name. Each row pins the
 * exact attribute set, so a source that should be absent is checked to be absent.
 */
import { describe, expect, it } from 'vitest';
import { createK8sDetector, type K8sEnv } from '../src/index.js';
import { IDS, IN_CLUSTER, fixtureRoot } from './helpers/fixtures.js';

interface RuntimeRow {
  readonly fixture: string;
  readonly why: string;
  readonly env?: K8sEnv;
  readonly hostname?: string;
  readonly expected: Record<string, string>;
}

const rows: RuntimeRow[] = [
  {
    fixture: 'docker-cgroup-v1',
    why: 'Docker on cgroup v1: every hierarchy line ends in /docker/<id>',
    expected: { 'container.id': IDS.dockerV1 },
  },
  {
    fixture: 'docker-cgroup-v2',
    why: 'Docker on cgroup v2 with a private cgroup namespace: /proc/self/cgroup is "0::/", the id comes from the /etc/hostname mount',
    expected: { 'container.id': IDS.dockerV2 },
  },
  {
    fixture: 'podman-cgroup-v2',
    why: 'Podman on cgroup v2: overlay-containers/<id>/userdata/hostname',
    expected: { 'container.id': IDS.podmanV2 },
  },
  {
    fixture: 'nerdctl-cgroup-v2',
    why: 'containerd without Kubernetes (nerdctl) on cgroup v2: nerdctl/<hash>/containers/<namespace>/<id>/hostname',
    expected: { 'container.id': IDS.nerdctlV2 },
  },
  {
    fixture: 'containerd-cgroup-v1',
    why: 'Kubernetes, containerd, cgroup v1 (cgroupfs driver); pod name from the host name, Deployment from its shape',
    env: IN_CLUSTER,
    hostname: 'api-6d8f9b7c54-q7m2x',
    expected: {
      'k8s.namespace.name': 'payments',
      'k8s.pod.name': 'api-6d8f9b7c54-q7m2x',
      'k8s.pod.uid': '3f1c2b9a-6d4e-4f8a-9b2c-7e5d1a0f4c86',
      'k8s.container.name': 'api',
      'k8s.deployment.name': 'api',
      'k8s.replicaset.name': 'api-6d8f9b7c54',
      'container.id': IDS.containerdV1,
      'service.instance.id': 'payments.api-6d8f9b7c54-q7m2x.api',
    },
  },
  {
    fixture: 'crio-cgroup-v1',
    why: 'Kubernetes, CRI-O, cgroup v1 (systemd driver: crio-<id>.scope, pod uid with underscores); a Job pod is no Deployment',
    env: IN_CLUSTER,
    hostname: 'nightly-report-28641120-zx9qk',
    expected: {
      'k8s.namespace.name': 'batch',
      'k8s.pod.name': 'nightly-report-28641120-zx9qk',
      'k8s.pod.uid': '0b7e6d5c-4a3b-4c2d-8e1f-9a8b7c6d5e4f',
      'k8s.container.name': 'worker',
      'container.id': IDS.crioV1,
      'service.instance.id': 'batch.nightly-report-28641120-zx9qk.worker',
    },
  },
  {
    fixture: 'containerd-cgroup-v2',
    why: 'Kubernetes, containerd, cgroup v2, private cgroup namespace: no container id anywhere (the /etc/hostname mount is the sandbox\'s); kubelet mounts alone show it is a pod',
    hostname: 'web-0',
    expected: {
      'k8s.namespace.name': 'shop',
      'k8s.pod.name': 'web-0',
      'k8s.pod.uid': '8e2a4c3b-5f61-4d7a-9b0e-2c4f6a8d1e37',
      'k8s.container.name': 'web',
      'service.instance.id': 'shop.web-0.web',
    },
  },
  {
    fixture: 'containerd-cgroup-v2-host-cgroupns',
    why: 'Kubernetes, containerd, cgroup v2 with the host cgroup namespace: cri-containerd-<id>.scope',
    expected: {
      'k8s.pod.uid': '5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a',
      'k8s.container.name': 'web',
      'container.id': IDS.containerdV2HostCgroupns,
    },
  },
  {
    fixture: 'crio-cgroup-v2',
    why: 'Kubernetes, CRI-O, cgroup v2, private cgroup namespace: overlay-containers/<id> in mountinfo is the sandbox, so no container id',
    env: IN_CLUSTER,
    expected: {
      'k8s.pod.uid': '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
      'k8s.container.name': 'app',
    },
  },
  {
    fixture: 'crio-cgroup-v2-host-cgroupns',
    why: 'Kubernetes, CRI-O, cgroup v2 with the host cgroup namespace, no mountinfo: the cgroup path gives id and pod uid',
    expected: {
      'k8s.pod.uid': '2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e',
      'container.id': IDS.crioV2HostCgroupns,
    },
  },
  {
    fixture: 'no-container',
    why: 'a desktop host on cgroup v2: nothing, and the host name is not taken for a pod name outside a cluster',
    hostname: 'workstation',
    expected: {},
  },
  {
    fixture: 'k8s-downward-api',
    why: 'a pod with env from fieldRef, a downward-API volume (symlinked like the kubelet writes it) and the service-account namespace',
    env: { ...IN_CLUSTER, K8S_NODE_NAME: 'node-a', OTEL_POD_IP: '10.244.1.17', K8S_CLUSTER_NAME: 'prod-eu' },
    hostname: 'checkout-7d4b9c8f5-x2x4q',
    expected: {
      'k8s.namespace.name': 'shop',
      'k8s.pod.name': 'checkout-7d4b9c8f5-x2x4q',
      'k8s.pod.uid': 'c2f0a1b4-93d7-4e5a-b6c8-1d2e3f4a5b6c',
      'k8s.pod.ip': '10.244.1.17',
      'k8s.node.name': 'node-a',
      'k8s.container.name': 'checkout',
      'k8s.cluster.name': 'prod-eu',
      'k8s.deployment.name': 'checkout',
      'k8s.replicaset.name': 'checkout-7d4b9c8f5',
      'service.instance.id': 'shop.checkout-7d4b9c8f5-x2x4q.checkout',
      'service.namespace': 'shop',
      'service.version': '1.4.2',
    },
  },
];

describe('container runtimes and cgroup versions', () => {
  for (const row of rows) {
    it(`${row.fixture}: ${row.why}`, () => {
      const detector = createK8sDetector({ root: fixtureRoot(row.fixture), env: row.env ?? {}, hostname: row.hostname ?? '' });
      expect(detector.detect().attributes).toEqual(row.expected);
    });
  }
});
