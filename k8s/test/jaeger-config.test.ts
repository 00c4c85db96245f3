// Jaeger's config in each overlay passes `jaeger validate` of the Jaeger release the image is
// (built from github.com/jaegertracing/jaeger cmd/jaeger), with the environment the pod gets.
// The in-memory config (base, kind, mesh) is also started on loopback: Jaeger must come up
// healthy, serve the sampling strategies file of the ConfigMap to the jaeger_remote sampler's
// endpoint, and answer its query API. Production's Elasticsearch storage is validated only:
// no Elasticsearch runs here, so its connection is not exercised.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { containerEnv, findGenerated, OVERLAYS, render, workloads, type K8sObject } from './helpers/manifests.js';
import { onLoopback } from './helpers/loopback.js';
import { start, waitForHttp, type Running } from './helpers/processes.js';
import { scratchFile } from './helpers/scratch.js';

const run = promisify(execFile);
const { kustomize, jaeger } = inject('tools');

interface JaegerSetup {
  overlay: string;
  config: string;
  strategies: string;
  env: Record<string, string>;
}

const setups: JaegerSetup[] = [];
for (const overlay of OVERLAYS) {
  const objects = await render(kustomize, overlay);
  const configMap = findGenerated(objects, 'ConfigMap', 'jaeger-config');
  const workload = workloads(objects).find((candidate) => candidate.name === 'jaeger')!;
  const container = (workload.podSpec.containers as K8sObject[])[0]!;
  expect(container.args).toEqual(['--config=/etc/jaeger/config.yaml']);
  setups.push({ overlay, config: configMap.data['config.yaml'], strategies: configMap.data['sampling-strategies.json'], env: containerEnv(objects, workload, container) });
}

const writeFile = scratchFile;

describe('Jaeger v2 configs', () => {
  it.each(setups.map((setup) => [setup.overlay, setup] as const))('%s passes jaeger validate', async (_, setup) => {
    const { stdout, stderr } = await run(jaeger, ['validate', `--config=${writeFile('config.yaml', setup.config)}`], { env: { PATH: process.env.PATH, ...setup.env } });
    expect(stdout + stderr).not.toMatch(/error/i);
  });

  it('production stores spans in Elasticsearch with the index prefix, shards and replicas, and memory elsewhere', () => {
    const storage = (setup: JaegerSetup) => (parse(setup.config) as K8sObject).extensions.jaeger_storage.backends.traces;
    const production = storage(setups.find((setup) => setup.overlay === 'overlays/production')!);
    expect(production.elasticsearch.indices).toMatchObject({ index_prefix: 'tracekit', spans: { shards: 3, replicas: 1 } });
    for (const setup of setups.filter((candidate) => candidate.overlay !== 'overlays/production')) expect(Object.keys(storage(setup))).toEqual(['memory']);
  });

  it('validate really checks: a missing Elasticsearch URL is refused', async () => {
    const production = setups.find((setup) => setup.overlay === 'overlays/production')!;
    const env = { PATH: process.env.PATH, ...production.env, ES_SERVER_URL: '' };
    await expect(run(jaeger, ['validate', `--config=${writeFile('config.yaml', production.config)}`], { env })).rejects.toThrow(/Servers: non zero value required/);
  });
});

describe('Jaeger with the kind overlay config, started on loopback', () => {
  const setup = setups.find((candidate) => candidate.overlay === 'overlays/kind')!;
  const ports: Record<string, number> = {};
  let jaegerProcess: Running;

  beforeAll(async () => {
    const local = await onLoopback(parse(setup.config) as K8sObject);
    Object.assign(ports, local.ports);
    local.config.extensions.remote_sampling.file.path = writeFile('sampling-strategies.json', setup.strategies);
    expect(Object.keys(ports).sort()).toEqual(['13133', '16685', '16686', '4317', '4318', '5778', '5779', '8888']);
    jaegerProcess = start(jaeger, [`--config=${writeFile('config.yaml', stringify(local.config))}`]);
    await waitForHttp(`http://127.0.0.1:${ports['13133']}/status`, jaegerProcess, 60_000);
  });

  afterAll(async () => {
    await jaegerProcess?.stop();
  });

  const strategy = async (service: string) => {
    const response = await fetch(`http://127.0.0.1:${ports['5778']}/sampling?service=${service}`);
    expect(response.status).toBe(200);
    return (await response.json()) as K8sObject;
  };

  it('serves per-service probabilistic strategies', async () => {
    const frontend = await strategy('frontend');
    expect(frontend.probabilisticSampling.samplingRate).toBe(1);
    const gateway = await strategy('gateway');
    expect(gateway.operationSampling.defaultSamplingProbability).toBe(0.5);
    expect(gateway.operationSampling.perOperationStrategies).toEqual(
      expect.arrayContaining([{ operation: 'GET /healthz', probabilisticSampling: { samplingRate: 0 } }]),
    );
  });

  it('serves a rate-limiting strategy for orders', async () => {
    const orders = await strategy('orders');
    expect(orders.rateLimitingSampling.maxTracesPerSecond).toBe(20);
  });

  it('serves the default probabilistic strategy to other services', async () => {
    const other = await strategy('inventory');
    expect(other.probabilisticSampling.samplingRate).toBe(0.5);
  });

  it('answers the query API', async () => {
    const response = await fetch(`http://127.0.0.1:${ports['16686']}/api/services`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ errors: null });
  });
});
