// Rendering the kustomizations and reading the rendered objects the way the cluster would:
// pod templates, a container's environment as the kubelet builds it, Services by DNS name.
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { parse, parseAllDocuments } from 'yaml';
import { scratchDir } from './scratch.js';

const run = promisify(execFile);

/** The k8s/ folder and the repository root. */
export const K8S_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const REPO_ROOT = join(K8S_ROOT, '..');

/** The overlays users apply. */
export const OVERLAYS = ['overlays/kind', 'overlays/production', 'overlays/mesh/istio', 'overlays/mesh/linkerd'] as const;
export type Overlay = (typeof OVERLAYS)[number];

/** The Kubernetes version of kind's node image (k8s/kind/cluster.yaml); schemas are checked against it. */
export const KUBERNETES_VERSION = '1.37.0';

// Rendered objects are plain YAML data; the tests look into them field by field.
// biome-ignore lint/suspicious/noExplicitAny: rendered YAML is navigated field by field
export type K8sObject = Record<string, any>;

export interface Workload {
  kind: string;
  name: string;
  namespace: string;
  podLabels: Record<string, string>;
  podSpec: K8sObject;
}

/** Every folder under k8s/ with a kustomization.yaml, split into kustomizations and components. */
export function kustomizationFolders(): { kustomizations: string[]; components: string[] } {
  const kustomizations: string[] = [];
  const components: string[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (!entry.isDirectory() || entry.name === 'node_modules' || entry.name === 'test') continue;
      const path = join(folder, entry.name);
      const file = join(path, 'kustomization.yaml');
      try {
        const { kind } = parse(readFileSync(file, 'utf8')) as { kind?: string };
        (kind === 'Component' ? components : kustomizations).push(relative(K8S_ROOT, path));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
      walk(path);
    }
  };
  walk(K8S_ROOT);
  return { kustomizations: kustomizations.sort(), components: components.sort() };
}

/** `kustomize build <folder>` (relative to k8s/), parsed. */
export async function render(kustomize: string, folder: string): Promise<K8sObject[]> {
  const { stdout } = await run(kustomize, ['build', join(K8S_ROOT, folder)], { maxBuffer: 64 * 1024 * 1024 });
  return parseAllDocuments(stdout)
    .map((document) => document.toJS() as K8sObject | null)
    .filter((object): object is K8sObject => object !== null);
}

/** Renders a throwaway kustomization: an overlay with extra components (as a user would add them). */
export async function renderWith(kustomize: string, base: string, components: string[]): Promise<K8sObject[]> {
  const folder = scratchDir();
  writeFileSync(
    join(folder, 'kustomization.yaml'),
    JSON.stringify({
      apiVersion: 'kustomize.config.k8s.io/v1beta1',
      kind: 'Kustomization',
      // kustomize refuses absolute paths: relative ones from the temporary folder.
      resources: [relative(folder, join(K8S_ROOT, base))],
      components: components.map((component) => relative(folder, join(K8S_ROOT, component))),
    }),
  );
  const { stdout } = await run(kustomize, ['build', folder], { maxBuffer: 64 * 1024 * 1024 });
  return parseAllDocuments(stdout)
    .map((document) => document.toJS() as K8sObject | null)
    .filter((object): object is K8sObject => object !== null);
}

export function find(objects: K8sObject[], kind: string, name: string, namespace?: string): K8sObject {
  const found = objects.find(
    (object) => object.kind === kind && object.metadata?.name === name && (namespace === undefined || object.metadata?.namespace === namespace),
  );
  if (!found) throw new Error(`no ${kind} ${namespace ? `${namespace}/` : ''}${name} in the render`);
  return found;
}

/** A generated ConfigMap or Secret, found by the name before kustomize's hash suffix. */
export function findGenerated(objects: K8sObject[], kind: 'ConfigMap' | 'Secret', name: string): K8sObject {
  const found = objects.filter((object) => object.kind === kind && new RegExp(`^${name}-[a-z0-9]{10}$`).test(object.metadata?.name));
  if (found.length !== 1) throw new Error(`expected one generated ${kind} ${name}-<hash>, found ${found.length}`);
  return found[0]!;
}

const WORKLOAD_KINDS = new Set(['Deployment', 'DaemonSet', 'StatefulSet', 'ReplicaSet', 'Job']);

export function workloads(objects: K8sObject[]): Workload[] {
  return objects
    .filter((object) => WORKLOAD_KINDS.has(object.kind))
    .map((object) => ({
      kind: object.kind,
      name: object.metadata.name,
      namespace: object.metadata.namespace,
      podLabels: object.spec.template.metadata?.labels ?? {},
      podSpec: object.spec.template.spec,
    }));
}

/** Placeholder values for a pod's downward-API fields. */
export interface PodFacts {
  name: string;
  namespace: string;
  uid: string;
  ip: string;
  nodeName: string;
  hostIP: string;
  labels: Record<string, string>;
}

export function podFacts(workload: Workload, ip = '10.244.0.17'): PodFacts {
  return {
    name: `${workload.name}-7d9c6b5f4-x2x9k`,
    namespace: workload.namespace,
    uid: '0b6e2a4c-59f1-4d0e-9c1c-2d6f3f2b8a11',
    ip,
    nodeName: 'tracekit-control-plane',
    hostIP: '172.18.0.2',
    labels: workload.podLabels,
  };
}

/**
 * The environment of one container as the kubelet builds it: envFrom sources first, then `env`
 * in order, each value's $(VAR) references expanded against what is defined before it
 * ($$ escapes), downward-API fields from `pod`, Secret and ConfigMap keys from the render.
 */
