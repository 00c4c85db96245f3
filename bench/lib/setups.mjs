// The setups compared: the same app, started the way each one is meant to be
// used. The register module is given as a bare specifier and resolved by Node
// from the bench package (the child's working directory), as in a user's app.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

/**
 * The app in each module format, with the flag a user of that format puts the
 * register module behind. Both formats matter: an instrumentation may see
 * `require('express')` and still miss `import express from 'express'`.
 */
export const APP_FORMATS = Object.freeze({
  esm: Object.freeze({ script: 'apps/express-app.mjs', preloadFlag: '--import' }),
  cjs: Object.freeze({ script: 'apps/express-app.cjs', preloadFlag: '-r' }),
});

/**
 * @typedef {{ name: string, description: string, register: string | null, env?: Record<string, string> }} Setup
 * @type {readonly Setup[]}
 */
export const SETUPS = Object.freeze([
  { name: 'baseline', description: 'no tracing', register: null },
  {
    name: 'upstream',
    description: 'OpenTelemetry zero-code: --import @opentelemetry/auto-instrumentations-node/register',
    register: '@opentelemetry/auto-instrumentations-node/register',
  },
  {
    name: 'tracekit',
    description: 'tracekit: --import @tracekit/node/register',
    register: '@tracekit/node/register',
  },
  {
    name: 'tracekit+express',
    description: 'tracekit register plus the @tracekit/express middleware (app.use(tracekit()) first)',
    register: '@tracekit/node/register',
    env: { BENCH_TRACEKIT_EXPRESS: '1' },
  },
]);

export const SETUP_NAMES = SETUPS.map((setup) => setup.name);

export function isTraced(setup) {
  return setup.register !== null;
}

/** Node flags that load the setup's register module before an app of that format. */
export function nodeArgsFor(setup, format) {
  return setup.register === null ? [] : [APP_FORMATS[format].preloadFlag, setup.register];
}

/**
 * Why the setup cannot run an app of that format here, or null when its
 * register module resolves (from this package, like the child's resolution)
 * to a file that exists.
 */
export function unavailableReason(setup, format) {
  if (setup.register === null) return null;
  let file;
  try {
    file = format === 'cjs' ? require.resolve(setup.register) : fileURLToPath(import.meta.resolve(setup.register));
  } catch (error) {
    return `${setup.register} does not resolve from bench/ (${error.code ?? error.message}); run pnpm install`;
  }
  if (!existsSync(file)) return `${setup.register} resolves to ${file}, which does not exist (not built yet?)`;
  return null;
}
