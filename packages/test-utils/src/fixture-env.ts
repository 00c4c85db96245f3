/** The environment a fixture child starts with. */
import type { FixtureOptions } from './types.js';

/** Kept even when the parent's environment is not inherited: node and shells need them. */
const ALWAYS_KEPT = ['PATH', 'HOME'] as const;

export function buildFixtureEnv(
  options: Pick<FixtureOptions, 'env' | 'inheritEnv'>,
  parentEnv: NodeJS.ProcessEnv = process.env,
): Record<string, string> {
  const env: Record<string, string> = {};
  const start = options.inheritEnv ? Object.keys(parentEnv) : ALWAYS_KEPT;
  for (const name of start) {
    const value = parentEnv[name];
    if (value !== undefined) env[name] = value;
  }
  for (const [name, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  return env;
}
