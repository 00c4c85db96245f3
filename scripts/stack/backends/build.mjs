// Builds the two trace backends from Go source and caches the binaries:
//   - Jaeger v2 (`cmd/jaeger` of github.com/jaegertracing/jaeger@v1.76.0): an OpenTelemetry
//     Collector distribution that takes a `--config` YAML;
//   - otelcol-tracekit: our Collector, built by the OpenTelemetry Collector Builder from
//     k8s/collector/builder-config.yaml.
// Binaries live under the cache dir (TRACEKIT_CACHE, default ~/.cache/tracekit), keyed by the
// Jaeger version and by the hash of the builder manifest, so a second run is instant. A fresh
// machine needs Go and the Go module proxy; each build takes ~8-10 minutes on 2 cores.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, cp, mkdir, mkdtemp, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { homedir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isProcessAlive, onParentExit, signalProcess } from './process-cleanup.mjs';

export const JAEGER_MODULE = 'github.com/jaegertracing/jaeger';
/** Served by the Go proxy as a module version (v2.x tags and commit pseudo-versions are not);
 * its `cmd/jaeger` is the Jaeger v2 binary. */
export const JAEGER_VERSION = 'v1.76.0';
/** Must equal the version of every go.opentelemetry.io/collector v0.x module in the manifest. */
export const COLLECTOR_BUILDER_VERSION = 'v0.159.0';
export const COLLECTOR_MANIFEST = fileURLToPath(new URL('../../../k8s/collector/builder-config.yaml', import.meta.url));
export const COLLECTOR_BINARY_NAME = 'otelcol-tracekit';
/** Oldest Go that builds both: Jaeger v1.76.0 says go 1.24.6, the v0.159.0 builder and modules go 1.25. */
export const MIN_GO = [1, 25];

export const GO_MISSING_MESSAGE =
  'Go 1.25 or newer is needed to build the trace backends (Jaeger and the tracekit Collector) ' +
  'and was not found on PATH. Install it from https://go.dev/dl/ and run again. ' +
  'Where Docker runs, the images jaegertracing/jaeger and otel/opentelemetry-collector-contrib ' +
  'can be used instead, with the configs in scripts/stack/backends/ listening on 0.0.0.0 inside the containers.';

const BUILD_TIMEOUT_MS = 25 * 60_000;
const HEARTBEAT_MS = 60_000;
/** Two Go builds at once peak at ~5 GiB together; below this, build one after the other. */
const PARALLEL_BUILD_MIN_MEMORY = 12 * 1024 ** 3;

const defaultLog = (message) => console.error(`[backends] ${message}`);

export function defaultCacheDir(env = process.env) {
  if (env.TRACEKIT_CACHE) return env.TRACEKIT_CACHE;
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'tracekit');
}

/**
 * Returns the path of the Jaeger v2 binary, building it first if it is not cached.
 * @param {{ cacheDir?: string, log?: (message: string) => void, timeoutMs?: number }} [options]
 */
export async function ensureJaeger({ cacheDir = defaultCacheDir(), log = defaultLog, timeoutMs = BUILD_TIMEOUT_MS } = {}) {
  const target = join(cacheDir, 'bin', `jaeger-${JAEGER_VERSION}`, 'jaeger');
  return buildOnce(target, { log, what: 'Jaeger', timeoutMs }, async () => {
    const deadline = Date.now() + timeoutMs;
    const go = await findGo();
    const started = Date.now();
    log(`building Jaeger ${JAEGER_VERSION} (cmd/jaeger) into ${target}; takes ~8 minutes on 2 cores`);

    const download = await run(go, ['mod', 'download', '-json', `${JAEGER_MODULE}@${JAEGER_VERSION}`], {
      label: 'go mod download (Jaeger)', deadline, log,
    });
    const moduleDir = JSON.parse(download.stdout).Dir;
    if (!moduleDir) throw new Error(`go mod download gave no Dir for ${JAEGER_MODULE}@${JAEGER_VERSION}:\n${download.stdout}`);

    // Its go.mod has a `replace`, so `go install module@version` refuses it: build it as the
    // main module from a writable copy of the module source instead.
    const sourceDir = join(cacheDir, 'src', `jaeger-${JAEGER_VERSION}`);
    if (!existsSync(join(sourceDir, 'go.mod'))) {
      const copy = await freshDir(join(cacheDir, 'src'), `jaeger-${JAEGER_VERSION}.`);
      await cp(moduleDir, copy, { recursive: true });
      await makeWritable(copy);
      await rm(sourceDir, { recursive: true, force: true });
      await rename(copy, sourceDir);
    }

    const output = `${target}.partial-${process.pid}`;
    const x = (name, value) => `-X ${JAEGER_MODULE}/internal/version.${name}=${value}`;
    const ldflags = [x('latestVersion', JAEGER_VERSION), x('date', new Date().toISOString().slice(0, 19) + 'Z')].join(' ');
    await run(go, ['build', '-buildvcs=false', `-ldflags=${ldflags}`, '-o', output, './cmd/jaeger'], {
      cwd: sourceDir, label: 'go build (Jaeger)', deadline, log, nice: true,
    });
    await rename(output, target);
    log(`built Jaeger ${JAEGER_VERSION} in ${minutes(Date.now() - started)}`);
  });
}

