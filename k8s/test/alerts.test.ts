// The production alert rules pass promtool (built from the Prometheus Go module): the rule
// file checks, its unit tests fire each alert on the right series and only there, and the
// rendered ConfigMap carries exactly that file.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, inject, it } from 'vitest';
import { parse } from 'yaml';
import { findGenerated, K8S_ROOT, render } from './helpers/manifests.js';

const run = promisify(execFile);
const { kustomize, promtool } = inject('tools');
const ALERTS = join(K8S_ROOT, 'overlays/production/alerts');

describe('Prometheus alert rules', () => {
  it('promtool check rules', async () => {
    const { stdout } = await run(promtool, ['check', 'rules', join(ALERTS, 'tracekit-alerts.yaml')]);
    expect(stdout).toContain('SUCCESS: 5 rules found');
  });

  it('promtool test rules', async () => {
    const { stdout } = await run(promtool, ['test', 'rules', join(ALERTS, 'tracekit-alerts.test.yaml')]);
    expect(stdout).toContain('SUCCESS');
  });

  it('alerts on a high trace error rate and on a slow p99', () => {
    const rules = (parse(readFileSync(join(ALERTS, 'tracekit-alerts.yaml'), 'utf8')) as { groups: { rules: { alert?: string }[] }[] }).groups.flatMap((group) => group.rules);
    expect(rules.map((rule) => rule.alert).filter(Boolean)).toEqual(['TracekitHighTraceErrorRate', 'TracekitSlowP99']);
  });

  it('the production overlay ships the same rule file in a ConfigMap', async () => {
    const configMap = findGenerated(await render(kustomize, 'overlays/production'), 'ConfigMap', 'tracekit-alert-rules');
    expect(configMap.data['tracekit-alerts.yaml']).toBe(readFileSync(join(ALERTS, 'tracekit-alerts.yaml'), 'utf8'));
    expect(configMap.metadata.labels['prometheus.io/rules']).toBe('true');
  });
});
