// Checks the Go, Python and Java example services for real: prepares them (cached), runs each
// against an in-process OTLP receiver, sends requests that carry a parent trace and the baggage
// entry tenant.id=acme, and checks the server spans they export. Exits non-zero on a failure.
//
//   node scripts/stack/services/check-services.mjs      (needs packages/test-utils built)
//
// Two runs per service, each service in its own process:
//   1. default propagators (tracecontext,baggage), OTLP http/protobuf, short batch delay:
//      trace continued, parent span id, tenant.id, route, status, resource, /healthz;
//   2. OTEL_PROPAGATORS=b3multi, OTLP grpc, a batch delay of 60 s: the span can only arrive
//      through the flush on SIGTERM, so this also checks the clean shutdown.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { formatTraceTrees, startOtlpReceiver } from '@tracekit/test-utils';
import { elapsedSince, tail } from './build-tools.mjs';
import { prepareAllServices } from './index.mjs';

const TENANT = 'acme';
const STARTUP_TIMEOUT_MS = 90_000;
const SPAN_TIMEOUT_MS = 20_000;
const EXIT_TIMEOUT_MS = 20_000;

/** What each service answers and how its spans look. */
const SERVICES = {
  inventory: {
    // Go: net/http + otelhttp; the span is named after the ServeMux pattern.
    happy: { method: 'GET', path: '/inventory/tea-001', status: 200, body: (b) => b.sku === 'tea-001' && Number.isInteger(b.available) },
    spanName: 'GET /inventory/{sku}',
    route: '/inventory/{sku}',
    failing: { method: 'GET', path: '/inventory/broken', status: 503, spanStatus: 'ERROR' },
    healthzTraced: false,
    exitCodes: [0],
  },
  pricing: {
    // Python: Flask under opentelemetry-instrument.
    happy: { method: 'GET', path: '/price/tea-001', status: 200, body: (b) => b.sku === 'tea-001' && typeof b.price === 'number' && b.currency === 'EUR' },
    spanName: 'GET /price/<sku>',
    route: '/price/<sku>',
    slow: { method: 'GET', path: '/price/slow', status: 200, minDurationMs: 400 },
    healthzTraced: false,
    exitCodes: [0],
  },
  payments: {
    // Java: JDK HTTP server under the OpenTelemetry Java agent.
    happy: { method: 'POST', path: '/payments/authorize?amount=12.50', status: 200, body: (b) => b.authorized === true && typeof b.id === 'string' },
    spanName: 'POST /payments/authorize',
    route: '/payments/authorize',
    declined: { method: 'GET', path: '/payments/authorize?amount=2000', status: 402, spanStatus: 'UNSET' },
    // run 2 sets PAYMENTS_FAIL=true: every authorization answers 500
    secondRunEnv: { PAYMENTS_FAIL: 'true' },
    secondRunStatus: 500,
    secondRunSpanStatus: 'ERROR',
    healthzTraced: true, // the agent has no per-path switch; the span is harmless
    exitCodes: [0, 143], // the JVM exits with 128+SIGTERM after its shutdown hooks
  },
};

const results = [];
const children = new Set();
let receiver;

function record(name, ok, detail = '') {
  results.push({ name, ok, detail });
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? ` — ${detail}` : ''}`);
}

function expectEqual(name, actual, expected) {
  record(name, actual === expected, actual === expected ? '' : `expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

const hex = (bytes) => randomBytes(bytes).toString('hex');

/** This process's environment without OTEL_* variables, so that each run sets its own. */
function baseEnv() {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('OTEL_')));
}

