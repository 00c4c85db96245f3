#!/usr/bin/env node
// Benchmarks the express app untraced, under the upstream zero-code setup and
// under tracekit, in one process session:
//   1. start-up: spawn each setup --startup-runs times (round-robin, after one
//      discarded spawn each to warm the file cache), time spawn → LISTENING;
//   2. load: for each round, route and setup (setup order rotated every
//      round), start a fresh app, warm it up, measure, read its peak RSS, stop
//      it with SIGTERM and count what its exporter delivered to the sink.
// Prints a table, writes results/latest.json and results/latest.md, and exits
// 1 when any setup failed or produced an invalid measurement.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { StartError, killRunningApps, startApp } from './lib/app-process.mjs';
import { inheritedEnv, otlpExportEnv } from './lib/app-env.mjs';
import { runLoad } from './lib/load.mjs';
import { describeMachine, installedVersions } from './lib/machine.mjs';
import { OptionsError, USAGE, parseOptions } from './lib/options.mjs';
import { startOtlpSink, sinkDelta } from './lib/otlp-sink.mjs';
import { readPeakRssBytes } from './lib/peak-rss.mjs';
import { readCpuMicros } from './lib/cpu-time.mjs';
import { renderMarkdown, renderText } from './lib/render.mjs';
import { APP_FORMATS, SETUPS, isTraced, nodeArgsFor, unavailableReason } from './lib/setups.mjs';
import { summarize, variantKey } from './lib/summary.mjs';
import { parseOrExit } from './lib/cli.mjs';

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const DOWNSTREAM = path.join(BENCH_DIR, 'apps', 'downstream.mjs');
const RESULTS_DIR = path.join(BENCH_DIR, 'results');
const VERSIONED_PACKAGES = [
  'express',
  'autocannon',
  '@opentelemetry/api',
  '@opentelemetry/auto-instrumentations-node',
  '@tracekit/node',
];

const options = parseOrExit(parseOptions, OptionsError, USAGE);

// The OpenTelemetry packages installed here declare Node >= 22.15; on an older
// Node a setup could fail or run an untested path, so refuse instead.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 15)) {
  console.error(`Node ${process.version} is too old: the benchmark needs Node >= 22.15 (see scripts/bootstrap.sh).`);
  process.exit(2);
}

const log = (line) => process.stderr.write(`${line}\n`);
const rotate = (list, by) => list.map((_, index) => list[(index + by) % list.length]);

process.once('SIGINT', () => {
  killRunningApps();
  process.exit(130);
});

const startedAt = new Date().toISOString();
const machine = describeMachine();
const setups = SETUPS.filter((setup) => options.setups.includes(setup.name));
/** variantKey(app, setup) → why that setup was dropped for that app */
const failures = {};
for (const app of options.apps) {
  for (const setup of setups) {
    const reason = unavailableReason(setup, app);
    if (reason !== null) failures[variantKey(app, setup.name)] = reason;
  }
}
/** The setups still running the app in that module format. */
const active = (app) => setups.filter((setup) => failures[variantKey(app, setup.name)] === undefined);

const sink = await startOtlpSink();
// Nothing from the caller's environment may change how a setup behaves.
const callerEnv = inheritedEnv();
const downstream = await startApp({
  script: DOWNSTREAM,
  cwd: BENCH_DIR,
  env: { ...callerEnv, PORT: '0' },
});
const otelEnv = otlpExportEnv(sink.endpoint);
// Every setup gets the same environment; the untraced app simply ignores OTEL_*.
const appEnv = {
  ...callerEnv,
  ...otelEnv,
  NODE_ENV: 'production',
  PORT: '0',
  DOWNSTREAM_URL: `http://127.0.0.1:${downstream.port}/`,
};

log(
  `tracekit bench: setups ${setups.map((s) => s.name).join(', ')}; app ${options.apps.join(', ')}; ` +
    `routes ${options.routes.join(', ')}; ` +
    `${options.connections} connections, ${options.warmup}+${options.duration} s per process, ` +
    `${options.rounds} round(s), ${options.startupRuns} start-up run(s); ` +
    `${machine.nproc} CPUs (${machine.cpuModel}), Node ${machine.node}`,
);
for (const [key, reason] of Object.entries(failures)) log(`  ${key}: UNAVAILABLE, ${reason}`);

/** Spawns the app under a setup; on failure drops the setup for that app format. */
async function spawnOrDrop(app, setup) {
  try {
    return await startApp({
      nodeArgs: nodeArgsFor(setup, app),
      script: path.join(BENCH_DIR, APP_FORMATS[app].script),
      cwd: BENCH_DIR,
      env: { ...appEnv, ...setup.env },
    });
  } catch (error) {
    if (!(error instanceof StartError)) throw error;
    failures[variantKey(app, setup.name)] = `failed to start: ${error.message}`;
    log(`  ${variantKey(app, setup.name)}: FAILED TO START, ${error.message}`);
    return null;
  }
}

