// Turns command-line flags and TRACEKIT_BENCH_* env into one frozen options
// object. Precedence: flag, then env, then the --quick preset, then defaults.
import { parseFlags } from './cli.mjs';
import { APP_FORMATS, SETUP_NAMES } from './setups.mjs';

export const ROUTES = Object.freeze(['/hello', '/outbound']);
const FORMATS = Object.keys(APP_FORMATS);

const DEFAULTS = Object.freeze({
  duration: 10,
  warmup: 3,
  connections: 10,
  rounds: 3,
  startupRuns: 5,
});

/** Short enough for a smoke test: a couple of seconds of load per setup. */
const QUICK = Object.freeze({
  duration: 1,
  warmup: 0.5,
  rounds: 1,
  startupRuns: 2,
});

/** flag name → [env name, kind] */
const KNOBS = Object.freeze({
  duration: ['TRACEKIT_BENCH_DURATION', 'positive seconds'],
  warmup: ['TRACEKIT_BENCH_WARMUP', 'seconds'],
  connections: ['TRACEKIT_BENCH_CONNECTIONS', 'count'],
  rounds: ['TRACEKIT_BENCH_ROUNDS', 'count'],
  'startup-runs': ['TRACEKIT_BENCH_STARTUP_RUNS', 'count'],
});

export const USAGE = `Usage: node bench/run.mjs [options]

  --duration <s>       measured load per app process and route   (default ${DEFAULTS.duration}; TRACEKIT_BENCH_DURATION)
  --warmup <s>         unmeasured load before it, same process    (default ${DEFAULTS.warmup}; TRACEKIT_BENCH_WARMUP)
  --connections <n>    concurrent keep-alive connections          (default ${DEFAULTS.connections}; TRACEKIT_BENCH_CONNECTIONS)
  --rounds <n>         interleaved rounds over all setups         (default ${DEFAULTS.rounds}; TRACEKIT_BENCH_ROUNDS)
  --startup-runs <n>   spawns per setup for the start-up median   (default ${DEFAULTS.startupRuns}; TRACEKIT_BENCH_STARTUP_RUNS)
  --setups <list>      comma-separated subset of ${SETUP_NAMES.join(',')} (TRACEKIT_BENCH_SETUPS)
  --routes <list>      comma-separated subset of ${ROUTES.join(',')} (TRACEKIT_BENCH_ROUTES)
  --app <list>         app module format(s): esm (--import), cjs (-r), or esm,cjs  (default esm; TRACEKIT_BENCH_APP)
  --quick              smoke test: duration ${QUICK.duration}, warmup ${QUICK.warmup}, rounds ${QUICK.rounds}, startup-runs ${QUICK.startupRuns} (TRACEKIT_BENCH_QUICK=true)
  --help`;

export class OptionsError extends Error {}

/** @param {string[]} argv @param {NodeJS.ProcessEnv} env */
export function parseOptions(argv, env = process.env) {
  const parsed = parseFlags(
    argv,
    {
      ...Object.fromEntries(Object.keys(KNOBS).map((flag) => [flag, { type: 'string' }])),
      setups: { type: 'string' },
      routes: { type: 'string' },
      app: { type: 'string' },
      quick: { type: 'boolean' },
      help: { type: 'boolean' },
    },
    OptionsError,
  );

  const quick = parsed.quick ?? parseBoolean('TRACEKIT_BENCH_QUICK', env.TRACEKIT_BENCH_QUICK) ?? false;
  const preset = quick ? { ...DEFAULTS, ...QUICK } : DEFAULTS;

  const numbers = {};
  for (const [flag, [envName, kind]] of Object.entries(KNOBS)) {
    const key = flag === 'startup-runs' ? 'startupRuns' : flag;
    const fromFlag = parsed[flag];
    const fromEnv = nonEmpty(env[envName]);
    const [source, raw] = fromFlag !== undefined ? [`--${flag}`, fromFlag] : [envName, fromEnv];
    numbers[key] = raw === undefined ? preset[key] : parseNumber(source, raw, kind);
  }

  return Object.freeze({
    help: parsed.help ?? false,
    quick,
    ...numbers,
    setups: Object.freeze(
      parseList('--setups', parsed.setups ?? nonEmpty(env.TRACEKIT_BENCH_SETUPS), SETUP_NAMES),
    ),
    routes: Object.freeze(
      parseList('--routes', parsed.routes ?? nonEmpty(env.TRACEKIT_BENCH_ROUTES), ROUTES),
    ),
    apps: Object.freeze(parseList('--app', parsed.app ?? nonEmpty(env.TRACEKIT_BENCH_APP) ?? 'esm', FORMATS)),
  });
}

function nonEmpty(value) {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function parseBoolean(name, raw) {
  const value = nonEmpty(raw)?.toLowerCase();
  if (value === undefined) return undefined;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new OptionsError(`${name}=${raw} is not a boolean: use true or false.`);
}

function parseNumber(source, raw, kind) {
  const value = Number(raw);
  const rules = {
    count: [Number.isInteger(value) && value >= 1, 'a whole number >= 1'],
    seconds: [Number.isFinite(value) && value >= 0, 'a number of seconds >= 0'],
    'positive seconds': [Number.isFinite(value) && value > 0, 'a number of seconds > 0'],
  };
  const [ok, allowed] = rules[kind];
  if (!ok) throw new OptionsError(`${source}=${raw} is not ${allowed}.`);
  return value;
}

/** Keeps the canonical order of `allowed`, whatever order the list was given in. */
function parseList(source, raw, allowed) {
  if (raw === undefined) return [...allowed];
  const wanted = raw
    .toLowerCase()
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)
    // routes may be given with or without the leading slash
    .map((item) => (allowed.includes(`/${item}`) ? `/${item}` : item));
  const unknown = wanted.filter((item) => !allowed.includes(item));
  if (unknown.length > 0 || wanted.length === 0) {
    throw new OptionsError(`${source}=${raw}: use a comma-separated subset of ${allowed.join(',')}.`);
  }
  return allowed.filter((item) => wanted.includes(item));
}
