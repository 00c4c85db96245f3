#!/usr/bin/env node
// End-to-end check of the local trace backends with the real binaries:
//   1. builds (or finds cached) Jaeger and otelcol-tracekit, and checks the Collector has the
//      components of k8s/collector/builder-config.yaml;
//   2. validates both rendered configs (`validate --config=…`, which both binaries have);
//   3. starts both, sends one span as hand-made OTLP/HTTP JSON to the Collector, and waits for
//      it in Jaeger through jaeger-api.mjs;
//   4. checks remote sampling, that every listener is on 127.0.0.1, and that stop() ends both.
// Exits non-zero when a check fails.   node scripts/stack/backends/check-backends.mjs [--port-base N]
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, readlink, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ensureBackends } from './build.mjs';
import { portLayout, writeConfigs } from './configs.mjs';
import { jaegerClient } from './jaeger-api.mjs';
import { isProcessAlive } from './process-cleanup.mjs';
import { startBackends } from './start.mjs';

const PORT_BASE = Number(argValue('--port-base') ?? 16000);
const SERVICE = 'tracekit-backends-check';
const TRACE_ID = '5b8efff798038103d269b633813fc60c';
const SPAN_ID = 'eee19b7ec3c1b174';
/** The component types the manifest must build (v0.159.0 names). */
const EXPECTED_COMPONENTS = {
  receivers: ['otlp', 'zipkin', 'jaeger'],
  processors: ['memory_limiter', 'batch', 'resource', 'k8s_attributes', 'tail_sampling'],
  exporters: ['otlp_grpc', 'debug', 'load_balancing', 'prometheus'],
  connectors: ['span_metrics'],
  extensions: ['health_check', 'pprof', 'zpages'],
};

const exec = promisify(execFile);
const log = (message) => console.error(`[check-backends] ${message}`);
const results = [];

async function check(name, fn) {
  const started = Date.now();
  try {
    const detail = await fn();
    results.push({ name, ok: true });
    console.log(`ok - ${name} (${Date.now() - started} ms)${detail ? `: ${detail}` : ''}`);
  } catch (error) {
    results.push({ name, ok: false });
    console.log(`not ok - ${name}\n${indent(error.stack ?? String(error))}`);
  }
}

