#!/usr/bin/env node
// Benchmarks the express app under the upstream zero-code setup and under
// tracekit while the Collector is sick, in one process session. For each round,
// scenario and setup (orders rotated every round):
//   1. put the Collector (lib/fault-collector.mjs, in front of the sink) in the
//      scenario's mode, start a fresh app, warm it up;
//   2. measure requests/s and p99 under load, and the app's RSS at the start and
//      end of the load (and its highest value, sampled every 500 ms);
//   3. make the Collector healthy again and count the spans that arrive within
//      --recovery seconds (and when the first one came);
//   4. SIGTERM, and count what arrives at exit and how long the exit took.
// Scenario `exit` keeps the Collector healthy and runs an app whose own SIGTERM
// handler calls process.exit(0); after the load has been exported it sends 100
// more requests and stops the app at once: the share of their spans lost at exit.
// Prints a table, writes results/faults-latest.json and results/faults-latest.md,
// and exits 1 when a measurement had a problem or a fault scenario missed the
// criteria (throughput ≥ 90 % and p99 ≤ 1.5× of the healthy Collector's).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { StartError, killRunningApps, startApp } from './lib/app-process.mjs';
import { inheritedEnv, otlpExportEnv } from './lib/app-env.mjs';
import { startFaultCollector } from './lib/fault-collector.mjs';
import { FAULT_USAGE, FaultOptionsError, parseFaultOptions } from './lib/fault-options.mjs';
import { CRITERIA, renderFaultMarkdown, renderFaultText, summarizeFaults } from './lib/fault-summary.mjs';
import { runLoad } from './lib/load.mjs';
import { describeMachine, installedVersions } from './lib/machine.mjs';
import { sinkDelta, startOtlpSink } from './lib/otlp-sink.mjs';
import { readRssBytes } from './lib/rss.mjs';
import { SETUPS, nodeArgsFor, unavailableReason } from './lib/setups.mjs';
import { parseOrExit } from './lib/cli.mjs';

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const RESULTS_DIR = path.join(BENCH_DIR, 'results');
const APP = path.join(BENCH_DIR, 'apps', 'express-app.mjs');
const EXIT_APP = path.join(BENCH_DIR, 'apps', 'express-exit-app.mjs');
const ROUTE = '/hello';
const SICK = new Set(['down', 'hanging', 'slow', 'flapping']);
const EXIT_BURST_REQUESTS = 100;

const options = parseOrExit(parseFaultOptions, FaultOptionsError, FAULT_USAGE);

const log = (line) => process.stderr.write(`${line}\n`);
const rotate = (list, by) => list.map((_, index) => list[(index + by) % list.length]);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
process.once('SIGINT', () => {
  killRunningApps();
  process.exit(130);
});

const startedAt = new Date().toISOString();
const machine = describeMachine();
const setups = SETUPS.filter((setup) => options.setups.includes(setup.name));
for (const setup of setups) {
  const reason = unavailableReason(setup, 'esm');
  if (reason !== null) {
    console.error(`${setup.name}: ${reason}`);
    process.exit(1);
  }
}

const sink = await startOtlpSink();
const collector = await startFaultCollector({
  sinkPort: Number(new URL(sink.endpoint).port),
  slowDelayMs: options.slowDelay,
  flapPeriodMs: options.flapPeriod,
});
const otelEnv = otlpExportEnv(collector.endpoint);
const appEnv = { ...inheritedEnv(), ...otelEnv, NODE_ENV: 'production', PORT: '0' };

log(
  `tracekit fault bench: setups ${setups.map((s) => s.name).join(', ')}; scenarios ${options.scenarios.join(', ')}; ` +
    `${options.connections} connections, ${options.warmup}+${options.duration} s load, ${options.recovery} s recovery, ` +
    `${options.rounds} round(s); ${machine.nproc} CPUs (${machine.cpuModel}), Node ${machine.node}`,
);

