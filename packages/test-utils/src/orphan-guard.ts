/**
 * A preload for fixture children: when the test process dies without stopping them (a crash, a
 * SIGKILL of the test runner), the child is re-parented and exits by itself within a second, so
 * no stray server keeps running on a shared machine.
 */

const GUARD_SOURCE = `
const parent = process.ppid;
setInterval(() => { if (process.ppid !== parent) process.exit(137); }, 1000).unref();
`;

/** A node argument that loads the guard before the fixture's own code. */
export function orphanGuardArg(): string {
  return `--import=data:text/javascript;base64,${Buffer.from(GUARD_SOURCE).toString('base64')}`;
}