let binaries;
let backends;
try {
  await check('binaries are built or cached', async () => {
    binaries = await ensureBackends({ log });
    return `jaeger ${binaries.jaeger}, collector ${binaries.collector}`;
  });
  if (!binaries) throw new Error('no binaries: skipping the rest');

  await check('the Collector has exactly the manifest components', async () => {
    const { stdout } = await exec(binaries.collector, ['components'], { timeout: 30_000 });
    const problems = [];
    for (const [kind, expected] of Object.entries(EXPECTED_COMPONENTS)) {
      const built = componentNames(stdout, kind);
      const missing = expected.filter((name) => !built.includes(name));
      const extra = built.filter((name) => !expected.includes(name));
      if (missing.length) problems.push(`${kind} missing ${missing.join(', ')}`);
      if (extra.length) problems.push(`${kind} unexpected ${extra.join(', ')}`);
    }
    if (problems.length) throw new Error(`${problems.join('; ')}\n${stdout}`);
    return (await exec(binaries.collector, ['--version'], { timeout: 30_000 })).stdout.trim();
  });

  await check('both configs validate with the real binaries', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tracekit-backends-validate-'));
    try {
      const configs = await writeConfigs(dir, portLayout(PORT_BASE));
      await validate(binaries.collector, configs.collectorConfig);
      await validate(binaries.jaeger, configs.jaegerConfig);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  await check(`both start on portBase ${PORT_BASE} and answer`, async () => {
    backends = await startBackends({ portBase: PORT_BASE, log });
    return `collector ${backends.collector.otlpHttp}, jaeger query ${backends.jaeger.queryUrl}`;
  });
  if (!backends) throw new Error('backends did not start: skipping the rest');

  await check('every listener of both is on 127.0.0.1', async () => {
    const listeners = [...(await listeningAddresses(backends.collector.pid)), ...(await listeningAddresses(backends.jaeger.pid))];
    const exposed = listeners.filter((address) => !address.startsWith('127.0.0.1:'));
    if (exposed.length) throw new Error(`listening beyond loopback: ${exposed.join(', ')}`);
    const expected = Object.values(backends.ports).map((port) => `127.0.0.1:${port}`);
    const absent = expected.filter((address) => !listeners.includes(address));
    if (absent.length) throw new Error(`not listening on ${absent.join(', ')}; listeners: ${listeners.join(', ')}`);
    return `${listeners.length} listeners`;
  });

  const runId = randomBytes(4).toString('hex');
  const endMs = Date.now();
  await check('a span sent as OTLP/HTTP JSON to the Collector is accepted', async () => {
    const response = await fetch(`${backends.collector.otlpHttp}/v1/traces`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(otlpJsonBody(runId, endMs)),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`HTTP ${response.status}: ${text}`);
    return `HTTP ${response.status} ${text}`;
  });

  const jaeger = jaegerClient(backends.jaeger.queryUrl);
  await check('Jaeger has the span, converted to a plain object', async () => {
    const trace = await jaeger.waitForTrace(TRACE_ID, (t) => t.spans.some((s) => s.tags['check.run'] === runId), 15_000);
    const span = trace.spans.find((s) => s.spanId === SPAN_ID);
    const expected = {
      traceId: TRACE_ID, spanId: SPAN_ID, parentSpanId: undefined, service: SERVICE, operation: 'GET /check',
      kind: 'server', error: false, startUs: (endMs - 42) * 1000, durationUs: 42_000,
    };
    const wrong = Object.entries(expected).filter(([key, value]) => span?.[key] !== value);
    const tags = { 'check.run': runId, 'http.response.status_code': 200, 'check.sampled': true, 'check.ratio': 0.5 };
    wrong.push(...Object.entries(tags).filter(([key, value]) => span?.tags[key] !== value).map(([key]) => [`tags.${key}`]));
    const resource = { 'service.name': SERVICE, 'tracekit.collector': 'local' };
    wrong.push(...Object.entries(resource).filter(([key, value]) => span?.resource[key] !== value).map(([key]) => [`resource.${key}`]));
    if (wrong.length) throw new Error(`wrong ${wrong.map(([key]) => key).join(', ')} in ${JSON.stringify(span ?? trace, null, 2)}`);
    return `${trace.spans.length} span, resource ${JSON.stringify(span.resource)}`;
  });

  await check('services and tag search find it', async () => {
    const services = await jaeger.getServices();
    if (!services.includes(SERVICE)) throw new Error(`services: ${services.join(', ')}`);
    const found = await jaeger.findTraces({ service: SERVICE, tags: { 'check.run': runId }, limit: 5, lookback: '15m' });
    if (found.length !== 1 || found[0].traceId !== TRACE_ID) throw new Error(`found ${JSON.stringify(found.map((t) => t.traceId))}`);
    const none = await jaeger.findTraces({ service: SERVICE, tags: { 'check.run': 'no-such-run' }, lookback: 60_000 });
    if (none.length !== 0) throw new Error(`a search for another run found ${none.length} trace(s)`);
    if ((await jaeger.getTrace('00000000000000000000000000000001')) !== undefined) throw new Error('an unknown trace id was found');
    return `services ${services.join(', ')}`;
  });

  await check('remote sampling serves the default probabilistic strategy', async () => {
    const response = await fetch(`${backends.jaeger.samplingUrl}?service=${SERVICE}`);
    const body = await response.json();
    const probabilistic = body.strategyType === 0 || body.strategyType === 'PROBABILISTIC';
    if (!response.ok || !probabilistic || body.probabilisticSampling?.samplingRate !== 1) {
      throw new Error(`HTTP ${response.status} ${JSON.stringify(body)}`);
    }
    return JSON.stringify(body);
  });

  await check('stop() ends both, twice in a row', async () => {
    const pids = [backends.collector.pid, backends.jaeger.pid];
    const started = Date.now();
    await Promise.all([backends.stop(), backends.stop()]);
    await backends.stop();
    const alive = pids.filter(isProcessAlive);
    if (alive.length) throw new Error(`still running: ${alive.join(', ')}`);
    return `stopped in ${Date.now() - started} ms`;
  });
} catch (error) {
  console.log(`not ok - ${error.message}`);
  results.push({ name: error.message, ok: false });
} finally {
  await backends?.stop();
}

const failed = results.filter((r) => !r.ok).length;
console.log(`${results.length - failed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;

/** One SERVER span, 42 ms long, with an attribute of each OTLP value kind. */
function otlpJsonBody(runId, endMs) {
  const nanos = (ms) => `${BigInt(ms) * 1_000_000n}`;
  return {
    resourceSpans: [{
      resource: {
        attributes: [
          { key: 'service.name', value: { stringValue: SERVICE } },
          { key: 'service.version', value: { stringValue: '0.0.0-check' } },
        ],
      },
      scopeSpans: [{
        scope: { name: 'tracekit-check', version: '1' },
        spans: [{
          traceId: TRACE_ID,
          spanId: SPAN_ID,
          name: 'GET /check',
          kind: 2, // SPAN_KIND_SERVER
          startTimeUnixNano: nanos(endMs - 42),
          endTimeUnixNano: nanos(endMs),
          attributes: [
            { key: 'check.run', value: { stringValue: runId } },
            { key: 'http.response.status_code', value: { intValue: '200' } },
            { key: 'check.sampled', value: { boolValue: true } },
            { key: 'check.ratio', value: { doubleValue: 0.5 } },
          ],
          status: {},
        }],
      }],
    }],
  };
}

async function validate(binary, config) {
  try {
    await exec(binary, ['validate', `--config=${config}`], { timeout: 60_000 });
  } catch (error) {
    throw new Error(`${binary} validate --config=${config} failed:\n${error.stderr || error.message}`);
  }
}

/** Names under `kind:` in the output of `otelcol components` (YAML: `- name: otlp`). */
function componentNames(yaml, kind) {
  const section = new RegExp(`^${kind}:\\n((?:[ -].*\\n?)*)`, 'm').exec(yaml)?.[1] ?? '';
  return [...section.matchAll(/^\s*- name: (\S+)/gm)].map((m) => m[1]);
}

/** "host:port" of every TCP socket the process listens on, from /proc (IPv4 and IPv6). */
async function listeningAddresses(pid) {
  const inodes = new Set();
  for (const fd of await readdir(`/proc/${pid}/fd`)) {
    const target = await readlink(`/proc/${pid}/fd/${fd}`).catch(() => '');
    const match = /^socket:\[(\d+)\]$/.exec(target);
    if (match) inodes.add(match[1]);
  }
  const addresses = [];
  for (const file of ['tcp', 'tcp6']) {
    const table = await readFile(`/proc/${pid}/net/${file}`, 'utf8').catch(() => '');
    for (const line of table.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields.length < 10 || fields[3] !== '0A' || !inodes.has(fields[9])) continue; // 0A = LISTEN
      addresses.push(decodeAddress(fields[1]));
    }
  }
  return addresses;
}

function decodeAddress(hex) {
  const [ip, port] = hex.split(':');
  const portNumber = parseInt(port, 16);
  if (ip.length === 8) {
    const bytes = ip.match(/../g).map((b) => parseInt(b, 16)).reverse();
    return `${bytes.join('.')}:${portNumber}`;
  }
  return `[${ip}]:${portNumber}`;
}

function argValue(name) {
  const index = process.argv.indexOf(name);
  return index === -1 ? undefined : process.argv[index + 1];
}

function indent(text) {
  return text.split('\n').map((line) => `    ${line}`).join('\n');
}
