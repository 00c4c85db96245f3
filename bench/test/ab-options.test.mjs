import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AbOptionsError, parseAbOptions, parseVariant } from '../lib/ab-options.mjs';

describe('parseVariant', () => {
  it('reads a name, a register module and env pairs', () => {
    assert.deepEqual(parseVariant('noprop=@tracekit/node/register OTEL_PROPAGATORS=none TRACEKIT_X=a=b'), {
      name: 'noprop',
      register: '@tracekit/node/register',
      env: { OTEL_PROPAGATORS: 'none', TRACEKIT_X: 'a=b' },
    });
  });

  it('takes "none" as no register module', () => {
    assert.deepEqual(parseVariant('untraced=none'), { name: 'untraced', register: null, env: {} });
  });

  it('refuses a spec without a register module or with a malformed pair', () => {
    assert.throws(() => parseVariant('lonely'), AbOptionsError);
    assert.throws(() => parseVariant('a=x 1BAD=2'), AbOptionsError);
  });
});

describe('parseAbOptions', () => {
  it('needs two variants with names of their own', () => {
    assert.throws(() => parseAbOptions(['--variant', 'a=none']), /at least two/);
    assert.throws(() => parseAbOptions(['--variant', 'a=none', '--variant', 'a=x']), /name of its own/);
  });

  it('has defaults and checks every number', () => {
    const options = parseAbOptions(['--variant', 'a=none', '--variant', 'b=./x.mjs']);
    assert.equal(options.route, '/hello');
    assert.equal(options.app, 'esm');
    assert.equal(options.rounds, 3);
    assert.equal(options.warmup, 2);
    assert.throws(() => parseAbOptions(['--variant', 'a=none', '--variant', 'b=x', '--rounds', '1.5']), AbOptionsError);
    assert.throws(() => parseAbOptions(['--variant', 'a=none', '--variant', 'b=x', '--route', '/nope']), AbOptionsError);
    assert.equal(parseAbOptions(['--variant', 'a=none', '--variant', 'b=x', '--warmup', '0']).warmup, 0);
  });
});