const records = [];
for (let round = 1; round <= options.rounds; round += 1) {
  for (const scenario of rotate(options.scenarios, round - 1)) {
    for (const setup of rotate(setups, round - 1)) {
      const record = await measure(scenario, setup, round);
      records.push(record);
      logRecord(record);
    }
  }
}

function logRecord(r) {
  const m = r.measured;
  log(
    `  [round ${r.round}/${options.rounds}] ${r.scenario} ${r.setup}: ` +
      (m ? `${m.requestsPerSecond.toFixed(0)} req/s, p99 ${m.p99Ms.toFixed(2)} ms, ` : '') +
      `RSS ${fmtMiB(r.rssStartBytes)} → ${fmtMiB(r.rssEndBytes)} MiB, spans ${r.spans.duringLoad}+${r.spans.afterRecovery}+${r.spans.atExit} ` +
      `for ${r.requestsSent} requests, exit ${r.exitMs?.toFixed(0)} ms` +
      (r.problems.length > 0 ? `; PROBLEMS: ${r.problems.join('; ')}` : ''),
  );
}

function fmtMiB(bytes) {
  return bytes === null ? '?' : (bytes / 1024 / 1024).toFixed(0);
}

/** Resolves once no span arrived for `quietMs` (or after `maxMs`). */
async function waitForQuietSink(quietMs, maxMs) {
  const started = Date.now();
  let last = sink.snapshot().spans;
  let lastChange = Date.now();
  while (Date.now() - lastChange < quietMs && Date.now() - started < maxMs) {
    await sleep(100);
    const now = sink.snapshot().spans;
    if (now !== last) {
      last = now;
      lastChange = Date.now();
    }
  }
}

async function measure(scenario, setup, round) {
  const record = {
    round,
    scenario,
    setup: setup.name,
    problems: [],
    warmup: null,
    measured: null,
    requestsSent: 0,
    rssStartBytes: null,
    rssEndBytes: null,
    rssMaxBytes: null,
    spans: { duringLoad: 0, afterRecovery: 0, atExit: 0 },
    recoveryMs: null,
    exitMs: null,
    exitBurst: null,
    collector: null,
  };
  await collector.setMode(scenario === 'exit' ? 'healthy' : scenario);
  const before = sink.snapshot();
  let child;
  try {
    child = await startApp({ nodeArgs: nodeArgsFor(setup, 'esm'), script: scenario === 'exit' ? EXIT_APP : APP, cwd: BENCH_DIR, env: appEnv });
  } catch (error) {
    if (!(error instanceof StartError)) throw error;
    record.problems.push(`failed to start: ${error.message}`);
    return record;
  }
  const url = `http://127.0.0.1:${child.port}${ROUTE}`;
  let rssMax = 0;
  let sampler = null;
  try {
    if (options.warmup > 0) record.warmup = await runLoad({ url, connections: options.connections, durationS: options.warmup });
    record.rssStartBytes = readRssBytes(child.pid);
    sampler = setInterval(() => {
      rssMax = Math.max(rssMax, readRssBytes(child.pid) ?? 0);
    }, 500);
    record.measured = await runLoad({ url, connections: options.connections, durationS: options.duration });
    record.rssEndBytes = readRssBytes(child.pid);
  } catch (error) {
    record.problems.push(`the load generator failed: ${error.message}`);
  } finally {
    clearInterval(sampler);
  }
  record.rssMaxBytes = Math.max(rssMax, record.rssEndBytes ?? 0) || null;
  record.requestsSent = (record.warmup?.sent ?? 0) + (record.measured?.sent ?? 0);
  record.spans.duringLoad = sinkDelta(before, sink.snapshot()).spans;
  if (child.hasExited()) record.problems.push(`the app exited during the load: ${child.stderrTail() || 'no stderr'}`);

  if (SICK.has(scenario)) {
    const mark = sink.snapshot();
    await collector.setMode('healthy');
    const healthyAt = Date.now();
    while (Date.now() - healthyAt < options.recovery * 1000) {
      if (record.recoveryMs === null && sink.snapshot().spans > mark.spans) record.recoveryMs = Date.now() - healthyAt;
      await sleep(50);
    }
    record.spans.afterRecovery = sinkDelta(mark, sink.snapshot()).spans;
  }
  record.collector = collector.stats();

  if (scenario === 'exit') {
    // Let everything from the load be exported (both setups flush every 5 s), then send a
    // small burst and stop at once: what arrives is what the exit saved of the last requests.
    await waitForQuietSink(6000, 30_000);
    const burstStart = sink.snapshot();
    for (let i = 0; i < EXIT_BURST_REQUESTS; i += 1) {
      const response = await fetch(url).catch(() => null);
      await response?.arrayBuffer();
      if (!response?.ok) record.problems.push('a request of the exit burst failed');
    }
    record.exitBurst = { requests: EXIT_BURST_REQUESTS, start: burstStart };
  }

  const beforeExit = sink.snapshot();
  const stoppingAt = Date.now();
  const exit = await child.stop(15_000);
  record.exitMs = Date.now() - stoppingAt;
  await sleep(100);
  record.spans.atExit = sinkDelta(beforeExit, sink.snapshot()).spans;
  if (record.exitBurst) {
    record.exitBurst = { requests: record.exitBurst.requests, spans: sinkDelta(record.exitBurst.start, sink.snapshot()).spans };
  }
  if (exit.forced) record.problems.push('the app did not exit within 15 s of SIGTERM and was killed');
  for (const [phase, result] of [['warm-up', record.warmup], ['measured run', record.measured]]) {
    if (result === null) continue;
    if (result.non2xx > 0) record.problems.push(`${result.non2xx} non-2xx responses in the ${phase}`);
    if (result.errors > 0) record.problems.push(`${result.errors} connection errors (${result.timeouts} timeouts) in the ${phase}`);
  }
  if (sinkDelta(before, sink.snapshot()).rejected > 0) record.problems.push('the sink rejected export requests');
  return record;
}

