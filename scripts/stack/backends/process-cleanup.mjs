// Kills the backends' child processes when this Node process goes away. Node runs no 'exit'
// listeners when a signal it does not handle ends it, so SIGINT/SIGTERM/SIGHUP are caught too:
// if nothing else listens for the signal we clean up and then die by that same signal, exactly
// as Node would have; if the app handles it, we leave it alone (the app calls stop() or exits,
// and 'exit' cleans up). A parent killed with SIGKILL cannot clean up: start.mjs notices the
// leftovers by their pid file on its next start.
const cleanups = new Set();
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];
let installed = false;

/**
 * Registers a synchronous cleanup; returns a function that unregisters it.
 * @param {() => void} cleanup
 */
export function onParentExit(cleanup) {
  install();
  cleanups.add(cleanup);
  return () => cleanups.delete(cleanup);
}

function runAll() {
  for (const cleanup of cleanups) {
    try {
      cleanup();
    } catch {
      // best effort: the process is going away
    }
  }
  cleanups.clear();
}

function install() {
  if (installed) return;
  installed = true;
  process.on('exit', runAll);
  for (const signal of SIGNALS) {
    const handler = () => {
      if (process.listenerCount(signal) > 1) return;
      process.off(signal, handler);
      runAll();
      process.kill(process.pid, signal);
    };
    process.on(signal, handler);
  }
}

/** Sends a signal to a process or process group, ignoring one that is already gone. */
export function signalProcess(pid, signal) {
  try {
    process.kill(pid, signal);
    return true;
  } catch {
    return false;
  }
}

export function isProcessAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}
