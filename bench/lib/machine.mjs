// What the numbers were measured on, recorded with every run.
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export function describeMachine() {
  return {
    nproc: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    totalMemoryMiB: Math.round(os.totalmem() / 2 ** 20),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    loadAverage: os.loadavg().map((load) => Number(load.toFixed(2))),
  };
}

/** Versions of the packages that decide the result, as installed for bench/. */
export function installedVersions(benchDir, names) {
  const versions = {};
  for (const name of names) {
    try {
      const manifest = path.join(benchDir, 'node_modules', name, 'package.json');
      versions[name] = JSON.parse(readFileSync(manifest, 'utf8')).version;
    } catch {
      versions[name] = null;
    }
  }
  return versions;
}