// 1. Start-up. Run -1 is the discarded warm-up spawn of each setup.
const startup = [];
for (const app of options.apps) {
  for (let run = -1; run < options.startupRuns; run += 1) {
    for (const setup of rotate(active(app), Math.max(run, 0))) {
      const child = await spawnOrDrop(app, setup);
      if (child === null) continue;
      await child.stop();
      if (run >= 0) startup.push({ app, setup: setup.name, run, startupMs: child.startupMs });
    }
  }
  for (const setup of active(app)) {
    const samples = startup.filter((s) => s.app === app && s.setup === setup.name);
    log(`  start-up ${variantKey(app, setup.name)}: ${samples.map((s) => s.startupMs.toFixed(0)).join(', ')} ms`);
  }
}

// 2. Load.
const load = [];
for (let round = 1; round <= options.rounds; round += 1) {
  for (const app of options.apps) {
    for (const route of options.routes) {
      for (const setup of rotate(active(app), round - 1)) {
        const record = await measureLoad(app, setup, route, round);
        if (record === null) continue;
        load.push(record);
        logRecord(record);
      }
    }
  }
}

function logRecord(record) {
  const m = record.measured;
  log(
    `  [round ${record.round}/${options.rounds}] ${variantKey(record.app, record.setup)} ${record.route}: ` +
      (m ? `${m.requestsPerSecond.toFixed(0)} req/s, p99 ${m.p99Ms.toFixed(2)} ms, ` : '') +
      `${(record.sink.spans / Math.max(record.requestsSent, 1)).toFixed(2)} spans/req` +
      (record.problems.length > 0 ? `; PROBLEMS: ${record.problems.join('; ')}` : ''),
  );
}

/** One fresh app process: warm-up, measured load, peak RSS, SIGTERM, sink count. */
async function measureLoad(app, setup, route, round) {
  const before = sink.snapshot();
  const child = await spawnOrDrop(app, setup);
  if (child === null) return null;
  const url = `http://127.0.0.1:${child.port}${route}`;
  const problems = [];
  let warmup = null;
  let measured = null;
  try {
    if (options.warmup > 0) warmup = await runLoad({ url, connections: options.connections, durationS: options.warmup });
    const cpuBefore = readCpuMicros(child.pid);
    measured = await runLoad({ url, connections: options.connections, durationS: options.duration });
    const cpuAfter = readCpuMicros(child.pid);
    measured.cpuMicrosPerRequest =
      cpuBefore === null || cpuAfter === null || measured.completed === 0 ? null : (cpuAfter - cpuBefore) / measured.completed;
  } catch (error) {
    problems.push(`the load generator failed: ${error.message}`);
  }
  if (child.hasExited()) problems.push(`the app exited during the load: ${child.stderrTail() || 'no stderr'}`);
  const peakRssBytes = readPeakRssBytes(child.pid);
  const exit = await child.stop();
  if (exit.forced) problems.push('the app did not exit within 15 s of SIGTERM and was killed');
  const sinkCounts = sinkDelta(before, sink.snapshot());

  for (const [phase, result] of [['warm-up', warmup], ['measured run', measured]]) {
    if (result === null) continue;
    if (result.non2xx > 0) problems.push(`${result.non2xx} non-2xx responses in the ${phase}`);
    if (result.errors > 0) problems.push(`${result.errors} connection errors (${result.timeouts} timeouts) in the ${phase}`);
  }
  if (isTraced(setup) && sinkCounts.spans === 0) problems.push('the sink received 0 spans from a traced setup');
  if (!isTraced(setup) && sinkCounts.spans > 0) problems.push(`the untraced app exported ${sinkCounts.spans} spans`);
  if (sinkCounts.rejected > 0) problems.push(`the sink rejected ${sinkCounts.rejected} export requests`);

  return {
    app,
    setup: setup.name,
    route,
    round,
    startupMs: child.startupMs,
    warmup,
    measured,
    requestsSent: (warmup?.sent ?? 0) + (measured?.sent ?? 0),
    peakRssBytes,
    sink: sinkCounts,
    exit,
    problems,
  };
}

await downstream.stop();
await sink.close();

const summary = summarize({
  setups: setups.map((setup) => ({ name: setup.name, traced: isTraced(setup) })),
  apps: options.apps,
  routes: options.routes,
  failures,
  load,
  startup,
});
const meta = {
  startedAt,
  finishedAt: new Date().toISOString(),
  options,
  machine,
  loadAverageAtEnd: describeMachine().loadAverage,
  versions: installedVersions(BENCH_DIR, VERSIONED_PACKAGES),
  appEnv: { ...otelEnv, OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:<sink port>', NODE_ENV: 'production' },
  setups: setups.map((setup) => ({
    name: setup.name,
    description: setup.description,
    commands: Object.fromEntries(
      options.apps.map((app) => [app, ['node', ...nodeArgsFor(setup, app), APP_FORMATS[app].script].join(' ')]),
    ),
  })),
};

mkdirSync(RESULTS_DIR, { recursive: true });
writeFileSync(
  path.join(RESULTS_DIR, 'latest.json'),
  `${JSON.stringify({ schemaVersion: 1, ...meta, summary, raw: { startup, load } }, null, 2)}\n`,
);
writeFileSync(path.join(RESULTS_DIR, 'latest.md'), renderMarkdown({ summary, meta }));

console.log(`\n${renderText(summary)}\n`);
if (options.quick) console.log('Smoke run (--quick): far too short to quote.');
console.log(`Wrote ${path.relative(process.cwd(), path.join(RESULTS_DIR, 'latest.json'))} and latest.md`);
process.exitCode = summary.ok ? 0 : 1;
