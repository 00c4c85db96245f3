import {
  baggageEntryMetadataFromString,
  defaultTextMapGetter,
  defaultTextMapSetter,
  propagation,
  ROOT_CONTEXT,
  type Baggage,
  type Context,
} from '@opentelemetry/api';
import { suppressTracing } from '@opentelemetry/core';
import { describe, expect, it } from 'vitest';
import { BAGGAGE_MAX_BYTES, BAGGAGE_MAX_MEMBERS } from '../../src/propagation/baggage-limits.js';
import { W3CBaggagePropagator } from '../../src/propagation/w3c-baggage.js';

const propagator = new W3CBaggagePropagator();

type Carrier = Record<string, string | string[]>;

function extract(carrier: Carrier, context: Context = ROOT_CONTEXT): Context {
  return propagator.extract(context, carrier, defaultTextMapGetter);
}

/** Entries as `{ key: [value, metadata?] }` for compact expectations. */
function entriesOf(context: Context): Record<string, [string, string?]> {
  const entries: Record<string, [string, string?]> = {};
  for (const [key, entry] of propagation.getBaggage(context)?.getAllEntries() ?? []) {
    const metadata = entry.metadata?.toString();
    entries[key] = metadata === undefined ? [entry.value] : [entry.value, metadata];
  }
  return entries;
}

function inject(baggage: Baggage, context: Context = ROOT_CONTEXT): Record<string, string> {
  const carrier: Record<string, string> = {};
  propagator.inject(propagation.setBaggage(context, baggage), carrier, defaultTextMapSetter);
  return carrier;
}

describe('W3CBaggagePropagator.extract', () => {
  it.each([
    {
      header: 'userId=alice,serverNode=DF%2028,isProduction=false',
      entries: { userId: ['alice'], serverNode: ['DF 28'], isProduction: ['false'] },
      why: 'the spec example, percent-decoded',
    },
    {
      header: 'userId =   alice, serverNode = DF%2028 , isProduction = false',
      entries: { userId: ['alice'], serverNode: ['DF 28'], isProduction: ['false'] },
      why: 'OWS around keys and values',
    },
    {
      header: 'key1=value1;property1;property2, key2 = value2, key3=value3; propertyKey=propertyValue',
      entries: {
        key1: ['value1', 'property1;property2'],
        key2: ['value2'],
        key3: ['value3', 'propertyKey=propertyValue'],
      },
      why: 'properties kept as metadata',
    },
    { header: 'key=a=b==', entries: { key: ['a=b=='] }, why: '= inside a value' },
    { header: 'key=', entries: { key: [''] }, why: 'empty value' },
    { header: 'key=caf%C3%A9%E2%9C%93', entries: { key: ['café✓'] }, why: 'UTF-8 escapes' },
    { header: 'key=%FF%FE', entries: { key: ['\uFFFD\uFFFD'] }, why: 'invalid UTF-8 becomes U+FFFD' },
    { header: 'key=100%', entries: { key: ['100%'] }, why: 'a stray % is kept' },
    { header: 'key=a+b', entries: { key: ['a+b'] }, why: '+ is not a space' },
    { header: 'k=1,k=2', entries: { k: ['2'] }, why: 'the last of a repeated key' },
    { header: ',,k=1, ,', entries: { k: ['1'] }, why: 'empty members skipped' },
  ])('reads $why', ({ header, entries }) => {
    expect(entriesOf(extract({ baggage: header }))).toEqual(entries);
  });

  it.each([
    ['k v=1', 'space inside a key'],
    ['k=v w', 'space inside a value'],
    ['k="v"', 'DQUOTE in a value'],
    ['k=a\\b', 'backslash in a value'],
    ['novalue', 'no ='],
    ['=v', 'empty key'],
    ['k=v;', 'empty property'],
    ['k=v;p q', 'space inside a property key'],
    ['k=v;p=a b', 'space inside a property value'],
    ['ключ=v', 'non-ASCII key'],
    ['k=é', 'non-ASCII value'],
    ['k=a\u0000b', 'control character'],
  ])('skips an invalid member next to a valid one: %j (%s)', (invalid) => {
    expect(entriesOf(extract({ baggage: `ok=1,${invalid},last=2` }))).toEqual({ ok: ['1'], last: ['2'] });
  });

  it('combines repeated baggage headers', () => {
    expect(entriesOf(extract({ baggage: ['userId=alice', 'serverNode=DF%2028,isProduction=false'] }))).toEqual({
      userId: ['alice'],
      serverNode: ['DF 28'],
      isProduction: ['false'],
    });
  });

  it('merges into baggage already in the context', () => {
    const existing = propagation.setBaggage(ROOT_CONTEXT, propagation.createBaggage({ a: { value: '1' }, b: { value: '2' } }));
    expect(entriesOf(extract({ baggage: 'b=3,c=4' }, existing))).toEqual({ a: ['1'], b: ['3'], c: ['4'] });
  });

  it('leaves the context alone when there is nothing valid', () => {
    expect(extract({})).toBe(ROOT_CONTEXT);
    expect(extract({ baggage: 'not valid, at all' })).toBe(ROOT_CONTEXT);
  });

  it(`keeps the first ${BAGGAGE_MAX_MEMBERS} members and drops the rest whole`, () => {
    const header = Array.from({ length: 100 }, (_, index) => `k${index}=v`).join(',');
    const keys = Object.keys(entriesOf(extract({ baggage: header })));
    expect(keys).toHaveLength(BAGGAGE_MAX_MEMBERS);
    expect(keys.at(-1)).toBe(`k${BAGGAGE_MAX_MEMBERS - 1}`);
  });

  it(`keeps at most ${BAGGAGE_MAX_BYTES} bytes, counted over all headers, never part of a member`, () => {
    const big = 'v'.repeat(4000);
    // 4002 + 1 + 4002 = 8005 bytes fit; the third big member would not; the small one still does.
    const entries = entriesOf(extract({ baggage: [`a=${big}`, `b=${big},c=${big}`, 'd=1'] }));
    expect(Object.keys(entries)).toEqual(['a', 'b', 'd']);
    expect(entries.b?.[0]).toHaveLength(4000);
  });

  it('accepts a baggage-string of exactly 8192 bytes', () => {
    const header = `k=${'v'.repeat(BAGGAGE_MAX_BYTES - 2)}`;
    expect(entriesOf(extract({ baggage: header })).k?.[0]).toHaveLength(BAGGAGE_MAX_BYTES - 2);
    expect(extract({ baggage: `${header}v` })).toBe(ROOT_CONTEXT);
  });
});

