// Builds or finds every tool the checks use, once per test run, and hands their paths to the
// test files (inject('tools')). First run on a fresh machine: ~25 minutes on 2 cores.
import type { TestProject } from 'vitest/node';
import { ensureManifestTools } from '../../../scripts/stack/tools/index.mjs';

export interface ManifestTools {
  kustomize: string;
  kubernetesValidate: string;
  promtool: string;
  kindConfigCheck: string;
  collector: string;
  jaeger: string;
  timings: Record<string, number>;
}

declare module 'vitest' {
  export interface ProvidedContext {
    tools: ManifestTools;
  }
}

export default async function setup(project: TestProject): Promise<void> {
  const log = (line: string) => process.stderr.write(`[manifests] ${line}\n`);
  const tools: ManifestTools = await ensureManifestTools({ log });
  project.provide('tools', tools);
}
