/**
 * Runs a fixture script in a child node process, collects its output, and makes sure it never
 * outlives the test: `stopAllFixtures()` in afterEach, and a kill on exit of the test process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { buildFixtureEnv } from './fixture-env.js';
import { orphanGuardArg } from './orphan-guard.js';
import type { ExitResult, FixtureHandle, FixtureOptions, WaitOptions } from './types.js';

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_STOP_TIMEOUT_MS = 3_000;
const TAIL_LINES = 30;
const FIXTURE_EXTENSIONS = new Set(['.js', '.cjs', '.mjs']);
/** Only a whole line counts, so a port split across two chunks is never read half. */
const LISTENING_LINE = /^LISTENING (\d+)\r?\n/m;

interface RunningFixture {
  child: ChildProcess;
  stop(options?: WaitOptions): Promise<ExitResult>;
}

const running = new Set<RunningFixture>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const fixture of running) fixture.child.kill('SIGKILL');
  });
}

function tail(text: string): string {
  const lines = text.replace(/\n$/, '').split('\n');
  const shown = lines.slice(-TAIL_LINES).join('\n');
  return lines.length > TAIL_LINES ? `[… ${lines.length - TAIL_LINES} earlier lines]\n${shown}` : shown;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A copy without the `g` and `y` flags, whose `lastIndex` would make `exec` stateful. */
function statelessRegExp(pattern: RegExp | string): RegExp {
  if (typeof pattern === 'string') return new RegExp(escapeRegExp(pattern));
  return new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, ''));
}

function validateEntry(entry: string): void {
  if (!path.isAbsolute(entry)) {
    throw new TypeError(`runFixture: entry must be an absolute path, got ${JSON.stringify(entry)}`);
  }
  if (!FIXTURE_EXTENSIONS.has(path.extname(entry))) {
    throw new TypeError(`runFixture: entry must be a .js, .cjs or .mjs file, got ${JSON.stringify(entry)}`);
  }
}

export function runFixture(options: FixtureOptions): FixtureHandle {
  validateEntry(options.entry);
  installExitHook();
  const nodeArgs = [...(options.orphanGuard === false ? [] : [orphanGuardArg()]), ...(options.nodeArgs ?? [])];
  const child = spawn(process.execPath, [...nodeArgs, options.entry, ...(options.args ?? [])], {
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
    env: buildFixtureEnv(options),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const name = path.basename(options.entry);

  let stdout = '';
  let stderr = '';
  let exitResult: ExitResult | undefined;
  let spawnError: Error | undefined;
  const listeners = new Set<() => void>();
  const notify = (): void => {
    for (const listener of [...listeners]) listener();
  };

  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    notify();
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
    notify();
  });
  child.on('error', (error) => {
    spawnError = error;
    if (child.pid === undefined) {
      exitResult = { code: null, signal: null };
      running.delete(fixture);
    }
    notify();
  });
  // 'close' rather than 'exit': by then all output has been read.
  child.on('close', (code, signal) => {
    exitResult = { code, signal };
    running.delete(fixture);
    notify();
  });

  const describeState = (): string => {
    if (spawnError && child.pid === undefined) return `failed to start: ${spawnError.message}`;
    if (!exitResult) return `pid ${child.pid}, still running`;
    return exitResult.signal ? `killed by ${exitResult.signal}` : `exited with code ${exitResult.code}`;
  };
  const failure = (message: string): Error =>
    new Error(
      [
        `fixture ${name}: ${message} (${describeState()})`,
        `--- stdout ---`,
        tail(stdout) || '(empty)',
        `--- stderr ---`,
        tail(stderr) || '(empty)',
      ].join('\n'),
    );

  /** Resolves with `check()`'s first defined result, checked now and after every output or exit. */
  const waitUntil = <T>(check: () => T | undefined, what: string, timeoutMs: number): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const listener = (): void => {
        let result: T | undefined;
        try {
          result = check();
        } catch (error) {
          finish();
          reject(error);
          return;
        }
        if (result !== undefined) {
          finish();
          resolve(result);
        } else if (exitResult) {
          finish();
          reject(failure(`ended before ${what}`));
        }
      };
      const finish = (): void => {
        clearTimeout(timer);
        listeners.delete(listener);
      };
      listeners.add(listener);
      timer = setTimeout(() => {
        finish();
        reject(failure(`timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      listener();
    });

  const waitForExit = (waitOptions: WaitOptions = {}): Promise<ExitResult> => {
    const timeoutMs = waitOptions.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    return new Promise<ExitResult>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const listener = (): void => {
        if (!exitResult) return;
        clearTimeout(timer);
        listeners.delete(listener);
        resolve(exitResult);
      };
      listeners.add(listener);
      timer = setTimeout(() => {
        listeners.delete(listener);
        reject(failure(`timed out after ${timeoutMs} ms waiting for the exit`));
      }, timeoutMs);
      listener();
    });
  };

  const kill = (signal: NodeJS.Signals = 'SIGTERM'): void => {
    if (!exitResult) child.kill(signal);
  };

  const stop = async (waitOptions: WaitOptions = {}): Promise<ExitResult> => {
    if (exitResult) return exitResult;
    kill('SIGTERM');
    try {
      return await waitForExit({ timeoutMs: waitOptions.timeoutMs ?? DEFAULT_STOP_TIMEOUT_MS });
    } catch {
      kill('SIGKILL');
      return waitForExit({ timeoutMs: DEFAULT_STOP_TIMEOUT_MS });
    }
  };

  const listeningPort = (): number | undefined => {
    const match = LISTENING_LINE.exec(stdout) ?? LISTENING_LINE.exec(stderr);
    return match ? Number(match[1]) : undefined;
  };

  const fixture: RunningFixture = { child, stop };
  running.add(fixture);

  return {
    pid: child.pid ?? -1,
    get port() {
      return listeningPort();
    },
    stdout: () => stdout,
    stderr: () => stderr,
    waitForOutput: (pattern, waitOptions = {}) => {
      const regex = statelessRegExp(pattern);
      return waitUntil(
        () => regex.exec(stdout) ?? regex.exec(stderr) ?? undefined,
        `output ${String(regex)}`,
        waitOptions.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      );
    },
    waitForListening: (waitOptions = {}) =>
      waitUntil(
        listeningPort,
        'a "LISTENING <port>" line',
        waitOptions.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      ),
    url: (urlPath = '/') => {
      const port = listeningPort();
      if (port === undefined) {
        throw new Error(`fixture ${name}: url() needs the "LISTENING <port>" line; await waitForListening() first`);
      }
      return `http://127.0.0.1:${port}${urlPath.startsWith('/') ? urlPath : `/${urlPath}`}`;
    },
    waitForExit,
    kill,
    stop,
  };
}

/** Stops every fixture still running (SIGTERM, then SIGKILL after a grace period). */
export async function stopAllFixtures(options: WaitOptions = {}): Promise<void> {
  await Promise.all([...running].map((fixture) => fixture.stop(options)));
}
