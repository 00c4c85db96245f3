// Shared plumbing of the tool installers in this folder: where tools are cached, running a
// command with its output kept for the error message, and building a tool at most once even
// when several processes ask for it at the same time (build in a scratch folder, then rename).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** `${TRACEKIT_CACHE:-$HOME/.cache/tracekit}`, unless a folder is given. */
export function toolsCacheDir(cacheDir) {
  return cacheDir ?? process.env.TRACEKIT_CACHE ?? join(homedir(), '.cache', 'tracekit');
}

/**
 * Runs `command` and resolves with its stdout; rejects with the last lines of its output.
 * @param {string} command
 * @param {string[]} args
 * @param {{ cwd?: string, env?: Record<string, string | undefined>, log?: (line: string) => void }} [options]
 */
export function run(command, args, { cwd, env, log } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let output = '';
    const keep = (chunk) => {
      output = (output + chunk).slice(-20_000);
    };
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      keep(chunk);
    });
    child.stderr.on('data', keep);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === 0) resolve(stdout);
      else reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`}):\n${output.slice(-6000)}`));
    });
    log?.(`$ ${command} ${args.join(' ')}`);
  });
}

/** Go's environment for the tool builds: the local toolchain (never a downloaded one), static binaries. */
export function goEnv() {
  return { GOTOOLCHAIN: 'local', GOFLAGS: '-mod=mod', CGO_ENABLED: '0' };
}

/**
 * Returns `<folder>/<file>`, building the folder first with `build(scratch)` when the file is
 * missing. The build writes into a scratch folder that is renamed into place when it succeeds,
 * and a lock folder makes a second process wait instead of building the same tool again.
 * @param {{ folder: string, file: string, build: (scratch: string) => Promise<void>, log?: (line: string) => void,
 *           lockTimeoutMs?: number }} options
 */
export async function ensureBuilt({ folder, file, build, log = () => {}, lockTimeoutMs = 60 * 60_000 }) {
  const target = join(folder, file);
  if (existsSync(target)) return target;
  mkdirSync(dirname(folder), { recursive: true });
  const lock = `${folder}.lock`;
  const started = Date.now();
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, 'pid'), String(process.pid));
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      if (existsSync(target)) return target;
      if (lockIsStale(lock)) {
        rmSync(lock, { recursive: true, force: true });
        continue;
      }
      if (Date.now() - started > lockTimeoutMs) throw new Error(`gave up waiting for ${lock} (another build of ${file})`);
      await sleep(2000);
    }
  }
  try {
    if (existsSync(target)) return target;
    removeLeftovers(folder);
    const scratch = `${folder}.tmp-${process.pid}`;
    mkdirSync(scratch, { recursive: true });
    const began = Date.now();
    log(`building ${file} into ${folder} (first time only)`);
    try {
      await build(scratch);
      if (!existsSync(join(scratch, file))) throw new Error(`the build of ${file} finished without producing it`);
      rmSync(folder, { recursive: true, force: true });
      renameSync(scratch, folder);
    } catch (error) {
      rmSync(scratch, { recursive: true, force: true });
      throw error;
    }
    log(`built ${file} in ${Math.round((Date.now() - began) / 1000)} s`);
    return target;
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** Scratch folders of builds that were killed (only called while holding the lock). */
function removeLeftovers(folder) {
  const prefix = `${basename(folder)}.tmp-`;
  for (const entry of readdirSync(dirname(folder))) {
    if (entry.startsWith(prefix)) rmSync(join(dirname(folder), entry), { recursive: true, force: true });
  }
}

/** A lock whose owner process is gone (killed mid-build) is stale. */
function lockIsStale(lock) {
  try {
    const pid = Number(readFileSync(join(lock, 'pid'), 'utf8'));
    if (!pid) return false;
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return error.code === 'ESRCH';
  }
}
