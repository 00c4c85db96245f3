import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OptionsError, parseOptions } from '../lib/options.mjs';

describe('parseOptions', () => {
  it('uses the defaults with no flags and no env', () => {
    const options = parseOptions([], {});
    assert.equal(options.quick, false);
    assert.equal(options.duration, 10);
    assert.deepEqual(options.setups, ['baseline', 'upstream', 'tracekit', 'tracekit+express']);
    assert.deepEqual(options.routes, ['/hello', '/outbound']);
    assert.deepEqual(options.apps, ['esm']);
    assert.ok(Object.isFrozen(options));
  });

  it('lets a flag win over env, env over the --quick preset, the preset over defaults', () => {
    const env = { TRACEKIT_BENCH_QUICK: 'TRUE', TRACEKIT_BENCH_DURATION: '4', TRACEKIT_BENCH_ROUNDS: '2' };
    const options = parseOptions(['--rounds', '5'], env);
    assert.equal(options.quick, true);
    assert.equal(options.rounds, 5);
    assert.equal(options.duration, 4);
    assert.equal(options.warmup, 0.5);
    assert.equal(options.connections, 10);
  });

  it('treats an empty env value as unset', () => {
    assert.equal(parseOptions([], { TRACEKIT_BENCH_DURATION: '' }).duration, 10);
  });

  it('keeps the canonical order of lists and accepts routes without a slash', () => {
    const options = parseOptions(['--setups', 'tracekit,baseline', '--routes', 'outbound', '--app', 'CJS,esm'], {});
    assert.deepEqual(options.setups, ['baseline', 'tracekit']);
    assert.deepEqual(options.routes, ['/outbound']);
    assert.deepEqual(options.apps, ['esm', 'cjs']);
  });

  for (const [argv, env, message] of [
    [['--duration', '0'], {}, '--duration=0 is not a number of seconds > 0.'],
    [['--rounds', '1.5'], {}, '--rounds=1.5 is not a whole number >= 1.'],
    [[], { TRACEKIT_BENCH_CONNECTIONS: 'ten' }, 'TRACEKIT_BENCH_CONNECTIONS=ten is not a whole number >= 1.'],
    [[], { TRACEKIT_BENCH_QUICK: 'yes' }, 'TRACEKIT_BENCH_QUICK=yes is not a boolean: use true or false.'],
    [['--setups', 'datadog'], {}, '--setups=datadog: use a comma-separated subset of baseline,upstream,tracekit,tracekit+express.'],
  ]) {
    it(`rejects ${[...argv, ...Object.entries(env).map((pair) => pair.join('='))].join(' ')}`, () => {
      assert.throws(() => parseOptions(argv, env), new OptionsError(message));
    });
  }
});
