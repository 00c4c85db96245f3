// Options of the Collector-fault benchmark (faults.mjs): flags only, then the
// --quick preset, then defaults.
import { parseFlags } from './cli.mjs';
import { FAULT_MODES } from './fault-collector.mjs';

/** The fault modes, plus `exit`: a healthy Collector and an app that calls process.exit() in its SIGTERM handler. */
export const SCENARIOS = Object.freeze([...FAULT_MODES, 'exit']);
export const FAULT_SETUPS = Object.freeze(['upstream', 'tracekit']);

const DEFAULTS = Object.freeze({
  duration: 60,
  warmup: 3,
  recovery: 10,
  connections: 10,
  rounds: 3,
  slowDelay: 2000,
  flapPeriod: 3000,
});

const QUICK = Object.freeze({ duration: 3, warmup: 0.5, recovery: 3, rounds: 1, flapPeriod: 1000 });

const NUMBERS = Object.freeze({
  duration: ['positive', 'measured load per scenario and setup, seconds'],
  warmup: ['non-negative', 'unmeasured load before it, seconds'],
  recovery: ['positive', 'seconds the Collector is healthy again before SIGTERM'],
  connections: ['count', 'concurrent keep-alive connections'],
  rounds: ['count', 'interleaved rounds'],
  'slow-delay': ['positive', 'how long the slow Collector holds each answer, ms'],
  'flap-period': ['positive', 'how long the flapping Collector stays up, then down, ms'],
});

export const FAULT_USAGE = `Usage: node bench/faults.mjs [options]

${Object.entries(NUMBERS)
  .map(([flag, [, what]]) => `  --${flag.padEnd(14)} ${what} (default ${DEFAULTS[camel(flag)]})`)
  .join('\n')}
  --scenarios <list>  subset of ${SCENARIOS.join(',')}
  --setups <list>     subset of ${FAULT_SETUPS.join(',')}
  --quick             smoke test: ${Object.entries(QUICK).map(([key, value]) => `${key} ${value}`).join(', ')}
  --help`;

export class FaultOptionsError extends Error {}

function camel(flag) {
  return flag.replace(/-(\w)/g, (_, letter) => letter.toUpperCase());
}

/** @param {string[]} argv */
export function parseFaultOptions(argv) {
  const parsed = parseFlags(
    argv,
    {
      ...Object.fromEntries(Object.keys(NUMBERS).map((flag) => [flag, { type: 'string' }])),
      scenarios: { type: 'string' },
      setups: { type: 'string' },
      quick: { type: 'boolean' },
      help: { type: 'boolean' },
    },
    FaultOptionsError,
  );
  const quick = parsed.quick ?? false;
  const preset = quick ? { ...DEFAULTS, ...QUICK } : DEFAULTS;
  const numbers = {};
  for (const [flag, [kind]] of Object.entries(NUMBERS)) {
    const key = camel(flag);
    numbers[key] = parsed[flag] === undefined ? preset[key] : parseNumber(`--${flag}`, parsed[flag], kind);
  }
  return Object.freeze({
    help: parsed.help ?? false,
    quick,
    ...numbers,
    scenarios: Object.freeze(parseList('--scenarios', parsed.scenarios, SCENARIOS)),
    setups: Object.freeze(parseList('--setups', parsed.setups, FAULT_SETUPS)),
  });
}

function parseNumber(source, raw, kind) {
  const value = Number(raw);
  const ok = kind === 'count' ? Number.isInteger(value) && value >= 1 : kind === 'positive' ? value > 0 : value >= 0;
  if (!Number.isFinite(value) || !ok) throw new FaultOptionsError(`${source}=${raw} is not a ${kind} number.`);
  return value;
}

function parseList(source, raw, allowed) {
  if (raw === undefined) return [...allowed];
  const wanted = raw.toLowerCase().split(',').map((item) => item.trim()).filter(Boolean);
  if (wanted.length === 0 || wanted.some((item) => !allowed.includes(item))) {
    throw new FaultOptionsError(`${source}=${raw}: use a comma-separated subset of ${allowed.join(',')}.`);
  }
  return allowed.filter((item) => wanted.includes(item));
}
