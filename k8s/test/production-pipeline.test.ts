// The production trace pipeline, run for real on loopback with the rendered configs: spans
// sent to an agent go through its load_balancing exporter (routing by trace id) to a gateway,
// whose tail_sampling keeps the error trace and the slow trace but not most fast ones, and
// Jaeger stores what is kept; the gateway's span_metrics connector serves, on its Prometheus
// endpoint, every metric the alert rules query.
// What differs from the cluster: listeners on free 127.0.0.1 ports, the agent's resolver
// pointed at 127.0.0.1 instead of the gateways' headless Service, the agent's k8s_attributes
// processor left out (it needs the Kubernetes API), and an in-memory Jaeger (the kind
// overlay's config) in place of the Elasticsearch-backed one.
//
//   agent --load_balancing--> gateway --tail_sampling--> Jaeger
//                                 \--span_metrics--> Prometheus exporter
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { onLoopback } from './helpers/loopback.js';
import { findGenerated, K8S_ROOT, render, type K8sObject } from './helpers/manifests.js';
import { start, waitForHttp, type Running } from './helpers/processes.js';
import { scratchFile } from './helpers/scratch.js';

const { kustomize, collector, jaeger } = inject('tools');

const running: Running[] = [];
let jaegerQuery = '';
let agentOtlpHttp = '';
let spanMetrics = '';

function writeConfig(config: K8sObject): string {
  return scratchFile('config.yaml', stringify(config));
}

beforeAll(async () => {
  const production = await render(kustomize, 'overlays/production');
  const kind = await render(kustomize, 'overlays/kind');
  const configOf = (objects: K8sObject[], name: string) => parse(findGenerated(objects, 'ConfigMap', name).data['config.yaml']) as K8sObject;

  // Jaeger: the in-memory config of the kind overlay, with its strategies file.
  const jaegerLocal = await onLoopback(configOf(kind, 'jaeger-config'));
  const strategies = scratchFile('sampling-strategies.json', findGenerated(kind, 'ConfigMap', 'jaeger-config').data['sampling-strategies.json']);
  jaegerLocal.config.extensions.remote_sampling.file.path = strategies;
  const jaegerProcess = start(jaeger, [`--config=${writeConfig(jaegerLocal.config)}`]);
  running.push(jaegerProcess);
  jaegerQuery = `http://127.0.0.1:${jaegerLocal.ports['16686']}`;

  // Gateway: exports to that Jaeger.
  const gateway = await onLoopback(configOf(production, 'otel-collector-gateway-config'));
  expect(gateway.config.exporters['otlp_grpc/jaeger'].endpoint).toBe('jaeger-collector.observability.svc.cluster.local:4317');
  gateway.config.exporters['otlp_grpc/jaeger'].endpoint = `127.0.0.1:${jaegerLocal.ports['4317']}`;
  spanMetrics = `http://127.0.0.1:${gateway.ports['8889']}/metrics`;

  // Agent: OTLP/HTTP in, load-balanced to the gateway.
  const agent = await onLoopback(configOf(production, 'otel-collector-agent-config'));
  const dns = agent.config.exporters.load_balancing.resolver.dns;
  expect(dns).toMatchObject({ hostname: 'otel-collector-gateway-headless.observability.svc.cluster.local', port: '4317' });
  Object.assign(dns, { hostname: '127.0.0.1', port: String(gateway.ports['4317']) });
  delete agent.config.processors.k8s_attributes;
  const pipeline = agent.config.service.pipelines.traces;
  pipeline.processors = (pipeline.processors as string[]).filter((name) => name !== 'k8s_attributes');
  agentOtlpHttp = `http://127.0.0.1:${agent.ports['4318']}/v1/traces`;

  const env = { MY_POD_IP: '127.0.0.1', K8S_NODE_NAME: 'tracekit-control-plane', DEPLOYMENT_ENVIRONMENT: 'production' };
  await waitForHttp(`http://127.0.0.1:${jaegerLocal.ports['13133']}/status`, jaegerProcess, 60_000);
  const gatewayProcess = start(collector, [`--config=${writeConfig(gateway.config)}`], env);
  running.push(gatewayProcess);
  await waitForHttp(`http://127.0.0.1:${gateway.ports['13133']}/`, gatewayProcess, 60_000);
  const agentProcess = start(collector, [`--config=${writeConfig(agent.config)}`], env);
  running.push(agentProcess);
  await waitForHttp(`http://127.0.0.1:${agent.ports['13133']}/`, agentProcess, 60_000);
});

afterAll(async () => {
  await Promise.all(running.map((process) => process.stop()));
});

const traceId = () => randomBytes(16).toString('hex');
const spanId = () => randomBytes(8).toString('hex');

