// Starts the local trace backends as child processes, every listener on 127.0.0.1:
//   app --OTLP/Zipkin/Jaeger--> otelcol-tracekit --OTLP gRPC--> Jaeger v2 (memory) <--query-- tests
// Ports come from one portBase (layout in configs.mjs). Builds the binaries first when they
// are not cached (build.mjs). Configs and logs go to a fresh temp dir, removed by stop().
//
//   const backends = await startBackends({ portBase: 24000 });
//   ... send to backends.collector.otlpHttp, read from backends.jaeger.queryUrl ...
//   await backends.stop();
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, existsSync, openSync, rmSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultCacheDir, ensureBackends } from './build.mjs';
import { DEFAULT_PORT_BASE, PORT_PURPOSES, portLayout, writeConfigs } from './configs.mjs';
import { isProcessAlive, onParentExit, signalProcess } from './process-cleanup.mjs';

const READY_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 5_000;
const defaultLog = (message) => console.error(`[backends] ${message}`);

/**
 * @typedef {object} Backends
 * @property {{ otlpGrpc: string, otlpHttp: string, zipkin: string, jaegerGrpc: string,
 *   jaegerThriftHttp: string, healthUrl: string, zpagesUrl: string, pprofUrl: string,
 *   metricsUrl: string, configFile: string, logFile: string, pid: number }} collector
 *   otlpHttp is the base URL (append /v1/traces); zipkin is the full spans URL.
 * @property {{ queryUrl: string, uiUrl: string, samplingUrl: string, otlpGrpc: string,
 *   otlpHttp: string, metricsUrl: string, configFile: string, logFile: string, pid: number }} jaeger
 *   samplingUrl answers GET ?service=NAME with the strategy (Jaeger remote sampler endpoint).
 * @property {Readonly<Record<string, number>>} ports
 * @property {() => Promise<void>} stop kills both (SIGTERM, SIGKILL after 5 s); idempotent.
 */

/**
 * @param {{ portBase?: number, log?: (message: string) => void, cacheDir?: string,
 *   readyTimeoutMs?: number, keepTempDir?: boolean }} [options]
 * @returns {Promise<Backends>}
 */
export async function startBackends({
  portBase = DEFAULT_PORT_BASE,
  log = defaultLog,
  cacheDir = defaultCacheDir(),
  readyTimeoutMs = READY_TIMEOUT_MS,
  keepTempDir = false,
} = {}) {
  const ports = portLayout(portBase);
  const pidFile = join(cacheDir, 'run', `backends-${portBase}.json`);
  await killLeftovers(pidFile, log);
  await assertPortsFree(ports, portBase);

  const binaries = await ensureBackends({ cacheDir, log });
  const dir = await mkdtemp(join(tmpdir(), `tracekit-backends-${portBase}-`));
  const configs = await writeConfigs(dir, ports);

  const children = [
    launch('jaeger', binaries.jaeger, [`--config=${configs.jaegerConfig}`], join(dir, 'jaeger.log')),
    launch('collector', binaries.collector, [`--config=${configs.collectorConfig}`], join(dir, 'collector.log')),
  ];
  const [jaegerChild, collectorChild] = children;
  const forgetCleanup = onParentExit(() => {
    children.forEach((child) => signalProcess(child.process.pid, 'SIGKILL'));
    rmSync(pidFile, { force: true });
    if (!keepTempDir) rmSync(dir, { recursive: true, force: true });
  });
  await mkdir(join(pidFile, '..'), { recursive: true });
  await writeFile(pidFile, JSON.stringify({ parent: process.pid, dir, children: children.map((c) => ({ pid: c.process.pid, binary: c.binary })) }));

  let stopping;
  const stop = () =>
    (stopping ??= (async () => {
      await Promise.all(children.map(terminate));
      forgetCleanup();
      await rm(pidFile, { force: true });
      if (!keepTempDir) await rm(dir, { recursive: true, force: true });
    })());

  const url = (port, path = '') => `http://127.0.0.1:${port}${path}`;
  const backends = {
    collector: {
      otlpGrpc: url(ports.collectorOtlpGrpc),
      otlpHttp: url(ports.collectorOtlpHttp),
      zipkin: url(ports.collectorZipkin, '/api/v2/spans'),
      jaegerGrpc: url(ports.collectorJaegerGrpc),
      jaegerThriftHttp: url(ports.collectorJaegerThriftHttp, '/api/traces'),
      healthUrl: url(ports.collectorHealth, '/'),
      zpagesUrl: url(ports.collectorZpages, '/debug/tracez'),
      pprofUrl: url(ports.collectorPprof, '/debug/pprof/'),
      metricsUrl: url(ports.collectorMetrics, '/metrics'),
      configFile: configs.collectorConfig,
      logFile: collectorChild.logFile,
      pid: collectorChild.process.pid,
    },
    jaeger: {
      queryUrl: url(ports.jaegerQuery),
      uiUrl: url(ports.jaegerQuery, '/'),
      samplingUrl: url(ports.jaegerSamplingHttp, '/sampling'),
      otlpGrpc: url(ports.jaegerOtlpGrpc),
      otlpHttp: url(ports.jaegerOtlpHttp),
      metricsUrl: url(ports.jaegerMetrics, '/metrics'),
      configFile: configs.jaegerConfig,
      logFile: jaegerChild.logFile,
      pid: jaegerChild.process.pid,
    },
    ports,
    stop,
  };

  try {
    const started = Date.now();
    await Promise.all([
      waitReady(jaegerChild, `${backends.jaeger.queryUrl}/api/services`, readyTimeoutMs),
      waitReady(collectorChild, backends.collector.healthUrl, readyTimeoutMs),
    ]);
    log(`Jaeger (query ${backends.jaeger.queryUrl}) and Collector (OTLP ${backends.collector.otlpGrpc}, ` +
      `${backends.collector.otlpHttp}) ready in ${Date.now() - started} ms`);
  } catch (error) {
    // Keep the logs the error points to.
    keepTempDir = true;
    await stop();
    throw error;
  }
  return backends;
}