/**
 * Returns the path of the otelcol-tracekit binary, building it first if it is not cached.
 * @param {{ cacheDir?: string, log?: (message: string) => void, timeoutMs?: number, manifest?: string }} [options]
 */
export async function ensureCollector({
  cacheDir = defaultCacheDir(),
  log = defaultLog,
  timeoutMs = BUILD_TIMEOUT_MS,
  manifest = COLLECTOR_MANIFEST,
} = {}) {
  const text = await readFile(manifest, 'utf8');
  checkManifest(text, manifest);
  const hash = createHash('sha256')
    .update(`${COLLECTOR_BUILDER_VERSION}\n${process.platform}-${process.arch}\n${text}`)
    .digest('hex')
    .slice(0, 12);
  const target = join(cacheDir, 'bin', `${COLLECTOR_BINARY_NAME}-${hash}`, COLLECTOR_BINARY_NAME);
  return buildOnce(target, { log, what: 'the Collector', timeoutMs }, async () => {
    const deadline = Date.now() + timeoutMs;
    const go = await findGo();
    const started = Date.now();
    log(`building ${COLLECTOR_BINARY_NAME} (manifest hash ${hash}) into ${target}; takes ~10 minutes on 2 cores`);

    const builderDir = join(cacheDir, 'bin', `ocb-${COLLECTOR_BUILDER_VERSION}`);
    const builder = join(builderDir, 'builder');
    if (!existsSync(builder)) {
      await run(go, ['install', `go.opentelemetry.io/collector/cmd/builder@${COLLECTOR_BUILDER_VERSION}`], {
        label: 'go install builder', deadline, log, env: { GOBIN: builderDir },
      });
    }

    const work = await freshDir(join(cacheDir, 'tmp'), 'otelcol-build-');
    const outputPath = join(work, 'src');
    await writeFile(join(work, 'manifest.yaml'), withOutputPath(text, outputPath));
    await run(builder, [`--config=${join(work, 'manifest.yaml')}`], {
      cwd: work, label: `Collector builder (sources kept in ${work})`, deadline, log, nice: true,
      // The work dir may sit inside someone's git checkout; VCS stamping needs git and is useless here.
      env: { GOFLAGS: `${process.env.GOFLAGS ?? ''} -buildvcs=false`.trim() },
    });
    await rename(join(outputPath, COLLECTOR_BINARY_NAME), target);
    await rm(work, { recursive: true, force: true });
    log(`built ${COLLECTOR_BINARY_NAME} in ${minutes(Date.now() - started)}`);
  });
}

/**
 * Ensures both binaries; builds them in parallel when the machine has the memory for it.
 * @returns {Promise<{ jaeger: string, collector: string }>}
 */
export async function ensureBackends({ cacheDir = defaultCacheDir(), log = defaultLog, timeoutMs = BUILD_TIMEOUT_MS } = {}) {
  const options = { cacheDir, log, timeoutMs };
  if (totalmem() >= PARALLEL_BUILD_MIN_MEMORY) {
    // allSettled: when one build fails, still wait for the other rather than leave it running.
    const [jaeger, collector] = await Promise.allSettled([ensureJaeger(options), ensureCollector(options)]);
    const failures = [jaeger, collector].filter((result) => result.status === 'rejected').map((result) => result.reason);
    if (failures.length === 1) throw failures[0];
    if (failures.length === 2) throw new Error(failures.map((error) => error.message).join('\n\n'), { cause: failures[0] });
    return { jaeger: jaeger.value, collector: collector.value };
  }
  const jaeger = await ensureJaeger(options);
  return { jaeger, collector: await ensureCollector(options) };
}

/** Every core module (go.opentelemetry.io/collector/..., v0.x) must match the builder version. */
function checkManifest(text, path) {
  const core = [...text.matchAll(/gomod:\s*(go\.opentelemetry\.io\/collector\/\S+)\s+(v0\.\d+\.\d+)/g)];
  const stray = core.filter(([, , version]) => version !== COLLECTOR_BUILDER_VERSION);
  if (stray.length > 0) {
    throw new Error(
      `${path} pins ${stray.map(([, module, version]) => `${module} ${version}`).join(', ')}, but build.mjs ` +
        `uses builder ${COLLECTOR_BUILDER_VERSION}: update COLLECTOR_BUILDER_VERSION together with the manifest.`,
    );
  }
  if (!/^\s*output_path:/m.test(text)) throw new Error(`${path} has no dist.output_path to override`);
}

function withOutputPath(text, outputPath) {
  return text.replace(/^(\s*output_path:).*$/m, `$1 ${JSON.stringify(outputPath)}`);
}

