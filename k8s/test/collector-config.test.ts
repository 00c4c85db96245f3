// Each Collector config of each overlay passes `validate` of the Collector built from
// k8s/collector/builder-config.yaml (the same release as the image), with the environment
// its pods get, and names its components by their current type names (no deprecated aliases,
// no component missing from the builder manifest).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { parse } from 'yaml';
import { containerEnv, OVERLAYS, render, workloads, type K8sObject } from './helpers/manifests.js';
import { scratchFile } from './helpers/scratch.js';

const run = promisify(execFile);
const { kustomize, collector } = inject('tools');
const KINDS = ['receivers', 'processors', 'exporters', 'connectors', 'extensions'] as const;

interface CollectorConfig {
  overlay: string;
  configMap: string;
  workload: string;
  text: string;
  env: Record<string, string>;
}

const configs: CollectorConfig[] = [];
for (const overlay of OVERLAYS) {
  const objects = await render(kustomize, overlay);
  for (const workload of workloads(objects)) {
    for (const volume of (workload.podSpec.volumes ?? []) as K8sObject[]) {
      const configMap = objects.find((object) => object.kind === 'ConfigMap' && object.metadata.name === volume.configMap?.name);
      if (!configMap || !/^otel-collector/.test(configMap.metadata.name)) continue;
      const container = (workload.podSpec.containers as K8sObject[]).find((candidate) => candidate.name === 'otel-collector')!;
      expect(container.args).toEqual(['--config=/etc/otelcol/config.yaml']);
      configs.push({ overlay, configMap: configMap.metadata.name, workload: `${workload.kind} ${workload.name}`, text: configMap.data['config.yaml'], env: containerEnv(objects, workload, container) });
    }
  }
}

function writeConfig(text: string): string {
  return scratchFile('config.yaml', text);
}

describe('OpenTelemetry Collector configs', () => {
  let available: Record<(typeof KINDS)[number], string[]>;
  beforeAll(async () => {
    const { stdout } = await run(collector, ['components']);
    const listed = parse(stdout) as Record<string, { name: string }[]>;
    available = Object.fromEntries(KINDS.map((kind) => [kind, (listed[kind] ?? []).map((component) => component.name)])) as typeof available;
  });

  it('covers the base Collector, the production agent and the production gateway', () => {
    const byOverlay = configs.map(({ overlay, workload }) => `${overlay}: ${workload}`);
    expect(byOverlay).toEqual(
      expect.arrayContaining([
        'overlays/kind: Deployment otel-collector',
        'overlays/production: DaemonSet otel-collector-agent',
        'overlays/production: Deployment otel-collector-gateway',
      ]),
    );
  });

  it.each(configs.map((config) => [`${config.overlay} ${config.workload}`, config] as const))('%s passes otelcol validate', async (_, config) => {
    const file = writeConfig(config.text);
    const result = await run(collector, ['validate', `--config=${file}`], { env: { PATH: process.env.PATH, ...config.env } }).then(
      ({ stdout, stderr }) => ({ ok: true, output: stdout + stderr }),
      (error: { stdout?: string; stderr?: string }) => ({ ok: false, output: `${error.stdout ?? ''}${error.stderr ?? ''}` }),
    );
    expect(result.output).not.toMatch(/deprecated/i);
    expect(result.ok, result.output).toBe(true);
  });

  it.each(configs.map((config) => [`${config.overlay} ${config.workload}`, config] as const))('%s uses current component type names', (_, config) => {
    const parsed = parse(config.text) as Record<string, Record<string, unknown> | undefined>;
    const unknown = KINDS.flatMap((kind) =>
      Object.keys(parsed[kind] ?? {})
        .map((id) => id.split('/')[0]!)
        .filter((type) => !available[kind].includes(type))
        .map((type) => `${kind}.${type}`),
    );
    expect(unknown).toEqual([]);
  });

  it('validate really checks: an unknown key is refused', async () => {
    const base = configs.find((config) => config.overlay === 'overlays/kind')!;
    const broken = base.text.replace(/^( {2}batch:\n)/m, '$1    flush_everything_now: true\n');
    expect(broken).not.toBe(base.text);
    await expect(run(collector, ['validate', `--config=${writeConfig(broken)}`], { env: { PATH: process.env.PATH, ...base.env } })).rejects.toThrow(
      /flush_everything_now/,
    );
  });
});
