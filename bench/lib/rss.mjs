// Current resident set size of a running process, from /proc/<pid>/status
// (VmRSS). Linux only: elsewhere it returns null. See peak-rss.mjs for VmHWM.
import { readFileSync } from 'node:fs';

/** @returns {number | null} bytes, or null when it cannot be read */
export function readRssBytes(pid) {
  let status;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return null;
  }
  const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
  return match ? Number(match[1]) * 1024 : null;
}