await collector.close();
await sink.close();

const summary = summarizeFaults({ scenarios: options.scenarios, setups: setups.map((s) => s.name), records });
const meta = {
  startedAt,
  finishedAt: new Date().toISOString(),
  options,
  criteria: CRITERIA,
  machine,
  loadAverageAtEnd: describeMachine().loadAverage,
  versions: installedVersions(BENCH_DIR, ['express', 'autocannon', '@opentelemetry/auto-instrumentations-node', '@tracekit/node']),
  appEnv: { ...otelEnv, OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:<fault collector port>', NODE_ENV: 'production' },
};
mkdirSync(RESULTS_DIR, { recursive: true });
writeFileSync(
  path.join(RESULTS_DIR, 'faults-latest.json'),
  `${JSON.stringify({ schemaVersion: 1, ...meta, summary, raw: records }, null, 2)}\n`,
);
const heading = [
  `# tracekit Collector-fault benchmark, ${startedAt}`,
  '',
  options.quick ? '> **Smoke run (`--quick`): far too short to quote.**\n' : '',
  `Machine: ${machine.nproc} CPUs (${machine.cpuModel}), Node ${machine.node}; load average at start ${machine.loadAverage.join(' / ')}, at end ${meta.loadAverageAtEnd.join(' / ')}.`,
  `Load: ${options.connections} connections on ${ROUTE}, ${options.warmup} s warm-up + ${options.duration} s measured; recovery window ${options.recovery} s; ` +
    `slow Collector ${options.slowDelay} ms per answer; flapping every ${options.flapPeriod} ms; ${options.rounds} round(s).`,
  '',
].join('\n');
writeFileSync(path.join(RESULTS_DIR, 'faults-latest.md'), `${heading}\n${renderFaultMarkdown(summary)}\n\nColumns and method: see bench/README.md.\n`);
console.log(`\n${renderFaultText(summary)}\n`);
if (options.quick) console.log('Smoke run (--quick): far too short to quote.');
console.log(`Wrote ${path.relative(process.cwd(), path.join(RESULTS_DIR, 'faults-latest.json'))} and faults-latest.md`);
process.exitCode = summary.ok ? 0 : 1;
