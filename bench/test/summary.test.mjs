// The comparison must only ever be drawn from clean measurements.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { summarize, variantKey } from '../lib/summary.mjs';

const SETUPS = [
  { name: 'baseline', traced: false },
  { name: 'upstream', traced: true },
  { name: 'tracekit', traced: true },
];

/** One load measurement of `esm /hello`; spans per request default to the setup's. */
function record(setup, round, requestsPerSecond, overrides = {}) {
  const spansPerRequest = { baseline: 0, upstream: 2, tracekit: 2 }[setup];
  return {
    app: 'esm',
    route: '/hello',
    setup,
    round,
    problems: [],
    measured: { requestsPerSecond, p99Ms: 1 },
    peakRssBytes: 100 * 2 ** 20,
    requestsSent: 1000,
    sink: { spans: 1000 * spansPerRequest },
    ...overrides,
  };
}

const startup = [
  { app: 'esm', setup: 'baseline', startupMs: 100 },
  { app: 'esm', setup: 'upstream', startupMs: 900 },
  { app: 'esm', setup: 'tracekit', startupMs: 300 },
];

const run = (load, failures = {}) =>
  summarize({ setups: SETUPS, apps: ['esm'], routes: ['/hello'], failures, load, startup });

const row = (summary, setup) => summary.cases[0].rows.find((r) => r.setup === setup);

describe('summarize', () => {
  it('pairs each round with its own baseline and takes the median ratio', () => {
    // Round 2 is on a machine twice as fast: per-round ratios stay 0.2 and 0.5.
    const summary = run([
      record('baseline', 1, 1000),
      record('upstream', 1, 200),
      record('tracekit', 1, 500),
      record('baseline', 2, 2000),
      record('upstream', 2, 400),
      record('tracekit', 2, 1000),
    ]);
    assert.equal(summary.ok, true);
    assert.equal(row(summary, 'upstream').throughputRatio, 0.2);
    assert.ok(Math.abs(row(summary, 'upstream').overhead - 0.8) < 1e-12);
    assert.equal(row(summary, 'tracekit').throughputRatio, 0.5);
    assert.ok(Math.abs(row(summary, 'tracekit').overheadVsUpstream - 0.5 / 0.8) < 1e-12);
    assert.equal(row(summary, 'tracekit').spansPerRequest, 2);
    assert.equal(row(summary, 'tracekit').peakRssMiB, 100);

    const startupRows = summary.startup[0].rows;
    assert.equal(startupRows.find((r) => r.setup === 'upstream').costMs, 800);
    assert.equal(startupRows.find((r) => r.setup === 'tracekit').costVsUpstream, 200 / 800);
  });

  it('shows no ratio for a traced setup whose measurement had a problem', () => {
    const summary = run([
      record('baseline', 1, 1000),
      record('upstream', 1, 200),
      record('tracekit', 1, 900, {
        sink: { spans: 0 },
        problems: ['the sink received 0 spans from a traced setup'],
      }),
    ]);
    assert.equal(summary.ok, false);
    const tracekit = row(summary, 'tracekit');
    assert.equal(tracekit.status, 'invalid');
    assert.equal(tracekit.throughputRatio, null);
    assert.equal(tracekit.overheadVsUpstream, null);
    assert.deepEqual(tracekit.problems, ['round 1: the sink received 0 spans from a traced setup']);
    assert.equal(row(summary, 'upstream').throughputRatio, 0.2);
  });

  it('shows no ratio at all when the baseline is not clean', () => {
    const summary = run([
      record('baseline', 1, 1000, { problems: ['3 non-2xx responses in the measured run'] }),
      record('upstream', 1, 200),
      record('tracekit', 1, 500),
    ]);
    for (const setup of ['upstream', 'tracekit']) assert.equal(row(summary, setup).throughputRatio, null);
  });

  it('marks a setup that could not start as failed, with the reason', () => {
    const reason = 'failed to start: exited (code 1, signal null) before printing LISTENING';
    const summary = run([record('baseline', 1, 1000), record('upstream', 1, 200)], {
      [variantKey('esm', 'tracekit')]: reason,
    });
    assert.equal(summary.ok, false);
    assert.equal(row(summary, 'tracekit').status, 'failed');
    assert.deepEqual(row(summary, 'tracekit').problems, [reason]);
    assert.equal(row(summary, 'tracekit').requestsPerSecond, null);
  });
});
