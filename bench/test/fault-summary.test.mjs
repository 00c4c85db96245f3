import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FaultOptionsError, parseFaultOptions } from '../lib/fault-options.mjs';
import { renderFaultMarkdown, summarizeFaults } from '../lib/fault-summary.mjs';

function record(scenario, setup, overrides = {}) {
  return {
    round: 1,
    scenario,
    setup,
    problems: [],
    measured: { requestsPerSecond: 1000, p99Ms: 2 },
    requestsSent: 1000,
    rssStartBytes: 100 * 1024 * 1024,
    rssEndBytes: 110 * 1024 * 1024,
    rssMaxBytes: 120 * 1024 * 1024,
    spans: { duringLoad: 1000, afterRecovery: 0, atExit: 0 },
    recoveryMs: null,
    exitMs: 20,
    exitBurst: null,
    ...overrides,
  };
}

describe('summarizeFaults', () => {
  const run = (records, scenarios = ['healthy', 'down', 'exit']) => summarizeFaults({ scenarios, setups: ['tracekit'], records });

  it('compares each scenario with the healthy Collector of the same setup and round', () => {
    const summary = run([
      record('healthy', 'tracekit'),
      record('down', 'tracekit', { measured: { requestsPerSecond: 950, p99Ms: 2.5 }, spans: { duringLoad: 0, afterRecovery: 512, atExit: 0 }, recoveryMs: 1500 }),
      record('exit', 'tracekit', { exitBurst: { requests: 100, spans: 90 } }),
    ]);
    const [healthy, down, exit] = summary.rows;
    assert.equal(healthy.throughputVsHealthy, null);
    assert.equal(down.throughputVsHealthy, 0.95);
    assert.equal(down.p99VsHealthy, 1.25);
    assert.equal(down.verdict, 'pass');
    assert.equal(down.rssGrowthMiB, 10);
    assert.equal(down.spansAfterRecovery, 512);
    assert.equal(down.recoverySeconds, 1.5);
    assert.ok(Math.abs(exit.lostAtExit - 0.1) < 1e-9);
    assert.equal(summary.ok, true);
    assert.match(renderFaultMarkdown(summary), /\| down \| tracekit \| 950 \| 0\.950 \|/);
  });

  it('fails a scenario below 90 % of the throughput or above 1.5× the p99', () => {
    const slow = run([record('healthy', 'tracekit'), record('down', 'tracekit', { measured: { requestsPerSecond: 1000, p99Ms: 3.5 } })], ['healthy', 'down']);
    assert.equal(slow.rows[1].verdict, 'fail');
    assert.equal(slow.ok, false);
  });

  it('never computes a ratio from a measurement with a problem', () => {
    const summary = run([record('healthy', 'tracekit', { problems: ['3 non-2xx responses'] }), record('down', 'tracekit')], ['healthy', 'down']);
    assert.equal(summary.rows[0].status, 'invalid');
    assert.equal(summary.rows[1].throughputVsHealthy, null);
    assert.equal(summary.ok, false);
  });
});

describe('parseFaultOptions', () => {
  it('has defaults, a quick preset and flags that win over it', () => {
    assert.equal(parseFaultOptions([]).duration, 60);
    assert.equal(parseFaultOptions(['--quick']).duration, 3);
    assert.equal(parseFaultOptions(['--quick', '--duration', '5']).duration, 5);
    assert.deepEqual(parseFaultOptions(['--scenarios', 'down,healthy']).scenarios, ['healthy', 'down']);
  });

  it('rejects unknown scenarios and bad numbers', () => {
    assert.throws(() => parseFaultOptions(['--scenarios', 'sick']), FaultOptionsError);
    assert.throws(() => parseFaultOptions(['--rounds', '0']), FaultOptionsError);
    assert.throws(() => parseFaultOptions(['--bogus']), FaultOptionsError);
  });
});
