// Derives each shop service's local environment from the Kubernetes manifests in
// k8s/base/shop, so the local demo and the end-to-end tests run with exactly the OTEL_*
// settings the Deployments use. What only exists in a cluster is replaced by its local
// equivalent: downward-API fields by local values, Service DNS names by loopback ports.
import { randomUUID } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { hostname } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';

const SHOP_MANIFESTS = fileURLToPath(new URL('../../k8s/base/shop/', import.meta.url));
const SERVICE_URL = /^http:\/\/([a-z0-9-]+)(?:\.([a-z0-9-]+))?(?:\.svc(?:\.cluster\.local)?)?:(\d+)$/;

/** Every object of every manifest in k8s/base/shop. */
export function loadShopManifests(folder = SHOP_MANIFESTS) {
  return readdirSync(folder)
    .filter((file) => file.endsWith('.yaml') && file !== 'kustomization.yaml')
    .flatMap((file) => parseAllDocuments(readFileSync(`${folder}${file}`, 'utf8')).map((doc) => doc.toJS()))
    .filter(Boolean);
}

/** The shop services' names, in manifest order. */
export function shopServiceNames(manifests = loadShopManifests()) {
  return manifests.filter((object) => object.kind === 'Deployment').map((deployment) => deployment.metadata.name);
}

/**
 * The environment of one service's container, resolved as the kubelet would, with:
 * - `ports`: service name → local port (for Service URLs and the service's own PORT);
 * - `collector`: { otlpHttpPort, otlpGrpcPort } of the local Collector;
 * - `overrides`: shop-otel-env entries to replace or add (a test's sampler or propagators).
 */
export function localServiceEnv(name, { ports, collector, overrides = {}, manifests = loadShopManifests() }) {
  const deployment = manifests.find((object) => object.kind === 'Deployment' && object.metadata.name === name);
  if (!deployment) throw new Error(`no Deployment named ${name} in k8s/base/shop`);
  const template = deployment.spec.template;
  const container = template.spec.containers[0];
  const env = {};
  for (const source of container.envFrom ?? []) {
    const configMap = manifests.find((object) => object.kind === 'ConfigMap' && object.metadata.name === source.configMapRef.name);
    Object.assign(env, configMap?.data ?? {});
  }
  // Overrides act as entries of the shared ConfigMap: they may replace or add OTEL_* settings.
  Object.assign(env, overrides);
  const pod = { name: `${name}-local-0`, namespace: 'shop', uid: randomUUID(), ip: '127.0.0.1', node: hostname(), labels: template.metadata.labels };
  for (const variable of container.env ?? []) {
    const value = variable.valueFrom ? fieldValue(variable.valueFrom, pod) : expand(String(variable.value ?? ''), env);
    env[variable.name] = toLocal(value, { ports, collector, self: name });
  }
  env.OTEL_COLLECTOR_HOST = '127.0.0.1';
  return env;
}

function fieldValue(valueFrom, pod) {
  const path = valueFrom.fieldRef?.fieldPath;
  const label = /^metadata\.labels\['(.+)'\]$/.exec(path ?? '');
  if (label) return pod.labels[label[1]] ?? '';
  const fields = { 'metadata.name': pod.name, 'metadata.namespace': pod.namespace, 'metadata.uid': pod.uid, 'status.podIP': pod.ip, 'spec.nodeName': pod.node };
  if (path in fields) return fields[path];
  throw new Error(`unsupported downward-API field ${path}`);
}

/** `$(VAR)` expansion as the kubelet does it: defined variables are replaced, others kept. */
function expand(value, env) {
  return value.replace(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (whole, name) => env[name] ?? whole);
}

const COLLECTOR_SERVICE = 'otel-collector';

function toLocal(value, { ports, collector, self }) {
  if (value === '8080' && self in ports) return String(ports[self]);
  const match = SERVICE_URL.exec(value);
  if (!match) return value;
  const [, host, , port] = match;
  if (host === COLLECTOR_SERVICE) {
    const local = { 4318: collector.otlpHttpPort, 4317: collector.otlpGrpcPort }[port];
    if (local === undefined) throw new Error(`no local Collector port for ${value}`);
    return `http://127.0.0.1:${local}`;
  }
  if (host in ports) return `http://127.0.0.1:${ports[host]}`;
  throw new Error(`${value} names a Service that does not run locally`);
}