function startService(name, prepared, env) {
  const child = spawn(prepared.command, prepared.args, {
    cwd: prepared.cwd,
    env: {
      ...baseEnv(),
      ...prepared.env,
      OTEL_SERVICE_NAME: name,
      OTEL_RESOURCE_ATTRIBUTES: 'service.namespace=shop,deployment.environment.name=local',
      HOST: '127.0.0.1',
      PORT: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  exited.then(() => children.delete(child));
  const output = () => `--- ${name} stdout ---\n${tail(stdout, 20)}\n--- ${name} stderr ---\n${tail(stderr, 30)}`;

  const listening = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} printed no LISTENING line within ${STARTUP_TIMEOUT_MS / 1000} s\n${output()}`)), STARTUP_TIMEOUT_MS);
    child.stdout.on('data', () => {
      const match = /LISTENING (\d+)/.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${match[1]}`);
      }
    });
    exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${signal ?? code}) before listening\n${output()}`));
    });
  });
  child.once('error', (error) => console.error(`${name}: ${error.message}`));

  async function stop() {
    const started = performance.now();
    child.kill('SIGTERM');
    const timeout = new Promise((resolve) => setTimeout(() => resolve(undefined), EXIT_TIMEOUT_MS));
    const result = await Promise.race([exited, timeout]);
    if (!result) child.kill('SIGKILL');
    return { ...result, ms: performance.now() - started, output };
  }
  return { listening, stop, output };
}

async function send(baseUrl, { method, path }, headers) {
  const started = performance.now();
  const response = await fetch(`${baseUrl}${path}`, { method, headers });
  const text = await response.text();
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: response.status, body, ms: performance.now() - started };
}

function serverSpanOf(traceId) {
  return receiver.spans.find((span) => span.traceId === traceId && span.kind === 'SERVER');
}

/** Resolves with '' once every trace has a server span, else with what did arrive from `name`. */
async function waitForServerSpans(name, traceIds) {
  try {
    await receiver.waitForSpans(() => traceIds.every((id) => serverSpanOf(id)), { timeoutMs: SPAN_TIMEOUT_MS });
    return '';
  } catch {
    const missing = traceIds.filter((id) => !serverSpanOf(id));
    const received = receiver.spans
      .filter((span) => span.resource['service.name'] === name)
      .map((span) => `${span.name} ${span.kind} trace ${span.traceId}`);
    return `no server span in trace(s) ${missing.join(', ')} within ${SPAN_TIMEOUT_MS / 1000} s; ${name} sent: ${received.join('; ') || 'nothing'}`;
  }
}

function isHealthzSpan(span, name) {
  if (span.resource['service.name'] !== name) return false;
  const attrs = span.attributes;
  return [span.name, attrs['url.path'], attrs['http.target'], attrs['http.route']].some((v) => typeof v === 'string' && v.includes('/healthz'));
}

/** Run 1: W3C trace context and baggage, the service's knobs at their defaults. */
async function checkDefaultRun(name, prepared) {
  const spec = SERVICES[name];
  const service = startService(name, prepared, {
    OTEL_EXPORTER_OTLP_ENDPOINT: receiver.httpEndpoint,
    OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
    OTEL_BSP_SCHEDULE_DELAY: '200',
  });
  try {
    const baseUrl = await service.listening;
    const health = await send(baseUrl, { method: 'GET', path: '/healthz' }, {});
    expectEqual(`${name}: GET /healthz answers 200`, health.status, 200);

    const traceId = hex(16);
    const parentId = hex(8);
    const headers = { traceparent: `00-${traceId}-${parentId}-01`, baggage: `tenant.id=${TENANT}` };
    const happy = await send(baseUrl, spec.happy, headers);
    expectEqual(`${name}: ${spec.happy.method} ${spec.happy.path} answers ${spec.happy.status}`, happy.status, spec.happy.status);
    record(`${name}: answer body`, spec.happy.body(happy.body), JSON.stringify(happy.body));

    const extra = spec.failing ?? spec.slow ?? spec.declined;
    const extraTraceId = hex(16);
    const extraAnswer = await send(baseUrl, extra, { traceparent: `00-${extraTraceId}-${hex(8)}-01` });
    expectEqual(`${name}: ${extra.method} ${extra.path} answers ${extra.status}`, extraAnswer.status, extra.status);

    const missing = await waitForServerSpans(name, [traceId, extraTraceId]);
    record(`${name}: server spans exported over OTLP http/protobuf`, !missing, missing);
    if (missing) return;

    const span = serverSpanOf(traceId);
    expectEqual(`${name}: server span continues the incoming trace id`, span.traceId, traceId);
    expectEqual(`${name}: server span is a child of the incoming span id`, span.parentSpanId, parentId);
    expectEqual(`${name}: server span carries tenant.id from baggage`, span.attributes['tenant.id'], TENANT);
    expectEqual(`${name}: span name`, span.name, spec.spanName);
    expectEqual(`${name}: http.route`, span.attributes['http.route'], spec.route);
    expectEqual(`${name}: http.response.status_code`, span.attributes['http.response.status_code'], spec.happy.status);
    expectEqual(`${name}: status of the happy span`, span.status.code, 'UNSET');
    expectEqual(`${name}: resource service.name (OTEL_SERVICE_NAME)`, span.resource['service.name'], name);
    expectEqual(`${name}: resource service.namespace (OTEL_RESOURCE_ATTRIBUTES)`, span.resource['service.namespace'], 'shop');

    const extraSpan = serverSpanOf(extraTraceId);
    if (extra.spanStatus) {
      expectEqual(`${name}: span status for ${extra.path} (${extra.status})`, extraSpan.status.code, extra.spanStatus);
    }
    if (extra.minDurationMs) {
      const ms = Number(extraSpan.endTimeUnixNano - extraSpan.startTimeUnixNano) / 1e6;
      record(`${name}: ${extra.path} span lasts >= ${extra.minDurationMs} ms`, ms >= extra.minDurationMs, `${ms.toFixed(0)} ms`);
    }

    // /healthz went first through the same batch processor, so had it been traced it would be here.
    const healthSpans = receiver.spans.filter((s) => isHealthzSpan(s, name));
    if (spec.healthzTraced) {
      record(`${name}: /healthz span (if any) is harmless`, healthSpans.every((s) => s.status.code !== 'ERROR'), `${healthSpans.length} span(s)`);
    } else {
      expectEqual(`${name}: /healthz is not traced`, healthSpans.length, 0);
    }
  } catch (error) {
    record(`${name}: default run`, false, error.message);
  } finally {
    const { code, signal, ms } = await service.stop();
    record(`${name}: exits on SIGTERM (run 1)`, spec.exitCodes.includes(code), `code ${code ?? signal}, ${ms.toFixed(0)} ms`);
  }
}

/** Run 2: B3 multi-header propagation, gRPC export, spans only flushed at SIGTERM. */
async function checkB3Run(name, prepared) {
  const spec = SERVICES[name];
  const service = startService(name, prepared, {
    OTEL_EXPORTER_OTLP_ENDPOINT: receiver.grpcEndpoint,
    OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc',
    OTEL_PROPAGATORS: 'b3multi',
    OTEL_BSP_SCHEDULE_DELAY: '60000',
    ...spec.secondRunEnv,
  });
  const traceId = hex(16);
  const parentId = hex(8);
  let stopped;
  try {
    const baseUrl = await service.listening;
    const headers = {
      'X-B3-TraceId': traceId,
      'X-B3-SpanId': parentId,
      'X-B3-Sampled': '1',
      baggage: `tenant.id=${TENANT}`,
    };
    const answer = await send(baseUrl, spec.happy, headers);
    const status = spec.secondRunStatus ?? spec.happy.status;
    expectEqual(`${name} [b3multi]: ${spec.happy.method} ${spec.happy.path} answers ${status}`, answer.status, status);

    stopped = await service.stop();
    record(`${name} [b3multi]: exits on SIGTERM`, spec.exitCodes.includes(stopped.code), `code ${stopped.code ?? stopped.signal}, ${stopped.ms.toFixed(0)} ms`);

    const missing = await waitForServerSpans(name, [traceId]);
    record(`${name} [b3multi]: SIGTERM flushed the span (OTLP grpc, 60 s batch delay)`, !missing, missing);
    if (missing) return;
    const span = serverSpanOf(traceId);
    expectEqual(`${name} [b3multi]: server span continues the B3 trace id`, span.traceId, traceId);
    expectEqual(`${name} [b3multi]: server span is a child of X-B3-SpanId`, span.parentSpanId, parentId);
    expectEqual(`${name} [b3multi]: no tenant.id (baggage propagator not configured)`, span.attributes['tenant.id'], undefined);
    if (spec.secondRunSpanStatus) {
      expectEqual(`${name} [b3multi]: span status with ${Object.entries(spec.secondRunEnv).map(([k, v]) => `${k}=${v}`).join(' ')}`, span.status.code, spec.secondRunSpanStatus);
    }
  } catch (error) {
    record(`${name} [b3multi]: run`, false, error.message);
  } finally {
    if (!stopped) await service.stop();
  }
}

process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

let exitCode = 0;
try {
  const startedAt = performance.now();
  const services = await prepareAllServices({ log: (line) => console.log(`[prepare] ${line}`) });
  console.log(`[prepare] all services ready in ${elapsedSince(startedAt)}`);
  for (const [name, prepared] of Object.entries(services)) {
    console.log(`[spawn] ${name}: ${prepared.command} ${prepared.args.join(' ')}  (cwd ${prepared.cwd})`);
  }

  receiver = await startOtlpReceiver();
  const names = Object.keys(SERVICES);
  await Promise.all(names.map((name) => checkDefaultRun(name, services[name])));
  await Promise.all(names.map((name) => checkB3Run(name, services[name])));
} catch (error) {
  record('prepare and run', false, error.message);
} finally {
  const failed = results.filter((result) => !result.ok).length;
  if (failed > 0 && receiver) console.log(`\nReceived traces:\n${formatTraceTrees(receiver.spans)}`);
  await receiver?.close();
  console.log(`\n${results.length - failed} passed, ${failed} failed`);
  exitCode = failed > 0 ? 1 : 0;
}
process.exit(exitCode);
