// The production NetworkPolicies, evaluated on the rendered objects: the flows the pipeline
// needs are allowed and the ones the issue forbids are not. Only the services (namespace shop)
// reach the Collector; only the Collector (its gateways) reaches Jaeger's collector ports.
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { find, render, resolveService, workloads, type K8sObject, type Workload } from './helpers/manifests.js';

const { kustomize } = inject('tools');

let objects: K8sObject[] = [];
beforeAll(async () => {
  objects = await render(kustomize, 'overlays/production');
});

type Labels = Record<string, string>;

function matches(selector: K8sObject | undefined, labels: Labels): boolean {
  if (!selector) return true;
  const { matchLabels = {}, matchExpressions = [] } = selector as { matchLabels?: Labels; matchExpressions?: unknown[] };
  if (matchExpressions.length > 0) throw new Error('matchExpressions are not evaluated by this test');
  return Object.entries(matchLabels).every(([key, value]) => labels[key] === value);
}

function namespaceLabels(name: string): Labels {
  const namespace = objects.find((object) => object.kind === 'Namespace' && object.metadata.name === name);
  return { ...(namespace?.metadata.labels ?? {}), 'kubernetes.io/metadata.name': name };
}

interface Peer {
  namespace: string;
  labels: Labels;
}

/** Is a TCP/UDP connection from `source` to a pod of `target` on `port` allowed by ingress policies? */
function allowed(source: Peer, target: Workload, port: number, protocol = 'TCP'): boolean {
  const policies = objects.filter(
    (object) => object.kind === 'NetworkPolicy' && object.metadata.namespace === target.namespace && (object.spec.policyTypes ?? ['Ingress']).includes('Ingress') && matches(object.spec.podSelector, target.podLabels),
  );
  if (policies.length === 0) return true;
  return policies.some((policy) =>
    ((policy.spec.ingress ?? []) as K8sObject[]).some((rule) => {
      const portOk = !rule.ports || (rule.ports as K8sObject[]).some((candidate) => candidate.port === port && (candidate.protocol ?? 'TCP') === protocol);
      const peerOk =
        !rule.from ||
        (rule.from as K8sObject[]).some((peer) => {
          if (peer.ipBlock) return false;
          const namespaceOk = peer.namespaceSelector ? matches(peer.namespaceSelector, namespaceLabels(source.namespace)) : source.namespace === target.namespace;
          return namespaceOk && matches(peer.podSelector, source.labels);
        });
      return portOk && peerOk;
    }),
  );
}

const pod = (name: string): Workload => {
  const found = workloads(objects).find((workload) => workload.name === name);
  if (!found) throw new Error(`no workload ${name}`);
  return found;
};
const peer = (workload: Workload): Peer => ({ namespace: workload.namespace, labels: workload.podLabels });
const stranger: Peer = { namespace: 'default', labels: { app: 'curl' } };
const monitoring: Peer = { namespace: 'monitoring', labels: { 'app.kubernetes.io/name': 'prometheus' } };

describe('production NetworkPolicies', () => {
  it('isolate every pod of the observability namespace', () => {
    expect(find(objects, 'NetworkPolicy', 'default-deny-ingress', 'observability').spec).toEqual({ podSelector: {}, policyTypes: ['Ingress'] });
  });

  it('let every shop service reach every port of the Service otel-collector (the agents), and nobody else', () => {
    const { service, pods } = resolveService(objects, 'otel-collector.observability.svc.cluster.local', 4318, 'shop');
    expect(pods.map((workload) => workload.name)).toEqual(['otel-collector-agent']);
    const agent = pods[0]!;
    for (const { port, protocol = 'TCP' } of service.spec.ports as K8sObject[]) {
      if (port === 8888) continue;
      for (const service of ['frontend', 'gateway', 'orders', 'inventory', 'pricing', 'payments']) {
        expect(allowed(peer(pod(service)), agent, port, protocol), `${service} -> agent:${port}`).toBe(true);
      }
      expect(allowed(stranger, agent, port, protocol), `default -> agent:${port}`).toBe(false);
      expect(allowed(peer(pod('jaeger')), agent, port, protocol), `jaeger -> agent:${port}`).toBe(false);
    }
  });

  it('let only the agents reach the gateways', () => {
    const gateway = pod('otel-collector-gateway');
    expect(allowed(peer(pod('otel-collector-agent')), gateway, 4317)).toBe(true);
    expect(allowed(peer(pod('frontend')), gateway, 4317)).toBe(false);
    expect(allowed(stranger, gateway, 4317)).toBe(false);
  });

  it("let only the Collector gateways reach Jaeger's collector ports", () => {
    const jaeger = pod('jaeger');
    for (const port of [4317, 4318]) {
      expect(allowed(peer(pod('otel-collector-gateway')), jaeger, port)).toBe(true);
      expect(allowed(peer(pod('otel-collector-agent')), jaeger, port)).toBe(false);
      expect(allowed(peer(pod('orders')), jaeger, port)).toBe(false);
      expect(allowed(stranger, jaeger, port)).toBe(false);
    }
  });

  it("let the services poll Jaeger's sampling endpoint, anyone in the cluster use its UI, and Prometheus scrape metrics", () => {
    const jaeger = pod('jaeger');
    expect(allowed(peer(pod('orders')), jaeger, 5778)).toBe(true);
    expect(allowed(stranger, jaeger, 5778)).toBe(false);
    expect(allowed(stranger, jaeger, 16686)).toBe(true);
    expect(allowed(monitoring, pod('otel-collector-gateway'), 8889)).toBe(true);
    expect(allowed(monitoring, pod('otel-collector-agent'), 8888)).toBe(true);
    expect(allowed(stranger, pod('otel-collector-gateway'), 8889)).toBe(false);
  });

  it('the agents are node-local and the gateways are autoscaled and protected from disruption', () => {
    expect(find(objects, 'Service', 'otel-collector', 'observability').spec.internalTrafficPolicy).toBe('Local');
    const hpa = find(objects, 'HorizontalPodAutoscaler', 'otel-collector-gateway', 'observability');
    expect(hpa.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'otel-collector-gateway' });
    expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(2);
    const pdb = find(objects, 'PodDisruptionBudget', 'otel-collector-gateway', 'observability');
    expect(matches(pdb.spec.selector, pod('otel-collector-gateway').podLabels)).toBe(true);
    expect(find(objects, 'Deployment', 'otel-collector-gateway', 'observability').spec.replicas).toBeUndefined();
  });
});