/** One server span (and a client child) of `service`, as OTLP/JSON. */
function trace(id: string, service: string, { durationMs, error }: { durationMs: number; error: boolean }) {
  const end = BigInt(Date.now()) * 1_000_000n;
  const start = end - BigInt(durationMs) * 1_000_000n;
  const server = spanId();
  const attribute = (key: string, value: string | number) => ({ key, value: typeof value === 'number' ? { intValue: String(value) } : { stringValue: value } });
  return {
    resource: { attributes: [attribute('service.name', service), attribute('service.namespace', 'shop')] },
    scopeSpans: [
      {
        scope: { name: 'tracekit-manifests-test' },
        spans: [
          {
            traceId: id,
            spanId: server,
            name: 'GET /api/items/:id',
            kind: 2,
            startTimeUnixNano: String(start),
            endTimeUnixNano: String(end),
            attributes: [attribute('http.request.method', 'GET'), attribute('http.response.status_code', error ? 500 : 200)],
            status: error ? { code: 2, message: 'boom' } : { code: 0 },
          },
          {
            traceId: id,
            spanId: spanId(),
            parentSpanId: server,
            name: 'SELECT items',
            kind: 3,
            startTimeUnixNano: String(start + 1_000_000n),
            endTimeUnixNano: String(start + 2_000_000n),
            status: { code: 0 },
          },
        ],
      },
    ],
  };
}

async function jaegerTrace(id: string): Promise<K8sObject | undefined> {
  const response = await fetch(`${jaegerQuery}/api/traces/${id}`);
  if (response.status === 404) return undefined;
  const body = (await response.json()) as { data?: K8sObject[] };
  return body.data?.[0];
}

async function eventually<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms\n${running.map((process) => process.output().slice(-3000)).join('\n---\n')}`);
    await sleep(500);
  }
}

describe('production pipeline on loopback: agent -> gateway -> Jaeger', () => {
  const errorTrace = traceId();
  const slowTrace = traceId();
  const fastTraces = Array.from({ length: 20 }, traceId);

  beforeAll(async () => {
    const body = {
      resourceSpans: [
        trace(errorTrace, 'orders', { durationMs: 20, error: true }),
        trace(slowTrace, 'pricing', { durationMs: 1500, error: false }),
        ...fastTraces.map((id) => trace(id, 'inventory', { durationMs: 10, error: false })),
      ],
    };
    const response = await fetch(agentOtlpHttp, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(response.status).toBe(200);
  });

  it('keeps the trace with an error, with the agent tier and environment on its resource', async () => {
    const stored = await eventually('the error trace in Jaeger', () => jaegerTrace(errorTrace));
    expect(stored.spans).toHaveLength(2);
    const tags = Object.values(stored.processes as Record<string, { tags: { key: string; value: unknown }[] }>)[0]!.tags;
    expect(tags).toEqual(expect.arrayContaining([{ key: 'deployment.environment.name', type: 'string', value: 'production' }, { key: 'tracekit.collector', type: 'string', value: 'agent' }]));
  });

  it('keeps the slow trace', async () => {
    const stored = await eventually('the slow trace in Jaeger', () => jaegerTrace(slowTrace));
    expect(stored.spans).toHaveLength(2);
  });

  it('drops most fast, successful traces (10% baseline)', async () => {
    await eventually('the error trace in Jaeger', () => jaegerTrace(errorTrace));
    await sleep(2000);
    const kept = (await Promise.all(fastTraces.map(jaegerTrace))).filter(Boolean).length;
    expect(kept).toBeLessThan(10);
  });

  it('serves span metrics with every metric name the alert rules query', async () => {
    const rules = readFileSync(join(K8S_ROOT, 'overlays/production/alerts/tracekit-alerts.yaml'), 'utf8');
    const queried = [...new Set(rules.match(/traces_span_metrics_\w+/g))];
    expect(queried.sort()).toEqual(['traces_span_metrics_calls_total', 'traces_span_metrics_duration_seconds_bucket']);
    // A new series is first exported at 0 and counts the call from the next flush (15 s) on,
    // which gives rate() a starting point: wait for the 1.
    const errorCalls = /^traces_span_metrics_calls_total\{[^}]*service_name="orders",span_kind="SPAN_KIND_SERVER"[^}]*status_code="STATUS_CODE_ERROR"[^}]*\} 1$/m;
    const text = await eventually('span metrics counting the error call of orders', async () => {
      const body = await (await fetch(spanMetrics)).text();
      return errorCalls.test(body) && body.includes('service_name="pricing"') ? body : undefined;
    });
    const series = (name: string, labels: Record<string, string>) =>
      text.split('\n').filter((line) => line.startsWith(`${name}{`) && Object.entries(labels).every(([key, value]) => line.includes(`${key}="${value}"`)));
    for (const name of queried) expect(series(name, { span_kind: 'SPAN_KIND_SERVER' }).length, name).toBeGreaterThan(0);
    const errors = series('traces_span_metrics_calls_total', { service_name: 'orders', span_kind: 'SPAN_KIND_SERVER', status_code: 'STATUS_CODE_ERROR' });
    expect(errors.map((line) => Number(line.split(' ').pop()))).toEqual([1]);
    // The slow request lands above the alert's 1 s threshold: in the 2.5 s bucket, not the 1 s one.
    const bucket = (le: string) => Number(series('traces_span_metrics_duration_seconds_bucket', { service_name: 'pricing', span_kind: 'SPAN_KIND_SERVER', le })[0]?.split(' ').pop());
    expect([bucket('1'), bucket('2.5')]).toEqual([0, 1]);
  });
});
