// The kind cluster config loads with kind's own strict loader and validation (no Docker
// needed), pins kind's node image by digest, and publishes exactly the NodePorts of the kind
// overlay on the host's loopback. The kind script is valid bash and builds the images the
// manifests run.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, inject, it } from 'vitest';
import { checkKindConfig, kindDefaultNodeImage } from '../../scripts/stack/tools/kind-config.mjs';
import { find, K8S_ROOT, KUBERNETES_VERSION, REPO_ROOT, render, workloads } from './helpers/manifests.js';

const run = promisify(execFile);
const { kustomize, kindConfigCheck } = inject('tools');
const CLUSTER = join(K8S_ROOT, 'kind/cluster.yaml');
const SCRIPT = join(K8S_ROOT, 'kind/up.sh');

describe('k8s/kind/cluster.yaml', () => {
  it("passes kind's loader and validation; one control-plane node with kind's default image, pinned by digest", async () => {
    const [cluster] = (await checkKindConfig(kindConfigCheck, CLUSTER)) as { name: string; nodes: { role: string; image: string }[] }[];
    expect(cluster!.name).toBe('tracekit');
    expect(cluster!.nodes.map((node) => node.role)).toEqual(['control-plane']);
    expect(cluster!.nodes[0]!.image).toBe(await kindDefaultNodeImage());
    expect(cluster!.nodes[0]!.image).toMatch(new RegExp(`^kindest/node:v${KUBERNETES_VERSION.replace(/\./g, '\\.')}@sha256:[0-9a-f]{64}$`));
  });

  it("maps the kind overlay's NodePorts, and only those, to 127.0.0.1", async () => {
    const [cluster] = (await checkKindConfig(kindConfigCheck, CLUSTER)) as { nodes: { extraPortMappings: { containerPort: number; hostPort: number; listenAddress: string }[] }[] }[];
    const objects = await render(kustomize, 'overlays/kind');
    const nodePorts = objects
      .filter((object) => object.kind === 'Service' && object.spec.type === 'NodePort')
      // Ports without a fixed nodePort (jaeger-query's gRPC) get a random one and stay unpublished.
      .flatMap((service) => (service.spec.ports as { nodePort?: number }[]).flatMap((port) => (port.nodePort ? [port.nodePort] : [])))
      .sort();
    const mappings = cluster!.nodes[0]!.extraPortMappings;
    expect(mappings.map((mapping) => mapping.containerPort).sort()).toEqual(nodePorts);
    expect(nodePorts).toEqual([30080, 30686]);
    for (const mapping of mappings) expect(mapping).toMatchObject({ hostPort: mapping.containerPort, listenAddress: '127.0.0.1' });
    expect(find(objects, 'Service', 'frontend', 'shop').spec.ports[0].nodePort).toBe(30080);
    expect(find(objects, 'Service', 'jaeger-query', 'observability').spec.ports[0].nodePort).toBe(30686);
  });

  it('rejects an unknown field (kind parses strictly)', async () => {
    await expect(checkKindConfig(kindConfigCheck, join(K8S_ROOT, 'test/fixtures/kind-unknown-field.yaml'))).rejects.toThrow(/field extraPortMapping not found/);
  });
});

describe('k8s/kind/up.sh', () => {
  const script = readFileSync(SCRIPT, 'utf8');

  it('is valid bash', async () => {
    await run('bash', ['-n', SCRIPT]);
  });

  it('uses the cluster config, the kind overlay and the image names of the manifests', async () => {
    expect(script).toContain('k8s/kind/cluster.yaml');
    expect(script).toContain('k8s/overlays/kind');
    const images = workloads(await render(kustomize, 'overlays/kind'))
      .filter((workload) => workload.namespace === 'shop')
      .map((workload) => workload.podSpec.containers[0].image as string);
    for (const image of images) {
      const [, service, tag] = /^tracekit-examples\/([a-z]+):(.+)$/.exec(image)!;
      expect(script).toContain(service);
      expect(script).toContain(`IMAGE_TAG=${tag}`);
    }
  });

  it('has a Dockerfile for every shop service', async () => {
    const services = workloads(await render(kustomize, 'overlays/kind'))
      .filter((workload) => workload.namespace === 'shop')
      .map((workload) => workload.name)
      .sort();
    expect(services.filter((service) => !existsSync(join(REPO_ROOT, 'examples', service, 'Dockerfile')))).toEqual([]);
  });

  it.each(['frontend', 'gateway', 'orders'])('examples/%s/Dockerfile: multi-stage, pinned Node, runs the package main as uid 10001', (service) => {
    const dockerfile = readFileSync(join(REPO_ROOT, 'examples', service, 'Dockerfile'), 'utf8');
    const { main } = JSON.parse(readFileSync(join(REPO_ROOT, 'examples', service, 'package.json'), 'utf8')) as { main: string };
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:\d+\.\d+\.\d+-[a-z]+-slim$/m);
    expect(dockerfile.match(/^FROM /gm)).toHaveLength(2);
    expect(dockerfile).toContain(`deploy --prod --legacy /app`);
    expect(dockerfile).toMatch(/^USER 10001:10001$/m);
    expect(dockerfile).toContain(`CMD ["node", "${main}"]`);
    expect(script).toMatch(/NODE_SERVICES=" frontend gateway orders "/);
  });
});
