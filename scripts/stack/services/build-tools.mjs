// Helpers shared by the per-language prepare modules: where the cache is, content hashes,
// finding a tool on PATH, and running a build step with a time limit.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { constants as fsConstants } from 'node:fs';
import { access, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

/** The example services' sources: examples/<name>/ at the repository root. */
export const EXAMPLES_DIR = fileURLToPath(new URL('../../../examples/', import.meta.url));

/** A build may take this long before it is stopped (cold Maven and pip runs take minutes). */
export const DEFAULT_BUILD_TIMEOUT_MS = 15 * 60_000;

/** Same rule as scripts/bootstrap.sh: TRACEKIT_CACHE, else $XDG_CACHE_HOME/tracekit, else ~/.cache/tracekit. */
export function defaultCacheDir(env = process.env) {
  if (env.TRACEKIT_CACHE) return env.TRACEKIT_CACHE;
  return path.join(env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'tracekit');
}

/** Files under `dir` (relative paths, sorted) whose name passes `keep`; skips dot-folders. */
export async function listFiles(dir, keep = () => true, prefix = '') {
  const found = [];
  for (const entry of await readdir(path.join(dir, prefix), { withFileTypes: true })) {
    const relative = path.join(prefix, entry.name);
    if (entry.isDirectory()) {
      if (!entry.name.startsWith('.')) found.push(...(await listFiles(dir, keep, relative)));
    } else if (entry.isFile() && keep(relative)) {
      found.push(relative);
    }
  }
  return found.sort();
}

/**
 * A short hash of the named files (path and content) under `dir`, plus any extra strings
 * (such as a toolchain version): it names a cached build, so any change gives a new one.
 */
export async function hashInputs(dir, relativePaths, extras = []) {
  const hash = createHash('sha256');
  for (const relative of [...relativePaths].sort()) {
    hash.update(`file ${relative}\0`);
    hash.update(await readFile(path.join(dir, relative)));
    hash.update('\0');
  }
  for (const extra of extras) hash.update(`extra ${extra}\0`);
  return hash.digest('hex').slice(0, 16);
}

export async function exists(file) {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}

/** The absolute path of an executable found on PATH, or undefined. */
export async function findOnPath(name, env = process.env) {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    try {
      await access(candidate, fsConstants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** Like findOnPath, but a missing tool is an Error that says what to install. */
export async function requireTool(name, installHint, env = process.env) {
  const found = await findOnPath(name, env);
  if (!found) throw new Error(`\`${name}\` was not found on PATH. ${installHint}`);
  return found;
}

/**
 * Runs a command to completion and resolves with its combined output. Rejects when it exits
 * non-zero or runs longer than `timeoutMs` (then its whole process group is killed), with the
 * tail of its output in the message. Standard input is closed, so nothing can wait on a prompt.
 */
export function run(command, args, { cwd, env = process.env, timeoutMs = DEFAULT_BUILD_TIMEOUT_MS, label = command } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let output = '';
    const collect = (chunk) => {
      output += chunk;
      if (output.length > 200_000) output = output.slice(-100_000);
    };
    child.stdout.setEncoding('utf8').on('data', collect);
    child.stderr.setEncoding('utf8').on('data', collect);

    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child.pid);
    }, timeoutMs);

    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`${label}: could not start \`${command}\`: ${error.message}`));
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) return resolve(output);
      const why = timedOut
        ? `did not finish within ${Math.round(timeoutMs / 1000)} s and was stopped`
        : `failed (${signal ? `signal ${signal}` : `exit code ${code}`})`;
      reject(new Error(`${label} ${why}: ${command} ${args.join(' ')}\n${tail(output, 40)}`));
    });
  });
}

function killGroup(pid) {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

export function tail(text, lines) {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

/** "12.3 s" since `startedAt` (a performance.now() value). */
export function elapsedSince(startedAt) {
  return `${((performance.now() - startedAt) / 1000).toFixed(1)} s`;
}

/**
 * Runs `fn` while holding `<target>.lock` (a directory, created atomically), so that two
 * processes preparing the same cache entry at once build it once: the second waits, then
 * finds the entry complete. A lock whose owner process is gone, or older than `timeoutMs`,
 * is taken over.
 */
export async function withLock(target, fn, { timeoutMs = DEFAULT_BUILD_TIMEOUT_MS, log = () => {} } = {}) {
  const lock = `${target}.lock`;
  const owner = path.join(lock, 'owner');
  await mkdir(path.dirname(lock), { recursive: true });
  const startedAt = Date.now();
  let announced = false;
  for (;;) {
    try {
      await mkdir(lock);
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
    }
    if (await lockIsStale(lock, owner, timeoutMs)) {
      await rm(lock, { recursive: true, force: true });
      continue;
    }
    if (Date.now() - startedAt > timeoutMs) {
      throw new Error(`gave up waiting for ${lock} after ${Math.round(timeoutMs / 1000)} s; remove it if no build is running`);
    }
    if (!announced) {
      log(`waiting for another build of ${target} to finish`);
      announced = true;
    }
    await sleep(500);
  }
  try {
    await writeFile(owner, `${process.pid} ${Date.now()}\n`);
    return await fn();
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}

async function lockIsStale(lock, owner, timeoutMs) {
  let text;
  try {
    text = await readFile(owner, 'utf8');
  } catch {
    // Just created and the owner not written yet, unless its creator died in between.
    try {
      return Date.now() - (await stat(lock)).mtimeMs > 10_000;
    } catch {
      return false; // released meanwhile
    }
  }
  const [pid, since] = text.trim().split(' ').map(Number);
  if (Date.now() - since > timeoutMs) return true;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return error.code === 'ESRCH';
  }
}
