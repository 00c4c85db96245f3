// CPU time (user + system) a process has used so far, from /proc/<pid>/stat. Per request it
// is the steadiest cost figure on a small machine where the load generator competes with the
// app for the same cores: throughput there depends on how the cores are shared.
import { readFileSync } from 'node:fs';

const CLOCK_TICKS_PER_SECOND = 100;

/** Microseconds of CPU used by the process, or null where /proc is unavailable. */
export function readCpuMicros(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // After the command name: field 14 (utime) and 15 (stime) of proc(5) are indexes 11 and 12 here.
    return ((Number(fields[11]) + Number(fields[12])) * 1e6) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return null;
  }
}
