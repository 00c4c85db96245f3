// The A/B runner's command line (ab.mjs): variants of the same app, each a register module (or
// none) with env of its own, compared in interleaved rounds.
import { parseFlags } from './cli.mjs';
import { APP_FORMATS } from './setups.mjs';
import { ROUTES } from './options.mjs';

export const AB_USAGE = `Usage: node bench/ab.mjs --variant <spec> --variant <spec> [options]

  --variant <spec>     name=REGISTER [NAME=VALUE ...]: REGISTER is a module to preload
                       (a path or a package specifier) or "none"; the NAME=VALUE pairs are
                       env for that app. Give two or more.
  --route <path>       ${ROUTES.join(' or ')}                        (default /hello)
  --app <format>       esm (--import) or cjs (-r)                    (default esm)
  --rounds <n>         interleaved rounds over all variants          (default 3)
  --duration <s>       measured load per app process                 (default 5)
  --warmup <s>         unmeasured load before it, same process       (default 2)
  --connections <n>    concurrent keep-alive connections             (default 10)
  --help`;

export class AbOptionsError extends Error {}

/**
 * @typedef {{ name: string, register: string | null, env: Record<string, string> }} Variant
 * @param {string} spec
 * @returns {Variant}
 */
export function parseVariant(spec) {
  const match = /^([\w.+-]+)=(\S+)((?:\s+[A-Za-z_][A-Za-z0-9_]*=\S*)*)\s*$/.exec(spec);
  if (!match) throw new AbOptionsError(`--variant ${JSON.stringify(spec)}: expected name=REGISTER [NAME=VALUE ...]`);
  const [, name, register, envPart] = match;
  const env = {};
  for (const pair of envPart.trim().split(/\s+/).filter(Boolean)) {
    const at = pair.indexOf('=');
    env[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return { name, register: register === 'none' ? null : register, env };
}

/** @param {string[]} argv */
export function parseAbOptions(argv) {
  const parsed = parseFlags(
    argv,
    {
      variant: { type: 'string', multiple: true },
      route: { type: 'string' },
      app: { type: 'string' },
      rounds: { type: 'string' },
      duration: { type: 'string' },
      warmup: { type: 'string' },
      connections: { type: 'string' },
      help: { type: 'boolean' },
    },
    AbOptionsError,
  );
  if (parsed.help) return Object.freeze({ help: true });
  const variants = (parsed.variant ?? []).map(parseVariant);
  if (variants.length < 2) throw new AbOptionsError('give at least two --variant');
  const names = new Set(variants.map((variant) => variant.name));
  if (names.size !== variants.length) throw new AbOptionsError('each --variant needs a name of its own');
  const route = parsed.route ?? '/hello';
  if (!ROUTES.includes(route)) throw new AbOptionsError(`--route ${route}: expected one of ${ROUTES.join(', ')}`);
  const app = parsed.app ?? 'esm';
  if (!(app in APP_FORMATS)) throw new AbOptionsError(`--app ${app}: expected one of ${Object.keys(APP_FORMATS).join(', ')}`);
  return Object.freeze({
    help: false,
    variants,
    route,
    app,
    rounds: positive('--rounds', parsed.rounds, 3, true),
    duration: positive('--duration', parsed.duration, 5, false),
    warmup: positive('--warmup', parsed.warmup, 2, false, true),
    connections: positive('--connections', parsed.connections, 10, true),
  });
}

function positive(flag, raw, fallback, integer, zeroAllowed = false) {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  const ok = Number.isFinite(value) && (zeroAllowed ? value >= 0 : value > 0) && (!integer || Number.isInteger(value));
  if (!ok) throw new AbOptionsError(`${flag} ${raw}: expected a ${integer ? 'whole ' : ''}number${zeroAllowed ? ' ≥ 0' : ' > 0'}`);
  return value;
}
