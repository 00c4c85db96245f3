/**
 * A preload for fixture children: when the test process dies without stopping them (a crash, a
 * SIGKILL of the test runner), the child is re-parented and exits by itself within a second, so
 * no stray server keeps running on a shared machine.
 */

function guardSource(parentPid: number): string {
  // The expected parent is fixed when spawning, so a parent that dies before the child has even
  // loaded this preload is noticed too.
  return `
const check = () => { if (process.ppid !== ${parentPid}) process.exit(137); };
check();
setInterval(check, 1000).unref();
`;
}

/** A node argument that loads the guard before the fixture's own code. */
export function orphanGuardArg(parentPid: number = process.pid): string {
  return `--import=data:text/javascript;base64,${Buffer.from(guardSource(parentPid)).toString('base64')}`;
}
