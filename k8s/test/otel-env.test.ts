// The environment every shop container gets (ConfigMap shop-otel-env, downward API, $(VAR)
// expansion), resolved as the kubelet would, is accepted by @tracekit/node's own config
// parser without a single warning, and means what each overlay intends.
import { resolveConfig } from '@tracekit/node';
import { describe, expect, inject, it } from 'vitest';
import { containerEnv, OVERLAYS, render, renderWith, workloads, type K8sObject, type Workload } from './helpers/manifests.js';

const { kustomize } = inject('tools');

interface Variant {
  name: string;
  objects: K8sObject[];
}

const variants: Variant[] = [];
for (const overlay of OVERLAYS) variants.push({ name: overlay, objects: await render(kustomize, overlay) });
variants.push({
  name: 'overlays/kind + components/jaeger-remote-sampling',
  objects: await renderWith(kustomize, 'overlays/kind', ['components/jaeger-remote-sampling']),
});

const shopContainers = (objects: K8sObject[]) =>
  workloads(objects)
    .filter((workload) => workload.namespace === 'shop')
    .flatMap((workload) => (workload.podSpec.containers as K8sObject[]).map((container) => ({ workload, container })));

function tracingEnv(env: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter(([key]) => key.startsWith('OTEL_') || key.startsWith('TRACEKIT_')));
}

describe.each(variants.map((variant) => [variant.name, variant] as const))('%s', (_, { name, objects }) => {
  const containers = shopContainers(objects);

  it('has the six shop services', () => {
    expect(containers.map(({ workload }) => workload.name).sort()).toEqual(['frontend', 'gateway', 'inventory', 'orders', 'payments', 'pricing']);
  });

  it.each(containers.map(({ workload, container }) => [`${workload.name}/${container.name}`, workload, container] as const))(
    '%s: every OTEL_* and TRACEKIT_* value parses without a warning',
    (_, workload: Workload, container: K8sObject) => {
      const env = tracingEnv(containerEnv(objects, workload, container));
      expect(Object.keys(env).length).toBeGreaterThan(3);
      // No $(VAR) left unexpanded: a reference to a variable defined later or not at all.
      expect(Object.entries(env).filter(([, value]) => /\$\([A-Za-z_]/.test(value))).toEqual([]);
      const { config, warnings } = resolveConfig({}, env);
      expect(warnings).toEqual([]);

      expect(config.serviceName).toBe(workload.podLabels['app.kubernetes.io/name']);
      expect(config.otlp.protocol).toBe('http/protobuf');
      expect(config.otlp.endpoint).toBe('http://otel-collector.observability.svc.cluster.local:4318/v1/traces');
      expect(config.resourceAttributes).toMatchObject({
        'service.name': workload.name,
        'service.namespace': 'shop',
        'service.version': '0.1.0',
        'k8s.namespace.name': 'shop',
        'k8s.pod.name': expect.stringMatching(new RegExp(`^${workload.name}-`)),
        'k8s.pod.uid': expect.stringMatching(/^[0-9a-f-]{36}$/),
        'k8s.node.name': 'tracekit-control-plane',
        'k8s.container.name': container.name,
      });

      const expected = expectations[name]!;
      expect(config.sampler).toEqual(expected.sampler);
      expect(config.propagators).toEqual(expected.propagators);
    },
  );
});

const W3C = ['tracecontext', 'baggage'];
const MESH = ['tracecontext', 'baggage', 'b3multi'];
const expectations: Record<string, { sampler: unknown; propagators: string[] }> = {
  'overlays/kind': { sampler: { name: 'always_on' }, propagators: W3C },
  'overlays/production': { sampler: { name: 'parentbased_traceidratio', ratio: 0.1 }, propagators: W3C },
  'overlays/mesh/istio': { sampler: { name: 'parentbased_always_on' }, propagators: MESH },
  'overlays/mesh/linkerd': { sampler: { name: 'parentbased_always_on' }, propagators: MESH },
  'overlays/kind + components/jaeger-remote-sampling': {
    sampler: {
      name: 'parentbased_jaeger_remote',
      jaegerRemote: { endpoint: 'http://jaeger-collector.observability.svc.cluster.local:5778', pollingIntervalMs: 60000, initialSamplingRate: 0.1 },
    },
    propagators: W3C,
  },
};