function launch(name, binary, args, logFile) {
  const fd = openSync(logFile, 'a');
  const child = spawn(binary, args, { stdio: ['ignore', fd, fd] });
  closeSync(fd);
  const exited = once(child, 'exit').then(([code, signal]) => ({ code, signal }));
  // A spawn failure (ENOENT, EACCES) shows up as an exit with code -2 etc.; keep it for errors.
  child.on('error', (error) => (child.spawnError = error));
  return { name, binary, logFile, process: child, exited };
}

async function waitReady(child, url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let lastProblem = 'no answer yet';
  let exit;
  child.exited.then((result) => (exit = result));
  while (Date.now() < deadline) {
    if (exit) {
      const why = child.process.spawnError?.message ?? `exit code ${exit.code ?? exit.signal}`;
      throw new Error(`${child.name} exited while starting (${why}). Its log, ${child.logFile}:\n${await logTail(child.logFile)}`);
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await response.arrayBuffer();
      if (response.ok) return;
      lastProblem = `HTTP ${response.status}`;
    } catch (error) {
      lastProblem = error.cause?.code ?? error.message;
    }
    await sleep(100);
  }
  throw new Error(`${child.name} not ready after ${timeoutMs} ms (${url}: ${lastProblem}). Its log, ${child.logFile}:\n${await logTail(child.logFile)}`);
}

async function terminate(child) {
  if (child.process.exitCode !== null || child.process.signalCode !== null || child.process.pid === undefined) return;
  signalProcess(child.process.pid, 'SIGTERM');
  const timer = setTimeout(() => signalProcess(child.process.pid, 'SIGKILL'), STOP_GRACE_MS);
  await child.exited;
  clearTimeout(timer);
}

/** Kills the children a previous run left behind when its parent was SIGKILLed. */
async function killLeftovers(pidFile, log) {
  if (!existsSync(pidFile)) return;
  let recorded;
  try {
    recorded = JSON.parse(await readFile(pidFile, 'utf8'));
  } catch {
    recorded = { children: [] };
  }
  if (recorded.parent && recorded.parent !== process.pid && isProcessAlive(recorded.parent)) {
    throw new Error(`process ${recorded.parent} already runs the backends with this portBase (${pidFile}); pass another portBase`);
  }
  for (const { pid, binary } of recorded.children ?? []) {
    const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    if (!cmdline.startsWith(binary)) continue; // gone, or the pid now belongs to something else
    log(`killing ${binary} (pid ${pid}) left over from an earlier run`);
    signalProcess(pid, 'SIGKILL');
    for (let i = 0; i < 50 && isProcessAlive(pid); i++) await sleep(100);
  }
  if (recorded.dir?.includes('tracekit-backends-')) await rm(recorded.dir, { recursive: true, force: true });
  await rm(pidFile, { force: true });
}

async function assertPortsFree(ports, portBase) {
  const busy = [];
  for (const [name, port] of Object.entries(ports)) {
    if (!(await portIsFree(port))) busy.push(`${port} (${PORT_PURPOSES[name]})`);
  }
  if (busy.length > 0) {
    throw new Error(`ports in use on 127.0.0.1: ${busy.join(', ')}. Stop what holds them or pass another ` +
      `portBase than ${portBase} (a stack uses portBase .. portBase+1999).`);
  }
}

function portIsFree(port) {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ host: '127.0.0.1', port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

async function logTail(file, lines = 25) {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
