// Interleaved A/B of variants of the bench app: the same app and route under two or more
// register modules or env settings (a build of another commit, a feature switched off by env),
// rounds interleaved in one session so that machine drift falls on every variant alike. Prints
// each round's requests/s and CPU µs per request of the app process, and their medians. For
// deciding whether a change is worth its code; the quotable comparison is run.mjs.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AbOptionsError, AB_USAGE, parseAbOptions } from './lib/ab-options.mjs';
import { startApp } from './lib/app-process.mjs';
import { inheritedEnv, otlpExportEnv } from './lib/app-env.mjs';
import { parseOrExit } from './lib/cli.mjs';
import { readCpuMicros } from './lib/cpu-time.mjs';
import { runLoad } from './lib/load.mjs';
import { startOtlpSink } from './lib/otlp-sink.mjs';
import { APP_FORMATS } from './lib/setups.mjs';
import { median } from './lib/stats.mjs';

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const options = parseOrExit(parseAbOptions, AbOptionsError, AB_USAGE);
const format = APP_FORMATS[options.app];

const sink = await startOtlpSink();
const callerEnv = inheritedEnv();
const downstream = await startApp({ script: path.join(BENCH_DIR, 'apps', 'downstream.mjs'), cwd: BENCH_DIR, env: { ...callerEnv, PORT: '0' } });
const baseEnv = {
  ...callerEnv,
  ...otlpExportEnv(sink.endpoint),
  NODE_ENV: 'production',
  PORT: '0',
  DOWNSTREAM_URL: `http://127.0.0.1:${downstream.port}/`,
};

const results = new Map(options.variants.map((variant) => [variant.name, []]));
try {
  for (let round = 1; round <= options.rounds; round++) {
    for (const variant of options.variants) {
      const register = variant.register && (variant.register.startsWith('.') ? path.resolve(variant.register) : variant.register);
      const app = await startApp({
        nodeArgs: register ? [format.preloadFlag, register] : [],
        script: format.script,
        cwd: BENCH_DIR,
        env: { ...baseEnv, ...variant.env },
      });
      try {
        const url = `http://127.0.0.1:${app.port}${options.route}`;
        if (options.warmup > 0) await runLoad({ url, connections: options.connections, durationS: options.warmup });
        const cpuBefore = readCpuMicros(app.pid);
        const load = await runLoad({ url, connections: options.connections, durationS: options.duration });
        const cpuMicros = readCpuMicros(app.pid) - cpuBefore;
        const measured = { requestsPerSecond: load.requestsPerSecond, cpuMicrosPerRequest: cpuMicros / load.completed };
        results.get(variant.name).push(measured);
        console.error(`[round ${round}/${options.rounds}] ${variant.name}: ${Math.round(measured.requestsPerSecond)} req/s, ${measured.cpuMicrosPerRequest.toFixed(1)} µs/req`);
      } finally {
        await app.stop();
      }
    }
  }
} finally {
  await downstream.stop();
  await sink.close();
}

console.log(`${options.app} ${options.route}, ${options.rounds} round(s) of ${options.duration} s`);
console.log('variant'.padEnd(20), 'median req/s'.padStart(12), 'median CPU µs/req'.padStart(18), '  rounds (CPU µs/req)');
for (const [name, rounds] of results) {
  const rps = median(rounds.map((r) => r.requestsPerSecond));
  const cpu = median(rounds.map((r) => r.cpuMicrosPerRequest));
  console.log(name.padEnd(20), String(Math.round(rps)).padStart(12), cpu.toFixed(1).padStart(18), ' ', rounds.map((r) => r.cpuMicrosPerRequest.toFixed(1)).join(' '));
}
