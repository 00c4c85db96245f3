// Every container of every overlay: a pinned image, readiness and liveness probes, CPU and
// memory requests and limits, and the hardened securityContext (non-root, no privilege
// escalation, read-only root filesystem, all capabilities dropped, RuntimeDefault seccomp).
// The Collector and Jaeger images are the releases whose binaries validate their configs here.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { parse } from 'yaml';
import { JAEGER_VERSION } from '../../scripts/stack/backends/build.mjs';
import { K8S_ROOT, OVERLAYS, render, workloads, type K8sObject, type Workload } from './helpers/manifests.js';

const { kustomize } = inject('tools');

/** Jaeger publishes each release under two versions: the v1 line (its Go module) and v2 (its images). */
const JAEGER_IMAGE_FOR_MODULE: Record<string, string> = { 'v1.76.0': '2.13.0' };

interface ContainerCase {
  overlay: string;
  workload: Workload;
  container: K8sObject;
}

const cases: ContainerCase[] = [];
for (const overlay of OVERLAYS) {
  for (const workload of workloads(await render(kustomize, overlay))) {
    for (const container of [...(workload.podSpec.initContainers ?? []), ...workload.podSpec.containers]) {
      cases.push({ overlay, workload, container });
    }
  }
}
const name = ({ overlay, workload, container }: ContainerCase) => `${overlay} ${workload.kind} ${workload.namespace}/${workload.name} ${container.name}`;

describe.each(cases.map((entry) => [name(entry), entry] as const))('%s', (_, { workload, container }) => {
  it('has a pinned image', () => {
    const image: string = container.image;
    const digest = /@sha256:[0-9a-f]{64}$/.test(image);
    const tag = /^[^@]+:([^:/@]+)$/.exec(image)?.[1];
    expect(digest || (tag !== undefined && tag !== 'latest' && /\d/.test(tag)), image).toBe(true);
    expect(container.imagePullPolicy).toBe('IfNotPresent');
  });

  it('has readiness and liveness probes', () => {
    expect(container.readinessProbe).toBeDefined();
    expect(container.livenessProbe).toBeDefined();
  });

  it('has CPU and memory requests and limits', () => {
    for (const kind of ['requests', 'limits']) {
      expect(container.resources?.[kind]?.cpu, kind).toBeDefined();
      expect(container.resources?.[kind]?.memory, kind).toBeDefined();
    }
  });

  it('runs with the hardened securityContext', () => {
    const pod = workload.podSpec.securityContext ?? {};
    const own = container.securityContext ?? {};
    expect(own.runAsNonRoot ?? pod.runAsNonRoot).toBe(true);
    expect(own.runAsUser ?? pod.runAsUser).toBeGreaterThan(0);
    expect((own.seccompProfile ?? pod.seccompProfile)?.type).toBe('RuntimeDefault');
    expect(own.allowPrivilegeEscalation).toBe(false);
    expect(own.readOnlyRootFilesystem).toBe(true);
    expect(own.capabilities?.drop).toEqual(['ALL']);
    expect(own.capabilities?.add ?? []).toEqual([]);
    expect(own.privileged ?? false).toBe(false);
  });
});

describe('images of the trace pipeline', () => {
  const images = new Set(cases.map(({ container }) => container.image as string));

  it('the Collector image is the release of k8s/collector/builder-config.yaml', () => {
    const manifest = parse(readFileSync(join(K8S_ROOT, 'collector', 'builder-config.yaml'), 'utf8')) as { dist: { version: string } };
    const collectors = [...images].filter((image) => image.startsWith('otel/opentelemetry-collector'));
    expect(collectors).toEqual([`otel/opentelemetry-collector-contrib:${manifest.dist.version}`]);
  });

  it('the Jaeger image is the release of the Jaeger binary the tests run', () => {
    const jaegers = [...images].filter((image) => image.startsWith('jaegertracing/'));
    expect(jaegers).toEqual([`jaegertracing/jaeger:${JAEGER_IMAGE_FOR_MODULE[JAEGER_VERSION]}`]);
  });

  it('the shop images are the ones the kind script builds', () => {
    const shop = [...images].filter((image) => image.startsWith('tracekit-examples/')).sort();
    expect(shop).toEqual(['frontend', 'gateway', 'inventory', 'orders', 'payments', 'pricing'].map((service) => `tracekit-examples/${service}:0.1.0`));
  });
});