/**
 * Runs `build` unless `target` exists. Builds are serialized across processes by a lock
 * directory next to the target (a second test run waits for the first build instead of
 * starting its own); a lock whose owner died is taken over.
 */
async function buildOnce(target, { log, what, timeoutMs }, build) {
  if (existsSync(target)) return target;
  await mkdir(join(target, '..'), { recursive: true });
  const lock = `${target}.lock`;
  const giveUp = Date.now() + timeoutMs;
  let announced = false;
  for (;;) {
    try {
      await mkdir(lock);
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
    }
    if (existsSync(target)) return target;
    const owner = Number(await readFile(join(lock, 'pid'), 'utf8').catch(() => ''));
    const lockAgeMs = Date.now() - ((await stat(lock).catch(() => undefined))?.mtimeMs ?? Date.now());
    // No pid a minute after the lock was made: its owner died between mkdir and writing it.
    if (owner ? !isProcessAlive(owner) : lockAgeMs > 60_000) {
      await rm(lock, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > giveUp) throw new Error(`gave up waiting for process ${owner} to build ${what} (lock ${lock})`);
    if (!announced) log(`another process (pid ${owner || '?'}) is building ${what}; waiting for it`);
    announced = true;
    await sleep(2000);
  }
  try {
    await writeFile(join(lock, 'pid'), String(process.pid));
    if (!existsSync(target)) await build();
    return target;
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}

/** `go` on PATH, else where the go.dev tarball puts it when PATH was not set up. */
const GO_CANDIDATES = ['go', '/usr/local/go/bin/go'];

/** Returns a usable `go` command; throws GO_MISSING_MESSAGE when there is none. */
export async function findGo(candidates = GO_CANDIDATES) {
  for (const candidate of candidates) {
    let result;
    try {
      result = await run(candidate, ['version'], { label: 'go version', deadline: Date.now() + 60_000 });
    } catch (error) {
      if (error.code === 'ENOENT') continue;
      throw error;
    }
    const match = /go(\d+)\.(\d+)/.exec(result.stdout);
    if (!match) throw new Error(`could not read the Go version from "${result.stdout.trim()}"`);
    const [major, minor] = [Number(match[1]), Number(match[2])];
    if (major < MIN_GO[0] || (major === MIN_GO[0] && minor < MIN_GO[1])) {
      throw new Error(`${candidate} is Go ${major}.${minor}. ${GO_MISSING_MESSAGE}`);
    }
    return candidate;
  }
  throw new Error(GO_MISSING_MESSAGE);
}

/**
 * Runs a command to completion and returns its output. Kills it (and its children) when the
 * deadline passes; logs a heartbeat while it runs so a long build does not look hung.
 */
function run(command, args, { cwd, env, label, deadline, log, nice = false }) {
  const [file, argv] = nice && existsSync('/usr/bin/nice') ? ['/usr/bin/nice', ['-n', '10', command, ...args]] : [command, args];
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(file, argv, {
      cwd,
      env: { ...process.env, GOTOOLCHAIN: 'local', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true, // own process group, so a timeout kills the compiler processes too
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk) => {
      stderr = (stderr + chunk).slice(-20_000);
    });
    const heartbeat = log && setInterval(() => log(`${label}: still running (${minutes(Date.now() - started)})`), HEARTBEAT_MS);
    let timedOut = false;
    const killGroup = () => signalProcess(-child.pid, 'SIGKILL');
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup();
    }, Math.max(0, deadline - Date.now()));
    const forget = onParentExit(killGroup);
    const done = () => {
      clearTimeout(timer);
      clearInterval(heartbeat);
      forget();
    };
    child.once('error', (error) => {
      done();
      reject(Object.assign(new Error(`${label}: ${error.message}`), { code: error.code }));
    });
    child.once('close', (code, signal) => {
      done();
      if (code === 0) return resolve({ stdout, stderr });
      const why = timedOut ? `timed out after ${minutes(Date.now() - started)}` : `failed (${signal ?? `exit ${code}`})`;
      reject(new Error(`${label} ${why}: ${command} ${args.join(' ')}${cwd ? ` in ${cwd}` : ''}\n${tail(stderr || stdout)}`));
    });
  });
}

async function freshDir(parent, prefix) {
  await mkdir(parent, { recursive: true });
  return mkdtemp(join(parent, prefix));
}

/** The module cache is read-only; the copy must be writable so it can be deleted later. */
async function makeWritable(dir) {
  await chmod(dir, 0o755);
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) await makeWritable(path);
    else if (entry.isFile()) await chmod(path, ((await stat(path)).mode & 0o777) | 0o200);
  }
}

const tail = (text, lines = 30) => text.trimEnd().split('\n').slice(-lines).join('\n');
const minutes = (ms) => `${Math.floor(ms / 60_000)}m${String(Math.round((ms % 60_000) / 1000)).padStart(2, '0')}s`;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
