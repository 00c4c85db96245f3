// Every kustomization under k8s/ renders with the pinned kustomize, objects are unique, and
// every object carries the app.kubernetes.io labels the house style asks for.
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { kustomizationFolders, OVERLAYS, render, renderWith, type K8sObject } from './helpers/manifests.js';

const { kustomize } = inject('tools');
const { kustomizations, components } = kustomizationFolders();

describe('kustomize build', () => {
  it('finds the base, the overlays and the components', () => {
    expect(kustomizations).toEqual(expect.arrayContaining(['base', 'base/observability', 'base/shop', ...OVERLAYS]));
    expect(components).toEqual(['components/jaeger-remote-sampling', 'overlays/mesh/propagation']);
  });

  it.each(kustomizations)('%s renders', async (folder) => {
    const objects = await render(kustomize, folder);
    expect(objects.length).toBeGreaterThan(0);
    const keys = objects.map((object) => `${object.kind}/${object.metadata.namespace ?? ''}/${object.metadata.name}`);
    expect(keys.filter((key, index) => keys.indexOf(key) !== index)).toEqual([]);
  });

  it('the kind overlay renders with the jaeger-remote-sampling component added', async () => {
    const objects = await renderWith(kustomize, 'overlays/kind', ['components/jaeger-remote-sampling']);
    const env = objects.find((object) => object.kind === 'ConfigMap' && object.metadata.name === 'shop-otel-env');
    expect(env?.data.OTEL_TRACES_SAMPLER).toBe('parentbased_jaeger_remote');
  });
});

describe.each(OVERLAYS)('%s', (overlay) => {
  let objects: K8sObject[] = [];
  beforeAll(async () => {
    objects = await render(kustomize, overlay);
  });

  it('labels every object with app.kubernetes.io/part-of, and workloads and Services also with name and component', () => {
    const missing: string[] = [];
    for (const object of objects) {
      const labels: Record<string, string> = object.metadata.labels ?? {};
      const wanted = ['Deployment', 'DaemonSet', 'Service', 'HorizontalPodAutoscaler', 'PodDisruptionBudget'].includes(object.kind)
        ? ['app.kubernetes.io/name', 'app.kubernetes.io/component', 'app.kubernetes.io/part-of']
        : ['app.kubernetes.io/part-of'];
      for (const label of wanted) if (!labels[label]) missing.push(`${object.kind} ${object.metadata.name}: ${label}`);
      const template = object.spec?.template?.metadata?.labels;
      if (template) for (const label of wanted) if (!template[label]) missing.push(`${object.kind} ${object.metadata.name} pod template: ${label}`);
    }
    expect(missing).toEqual([]);
  });

  it('puts every namespaced object in observability or shop', () => {
    const clusterScoped = new Set(['Namespace', 'ClusterRole', 'ClusterRoleBinding']);
    const stray = objects
      .filter((object) => !clusterScoped.has(object.kind) && !['observability', 'shop'].includes(object.metadata.namespace))
      .map((object) => `${object.kind} ${object.metadata.name}`);
    expect(stray).toEqual([]);
  });
});
