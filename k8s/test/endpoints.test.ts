// Every address a component is configured to reach inside the cluster names a Service, and a
// port of it, that exists in the same render and selects pods exposing the target port:
// the services' URLs and OTLP endpoint, the jaeger_remote sampler's endpoint, the Collector
// exporters, the agents' load-balancing resolver, and the mesh proxies' collector settings.
// The only address outside the render is Jaeger's Elasticsearch (production), which comes
// from the Secret jaeger-elasticsearch that users fill in.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { parse } from 'yaml';
import { containerEnv, find, findGenerated, hostAndPort, K8S_ROOT, OVERLAYS, render, renderWith, resolveService, workloads, type K8sObject } from './helpers/manifests.js';

const { kustomize } = inject('tools');

interface Endpoint {
  from: string;
  host: string;
  port: number;
  namespace: string;
  protocol?: string;
}

/** Addresses that are deliberately outside the render (checked in the last test instead). */
const EXTERNAL = new Set(['observability/jaeger ES_SERVER_URL']);

function envEndpoints(objects: K8sObject[]): Endpoint[] {
  const found: Endpoint[] = [];
  for (const workload of workloads(objects)) {
    for (const container of workload.podSpec.containers as K8sObject[]) {
      for (const [key, value] of Object.entries(containerEnv(objects, workload, container))) {
        const urls = key === 'OTEL_TRACES_SAMPLER_ARG' ? [...value.matchAll(/endpoint=([^,]+)/g)].map((match) => match[1]!) : [value];
        for (const url of urls.filter((candidate) => /^https?:\/\//.test(candidate))) {
          if (EXTERNAL.has(`${workload.namespace}/${workload.name} ${key}`)) continue;
          found.push({ from: `${workload.namespace}/${workload.name} ${key}`, namespace: workload.namespace, ...hostAndPort(url) });
        }
      }
    }
  }
  return found;
}

/** Exporter endpoints and the load-balancing resolver of every Collector config in the render. */
function collectorEndpoints(objects: K8sObject[]): Endpoint[] {
  const found: Endpoint[] = [];
  const configs = objects.filter((object) => object.kind === 'ConfigMap' && /^otel-collector(-\w+)?-config-/.test(object.metadata.name));
  for (const configMap of configs) {
    const config = parse(configMap.data['config.yaml']) as K8sObject;
    for (const [id, exporter] of Object.entries((config.exporters ?? {}) as Record<string, K8sObject | null>)) {
      const from = `${configMap.metadata.name} exporters.${id}`;
      if (typeof exporter?.endpoint === 'string' && !exporter.endpoint.startsWith('${env:')) {
        found.push({ from, namespace: 'observability', ...hostAndPort(exporter.endpoint) });
      }
      const dns = exporter?.resolver?.dns;
      if (dns) found.push({ from: `${from}.resolver.dns`, namespace: 'observability', host: dns.hostname, port: Number(dns.port) });
    }
  }
  expect(configs.length).toBeGreaterThan(0);
  return found;
}

describe.each([...OVERLAYS, 'overlays/kind + components/jaeger-remote-sampling'])('%s', (overlay) => {
  const objects = overlay.includes('+')
    ? renderWith(kustomize, 'overlays/kind', ['components/jaeger-remote-sampling'])
    : render(kustomize, overlay);

  it('every URL in a container environment resolves to a Service port with pods behind it', async () => {
    const rendered = await objects;
    const endpoints = envEndpoints(rendered);
    expect(endpoints.length).toBeGreaterThan(6);
    const problems = endpoints.flatMap((endpoint) => attempt(rendered, endpoint));
    expect(problems).toEqual([]);
  });

  it('every Collector exporter and resolver address resolves to a Service port with pods behind it', async () => {
    const rendered = await objects;
    const problems = collectorEndpoints(rendered).flatMap((endpoint) => attempt(rendered, endpoint));
    expect(problems).toEqual([]);
  });
});

describe('addresses outside the kustomizations', () => {
  it('the Istio Zipkin provider and the Linkerd proxies point at the Collector Service of the mesh overlays', async () => {
    const istio = parse(readFileSync(join(K8S_ROOT, 'overlays/mesh/istio/istio-tracing.yaml'), 'utf8')) as K8sObject;
    const provider = istio.spec.meshConfig.extensionProviders[0];
    const telemetry = parse(readFileSync(join(K8S_ROOT, 'overlays/mesh/istio/telemetry.yaml'), 'utf8')) as K8sObject;
    expect(telemetry.spec.tracing[0].providers[0].name).toBe(provider.name);
    const istioObjects = await render(kustomize, 'overlays/mesh/istio');
    expect(attempt(istioObjects, { from: 'istio zipkin provider', namespace: 'istio-system', host: provider.zipkin.service, port: provider.zipkin.port })).toEqual([]);
    expect(find(istioObjects, 'Namespace', 'shop').metadata.labels['istio-injection']).toBe('enabled');

    const linkerd = parse(readFileSync(join(K8S_ROOT, 'overlays/mesh/linkerd/linkerd-values.yaml'), 'utf8')) as K8sObject;
    const linkerdObjects = await render(kustomize, 'overlays/mesh/linkerd');
    expect(linkerd.proxy.tracing.enabled).toBe(true);
    expect(attempt(linkerdObjects, { from: 'linkerd proxy.tracing', namespace: 'linkerd', ...hostAndPort(linkerd.proxy.tracing.collector.endpoint) })).toEqual([]);
    expect(find(linkerdObjects, 'Namespace', 'shop').metadata.annotations['linkerd.io/inject']).toBe('enabled');
  });

  it("production's Elasticsearch address and credentials come from the Secret jaeger-elasticsearch", async () => {
    const objects = await render(kustomize, 'overlays/production');
    const config = parse(findGenerated(objects, 'ConfigMap', 'jaeger-config').data['config.yaml']) as K8sObject;
    const elasticsearch = config.extensions.jaeger_storage.backends.traces.elasticsearch;
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the Collector's env syntax, not a template
    expect(elasticsearch.server_urls).toEqual(['${env:ES_SERVER_URL}']);
    const jaeger = workloads(objects).find((workload) => workload.name === 'jaeger')!;
    const env = containerEnv(objects, jaeger, jaeger.podSpec.containers[0]);
    expect(env.ES_SERVER_URL).toMatch(/^https:\/\//);
    expect(env.ES_USERNAME).toBeTruthy();
    const secret = findGenerated(objects, 'Secret', 'jaeger-elasticsearch');
    const mount = (jaeger.podSpec.volumes as K8sObject[]).find((volume) => volume.secret?.secretName === secret.metadata.name);
    expect(mount).toBeDefined();
    expect(elasticsearch.auth.basic.password_file).toBe('/etc/jaeger-elasticsearch/password');
  });
});

function attempt(objects: K8sObject[], { from, host, port, namespace, protocol }: Endpoint): string[] {
  try {
    resolveService(objects, host, port, namespace, protocol);
    return [];
  } catch (error) {
    return [`${from}: ${(error as Error).message}`];
  }
}