export function containerEnv(objects: K8sObject[], workload: Workload, container: K8sObject, pod = podFacts(workload)): Record<string, string> {
  const env: Record<string, string> = {};
  const source = (kind: 'ConfigMap' | 'Secret', name: string): Record<string, string> => {
    const object = objects.find((candidate) => candidate.kind === kind && candidate.metadata.name === name && candidate.metadata.namespace === workload.namespace);
    if (!object) throw new Error(`${workload.namespace}/${workload.name} refers to a missing ${kind} ${name}`);
    if (kind === 'ConfigMap') return object.data ?? {};
    return Object.fromEntries(Object.entries((object.data ?? {}) as Record<string, string>).map(([key, value]) => [key, Buffer.from(value, 'base64').toString('utf8')]));
  };
  for (const from of container.envFrom ?? []) {
    const data = from.configMapRef ? source('ConfigMap', from.configMapRef.name) : source('Secret', from.secretRef.name);
    for (const [key, value] of Object.entries(data)) env[`${from.prefix ?? ''}${key}`] = String(value);
  }
  for (const variable of container.env ?? []) {
    env[variable.name] = variable.valueFrom ? valueFrom(variable.valueFrom, pod, source) : expand(String(variable.value ?? ''), env);
  }
  return env;
}

function valueFrom(from: K8sObject, pod: PodFacts, source: (kind: 'ConfigMap' | 'Secret', name: string) => Record<string, string>): string {
  if (from.fieldRef) {
    const path: string = from.fieldRef.fieldPath;
    const label = /^metadata\.labels\['(.+)'\]$/.exec(path);
    if (label) {
      const value = pod.labels[label[1]!];
      if (value === undefined) throw new Error(`fieldRef ${path}: the pod has no such label`);
      return value;
    }
    const fields: Record<string, string> = {
      'metadata.name': pod.name,
      'metadata.namespace': pod.namespace,
      'metadata.uid': pod.uid,
      'status.podIP': pod.ip,
      'status.hostIP': pod.hostIP,
      'spec.nodeName': pod.nodeName,
    };
    const value = fields[path];
    if (value === undefined) throw new Error(`unsupported fieldRef ${path}`);
    return value;
  }
  if (from.secretKeyRef) return required(source('Secret', from.secretKeyRef.name), from.secretKeyRef.key);
  if (from.configMapKeyRef) return required(source('ConfigMap', from.configMapKeyRef.name), from.configMapKeyRef.key);
  throw new Error(`unsupported valueFrom ${JSON.stringify(from)}`);
}

function required(data: Record<string, string>, key: string): string {
  const value = data[key];
  if (value === undefined) throw new Error(`key ${key} is missing`);
  return value;
}

/** Kubernetes' $(VAR) expansion: defined names are replaced, undefined ones kept, $$ escapes. */
export function expand(value: string, env: Record<string, string>): string {
  return value.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g, (whole, name: string | undefined) => {
    if (whole === '$$') return '$';
    return name !== undefined && name in env ? env[name]! : whole;
  });
}

export interface ServiceTarget {
  service: K8sObject;
  port: K8sObject;
  pods: Workload[];
}

/**
 * Resolves `host:port` the way cluster DNS does (name, name.ns, name.ns.svc,
 * name.ns.svc.cluster.local; bare names in `namespace`) to a Service port whose selector
 * matches at least one pod template exposing the target port. Throws with the reason otherwise.
 */
export function resolveService(objects: K8sObject[], host: string, port: number, namespace: string, protocol = 'TCP'): ServiceTarget {
  const match = /^([a-z0-9-]+)(?:\.([a-z0-9-]+))?(?:\.svc(?:\.cluster\.local)?)?$/.exec(host);
  if (!match) throw new Error(`${host} is not a cluster Service name`);
  const [, name, ns = namespace] = match;
  const service = objects.find((object) => object.kind === 'Service' && object.metadata.name === name && object.metadata.namespace === ns);
  if (!service) throw new Error(`${host}: no Service ${ns}/${name}`);
  const servicePort = (service.spec.ports as K8sObject[]).find((candidate) => candidate.port === port && (candidate.protocol ?? 'TCP') === protocol);
  if (!servicePort) throw new Error(`${host}: Service ${ns}/${name} has no ${protocol} port ${port}`);
  const selector: Record<string, string> = service.spec.selector ?? {};
  const pods = workloads(objects).filter(
    (workload) => workload.namespace === ns && Object.keys(selector).length > 0 && Object.entries(selector).every(([key, value]) => workload.podLabels[key] === value),
  );
  if (pods.length === 0) throw new Error(`${host}: Service ${ns}/${name} selects no pod template`);
  const target = servicePort.targetPort ?? servicePort.port;
  for (const pod of pods) {
    const ports = (pod.podSpec.containers as K8sObject[]).flatMap((container) => (container.ports ?? []) as K8sObject[]);
    const exposed = ports.some((candidate) => (typeof target === 'string' ? candidate.name === target : candidate.containerPort === target) && (candidate.protocol ?? 'TCP') === protocol);
    if (!exposed) throw new Error(`${host}:${port}: pods of ${pod.kind} ${ns}/${pod.name} expose no port ${target}`);
  }
  return { service, port: servicePort, pods };
}

/** `http://host:port/...`, `host:port` or `dns:///host:port` to host and port (default by scheme). */
export function hostAndPort(endpoint: string): { host: string; port: number } {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(endpoint) ? endpoint : `tcp://${endpoint}`;
  const url = new URL(withScheme.replace(/^dns:\/\/\//, 'tcp://'));
  const port = url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
  return { host: url.hostname, port };
}