describe('W3CBaggagePropagator.inject', () => {
  it('percent-encodes values and keeps metadata as properties', () => {
    const baggage = propagation.createBaggage({
      userId: { value: 'alice' },
      serverNode: { value: 'DF 28,;"\\%é' },
      tagged: { value: 'x', metadata: baggageEntryMetadataFromString('p1; p2 = v2') },
    });
    expect(inject(baggage)).toEqual({
      baggage: 'userId=alice,serverNode=DF%2028%2C%3B%22%5C%25%C3%A9,tagged=x;p1;p2=v2',
    });
  });

  it('round-trips through extract', () => {
    const baggage = propagation.createBaggage({
      'a.b': { value: ' spaced = value ' },
      emoji: { value: '🧳\uD800' },
      meta: { value: '1', metadata: baggageEntryMetadataFromString('prop=1;flag') },
    });
    expect(entriesOf(extract(inject(baggage)))).toEqual({
      'a.b': [' spaced = value '],
      emoji: ['🧳\uFFFD'],
      meta: ['1', 'prop=1;flag'],
    });
  });

  it('skips keys that are not tokens and metadata that is not a property list', () => {
    const baggage = propagation.createBaggage({
      'bad key': { value: '1' },
      good: { value: '2', metadata: baggageEntryMetadataFromString('not a property') },
    });
    expect(inject(baggage)).toEqual({ baggage: 'good=2' });
  });

  it('writes nothing for empty baggage or while tracing is suppressed', () => {
    expect(inject(propagation.createBaggage())).toEqual({});
    expect(inject(propagation.createBaggage({ a: { value: '1' } }), suppressTracing(ROOT_CONTEXT))).toEqual({});
  });

  it('obeys the limits', () => {
    const many = Object.fromEntries(Array.from({ length: 100 }, (_, index) => [`k${index}`, { value: 'v' }]));
    expect(inject(propagation.createBaggage(many)).baggage?.split(',')).toHaveLength(BAGGAGE_MAX_MEMBERS);

    const big = propagation.createBaggage({ a: { value: 'é'.repeat(1000) }, b: { value: 'é'.repeat(1000) }, c: { value: 'x' } });
    // Each é encodes to 6 characters: 6002 + 1 + 6002 > 8192, so b is dropped and c still fits.
    const header = inject(big).baggage ?? '';
    expect(header.split(',').map((member) => member.split('=')[0])).toEqual(['a', 'c']);
    expect(header.length).toBeLessThanOrEqual(BAGGAGE_MAX_BYTES);
  });
});
