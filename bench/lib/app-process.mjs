// Starts a Node script as a child process and waits for its `LISTENING <port>`
// line; stops it with SIGTERM. The child is `node` itself (no shell in between),
// so its pid is the one whose /proc status we read.
import { spawn } from 'node:child_process';

const READY_LINE = /^LISTENING (\d+)$/m;
const STDERR_TAIL_CHARS = 4000;

/** Children still running, so the runner can end them if it is interrupted. */
const running = new Set();

export class StartError extends Error {}

/**
 * @param {{ nodeArgs?: string[], script: string, cwd: string, env: NodeJS.ProcessEnv, readyTimeoutMs?: number }} options
 * @returns {Promise<AppProcess>}
 * @typedef {{
 *   pid: number, port: number, startupMs: number,
 *   hasExited: () => boolean, stderrTail: () => string,
 *   stop: (timeoutMs?: number) => Promise<{ code: number | null, signal: string | null, forced: boolean }>,
 * }} AppProcess
 */
export function startApp({ nodeArgs = [], script, cwd, env, readyTimeoutMs = 30_000 }) {
  const startedAt = process.hrtime.bigint();
  const child = spawn(process.execPath, [...nodeArgs, script], {
    cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);

  let stdout = '';
  let stderr = '';
  let exitInfo = null;
  const exited = new Promise((resolve) => {
    child.once('close', (code, signal) => {
      running.delete(child);
      exitInfo = { code, signal };
      resolve(exitInfo);
    });
  });
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => {
    stderr = (stderr + chunk).slice(-STDERR_TAIL_CHARS);
  });
  const stderrTail = () => stderr.trim();

  return new Promise((resolve, reject) => {
    let port = null;
    let settled = false;
    const fail = (why) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (exitInfo === null) child.kill('SIGKILL');
      const tail = stderrTail();
      reject(new StartError(tail ? `${why}; its stderr ended with:\n${tail}` : why));
    };
    const timer = setTimeout(
      () => fail(`no LISTENING line within ${readyTimeoutMs} ms`),
      readyTimeoutMs,
    );
    child.once('error', (error) => fail(`could not spawn: ${error.message}`));
    exited.then(({ code, signal }) => {
      fail(`exited (code ${code}, signal ${signal}) before printing LISTENING`);
    });

    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      if (settled) return; // keep draining the pipe, ignore the rest
      stdout += chunk;
      const match = READY_LINE.exec(stdout);
      if (!match) return;
      const startupMs = Number(process.hrtime.bigint() - startedAt) / 1e6;
      port = Number(match[1]);
      settled = true;
      clearTimeout(timer);
      resolve({
        pid: child.pid,
        port,
        startupMs,
        hasExited: () => exitInfo !== null,
        stderrTail,
        async stop(timeoutMs = 15_000) {
          if (exitInfo !== null) return { ...exitInfo, forced: false };
          child.kill('SIGTERM');
          let forced = false;
          const killTimer = setTimeout(() => {
            forced = true;
            child.kill('SIGKILL');
          }, timeoutMs);
          const info = await exited;
          clearTimeout(killTimer);
          return { ...info, forced };
        },
      });
    });
  });
}

/** Ends every child this module started and that is still running. */
export function killRunningApps() {
  for (const child of running) child.kill('SIGKILL');
}
