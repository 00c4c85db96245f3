// Every rendered object validates strictly (unknown fields rejected) against the OpenAPI
// schemas of the Kubernetes release kind's node image runs, with kubernetes-validate.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, inject, it } from 'vitest';
import { stringify } from 'yaml';
import { kubernetesValidateCommand } from '../../scripts/stack/tools/kubernetes-validate.mjs';
import { KUBERNETES_VERSION, kustomizationFolders, render, renderWith, type K8sObject } from './helpers/manifests.js';
import { scratchFile } from './helpers/scratch.js';

const run = promisify(execFile);
const { kustomize, kubernetesValidate } = inject('tools');
const { command, args } = kubernetesValidateCommand(kubernetesValidate);

async function validate(objects: K8sObject[]): Promise<{ ok: boolean; output: string }> {
  const file = scratchFile('render.yaml', objects.map((object) => stringify(object)).join('---\n'));
  try {
    const { stdout, stderr } = await run(command, [...args, '--strict', '-k', KUBERNETES_VERSION, file], { maxBuffer: 16 * 1024 * 1024 });
    return { ok: true, output: stdout + stderr };
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    return { ok: false, output: stdout + stderr };
  }
}

describe(`strict schema validation (Kubernetes ${KUBERNETES_VERSION})`, () => {
  it.each(kustomizationFolders().kustomizations)('%s', async (folder) => {
    const objects = await render(kustomize, folder);
    const { ok, output } = await validate(objects);
    expect(output).not.toMatch(/ERROR|WARN/);
    expect(ok, output).toBe(true);
    expect(output.match(/ passed for resource /g)?.length).toBe(objects.length);
  });

  it('overlays/kind with the jaeger-remote-sampling component', async () => {
    const { ok, output } = await validate(await renderWith(kustomize, 'overlays/kind', ['components/jaeger-remote-sampling']));
    expect(ok, output).toBe(true);
  });

  it('rejects an unknown field (the check is strict)', async () => {
    const { ok, output } = await validate([
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'x' }, spec: { ports: [{ port: 80, targetport: 8080 }] } },
    ]);
    expect(ok).toBe(false);
    expect(output).toContain("'targetport' was unexpected");
  });
});
