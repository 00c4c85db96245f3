import { describe, expect, it } from 'vitest';
import {
  isValidTraceStateKey,
  isValidTraceStateValue,
  TRACE_STATE_MAX_PROPAGATED_LENGTH,
  W3CTraceState,
} from '../../src/propagation/trace-state.js';

const ALL_KEY_CHARACTERS = 'abcdefghijklmnopqrstuvwxyz0123456789_-*/';
const ALL_VALUE_CHARACTERS = [[0x20, 0x2b], [0x2d, 0x3c], [0x3e, 0x7e]]
  .flatMap(([from, to]) => Array.from({ length: to! - from! + 1 }, (_, offset) => String.fromCharCode(from! + offset)))
  .join('');

describe('tracestate keys (Level 2 §3.3.1.3.1)', () => {
  it.each([
    ['a', 'shortest simple key'],
    [ALL_KEY_CHARACTERS, 'every simple-key character'],
    ['z'.repeat(256), 'simple key of 256 characters'],
    ['fw529a3039@dt', "the spec's multi-tenant example"],
    ['1tenant@sys', 'tenant id may start with a digit'],
    [`${ALL_KEY_CHARACTERS}@a-z0-9_-*/`, 'every character on both sides of @'],
    [`${'t'.repeat(241)}@${'v'.repeat(14)}`, 'tenant id of 241 and system id of 14 characters'],
  ])('accepts %s (%s)', (key) => {
    expect(isValidTraceStateKey(key)).toBe(true);
  });

  it.each([
    ['', 'empty'],
    ['z'.repeat(257), 'simple key of 257 characters'],
    ['1abc', 'simple key starting with a digit'],
    ['FOO', 'uppercase'],
    ['foo.bar', 'dot'],
    ['foo ', 'trailing space'],
    ['foo@', 'empty system id'],
    ['@foo', 'empty tenant id'],
    ['foo@@bar', 'two @'],
    ['foo@bar@baz', 'two @ apart'],
    ['foo@1bar', 'system id starting with a digit'],
    [`${'t'.repeat(242)}@v`, 'tenant id of 242 characters'],
    [`t@${'v'.repeat(15)}`, 'system id of 15 characters'],
    ['ключ', 'non-ASCII'],
  ])('rejects %j (%s)', (key) => {
    expect(isValidTraceStateKey(key)).toBe(false);
  });
});

describe('tracestate values (Level 2 §3.3.1.3.2)', () => {
  it.each([
    ['1', 'single character'],
    [ALL_VALUE_CHARACTERS.trimEnd(), 'every allowed character'],
    [' leading', 'leading spaces belong to the value'],
    ['x'.repeat(256), '256 characters'],
  ])('accepts %j (%s)', (value) => {
    expect(isValidTraceStateValue(value)).toBe(true);
  });

  it.each([
    ['', 'empty'],
    ['trailing ', 'trailing space'],
    ['a,b', 'comma'],
    ['a=b', 'equals sign'],
    ['a\tb', 'tab'],
    ['a\u007fb', 'DEL'],
    ['é', 'non-ASCII'],
    ['x'.repeat(257), '257 characters'],
  ])('rejects %j (%s)', (value) => {
    expect(isValidTraceStateValue(value)).toBe(false);
  });
});

const members = (count: number, prefix = 'bar'): string =>
  Array.from({ length: count }, (_, index) => `${prefix}${String(index + 1).padStart(2, '0')}=${index + 1}`).join(',');

describe('W3CTraceState.fromHeader', () => {
  it.each([
    { header: 'foo=1,bar=2', serialized: 'foo=1,bar=2', why: 'two members keep their order' },
    { header: 'foo=1 \t , \t bar=2, \t baz=3', serialized: 'foo=1,bar=2,baz=3', why: 'OWS around members' },
    { header: '\t foo=1 \t', serialized: 'foo=1', why: 'OWS around a single member' },
    { header: 'foo= 1', serialized: 'foo= 1', why: 'leading space kept in the value' },
    { header: 'foo=1,,bar=2', serialized: 'foo=1,bar=2', why: 'empty member skipped' },
    { header: ' , foo=1, ,\t,', serialized: 'foo=1', why: 'whitespace-only members skipped' },
    { header: '', serialized: '', why: 'empty header' },
    { header: members(32), serialized: members(32), why: '32 members' },
    { header: `${members(32)},,,`, serialized: members(32), why: 'empty members do not count toward 32' },
    { header: `foo=1,${'z'.repeat(256)}=1`, serialized: `foo=1,${'z'.repeat(256)}=1`, why: 'longest simple key' },
  ])('keeps $why', ({ header, serialized }) => {
    expect(W3CTraceState.fromHeader(header).serialize()).toBe(serialized);
  });

  // The W3C test suite (STRICT_LEVEL 2) expects each of these headers to be dropped entirely.
  it.each([
    { header: 'foo=1,foo=1', why: 'duplicated key, same value' },
    { header: 'foo=1,foo=2', why: 'duplicated key, different values' },
    { header: 'foo =1', why: 'space between key and =' },
    { header: 'FOO=1', why: 'uppercase key' },
    { header: 'foo.bar=1', why: 'dot in key' },
    { header: 'foo@=1,bar=2', why: 'empty system id' },
    { header: '@foo=1,bar=2', why: 'empty tenant id' },
    { header: 'foo@@bar=1,bar=2', why: 'two @' },
    { header: 'foo@bar@baz=1,bar=2', why: 'two @ apart' },
    { header: `foo=1,${'z'.repeat(257)}=1`, why: 'key of 257 characters' },
    { header: `foo=1,${'t'.repeat(242)}@v=1`, why: 'tenant id of 242 characters' },
    { header: `foo=1,t@${'v'.repeat(15)}=1`, why: 'system id of 15 characters' },
    { header: 'foo=bar=baz', why: '= in value' },
    { header: 'foo=,bar=3', why: 'empty value' },
    { header: 'foo', why: 'no =' },
    { header: '=1', why: 'no key' },
    { header: members(33), why: '33 members' },
    { header: 'foo=1\nbar=2', why: 'line feed inside the list' },
  ])('drops the whole header for $why', ({ header }) => {
    const state = W3CTraceState.fromHeader(header);
    expect(state.size).toBe(0);
    expect(state.serialize()).toBe('');
  });

  it('stays linear on a header of a million commas', () => {
    expect(W3CTraceState.fromHeader(','.repeat(1_000_000)).size).toBe(0);
    expect(W3CTraceState.fromHeader(`foo=1${', '.repeat(500_000)}bar=2`).serialize()).toBe('foo=1,bar=2');
  });
});

