// Peak resident set size of a running process, from /proc/<pid>/status
// (VmHWM, the RSS high-water mark). Linux only: elsewhere it returns null.
import { readFileSync } from 'node:fs';

/** @returns {number | null} bytes, or null when it cannot be read */
export function readPeakRssBytes(pid) {
  let status;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return null;
  }
  const match = /^VmHWM:\s+(\d+)\s+kB$/m.exec(status);
  return match ? Number(match[1]) * 1024 : null;
}