describe('W3CTraceState mutations', () => {
  it('moves a set key to the front and keeps the others in order', () => {
    const state = W3CTraceState.fromHeader('congo=1,rojo=2,foo=3').set('rojo', 'new');
    expect(state.serialize()).toBe('rojo=new,congo=1,foo=3');
  });

  it('adds a new key at the front', () => {
    expect(W3CTraceState.fromHeader('congo=1').set('rojo', '2').serialize()).toBe('rojo=2,congo=1');
  });

  it('ignores an invalid key or value and returns the same instance', () => {
    const state = W3CTraceState.fromHeader('congo=1');
    expect(state.set('Bad', '1')).toBe(state);
    expect(state.set('good', 'a,b')).toBe(state);
    expect(state.set('good', '')).toBe(state);
  });

  it('drops the last member when a 33rd is set', () => {
    const state = W3CTraceState.fromHeader(members(32)).set('new', 'x');
    expect(state.size).toBe(32);
    expect(state.get('new')).toBe('x');
    expect(state.get('bar32')).toBeUndefined();
    expect(state.get('bar31')).toBe('31');
  });

  it('unsets a key and is immutable', () => {
    const original = W3CTraceState.fromHeader('a=1,b=2');
    const changed = original.unset('a');
    expect(changed.serialize()).toBe('b=2');
    expect(original.serialize()).toBe('a=1,b=2');
    expect(original.unset('missing')).toBe(original);
    expect(changed.unset('b').serialize()).toBe('');
  });

  it('gets values', () => {
    const state = W3CTraceState.fromHeader('a=1,t@s=2');
    expect(state.get('a')).toBe('1');
    expect(state.get('t@s')).toBe('2');
    expect(state.get('missing')).toBeUndefined();
  });
});

describe('W3CTraceState.serialize truncation (§3.3.1.5)', () => {
  const value = (length: number, fill: string): string => fill.repeat(length);

  it('sends everything when it fits in 512 characters', () => {
    const header = `a=${value(250, 'x')},b=${value(256, 'y')}`; // 2 + 250 + 1 + 2 + 256 = 511
    expect(W3CTraceState.fromHeader(header).serialize()).toBe(header);
  });

  it('drops members over 128 characters first, from the end', () => {
    const large1 = `big1=${value(200, 'x')}`;
    const large2 = `big2=${value(200, 'y')}`;
    const small = Array.from({ length: 10 }, (_, index) => `s${index}=${value(20, 'z')}`); // 23 each
    const state = W3CTraceState.fromHeader([large1, ...small, large2].join(','));
    // 205 + 10 * 23 + 205 + 11 commas = 651 > 512: removing big2 (the last large one) is enough.
    expect(state.serialize()).toBe([large1, ...small].join(','));
  });

  it('then drops members from the end', () => {
    const small = Array.from({ length: 30 }, (_, index) => `k${String(index).padStart(2, '0')}=${value(20, 'v')}`); // 24 each
    const serialized = W3CTraceState.fromHeader(small.join(',')).serialize();
    // 24 * n + (n - 1) <= 512  =>  n = 20
    expect(serialized).toBe(small.slice(0, 20).join(','));
    expect(serialized.length).toBeLessThanOrEqual(TRACE_STATE_MAX_PROPAGATED_LENGTH);
  });

  it('removes only as many large members as it must', () => {
    const large = Array.from({ length: 5 }, (_, index) => `k${index}=${value(250, 'v')}`); // 253 each
    const serialized = W3CTraceState.fromHeader(large.join(',')).serialize();
    expect(serialized).toBe(large.slice(0, 2).join(',')); // 253 + 1 + 253 = 507
  });
});
