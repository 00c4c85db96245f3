/**
 * LinkedContext (src/trace/linked-context.ts), tracekit's Context for traced requests, against
 * the API's own (ROOT_CONTEXT and the BaseContexts it makes): the same random sequences of
 * setValue and deleteValue, from an empty start or on top of a BaseContext holding values, give
 * the same value for every key at every step, well past the depth where a chain is flattened.
 */
import { type Context, createContextKey, ROOT_CONTEXT } from '@opentelemetry/api';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LinkedContext } from '../src/trace/linked-context.js';

const KEYS = ['a', 'b', 'c', 'd', 'e'].map((name) => createContextKey(`linked-context-test ${name}`));

type Step = { op: 'set'; key: number; value: number } | { op: 'delete'; key: number } | { op: 'branch' };
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ op: fc.constant('set' as const), key: fc.integer({ min: 0, max: KEYS.length - 1 }), value: fc.integer() }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('delete' as const), key: fc.integer({ min: 0, max: KEYS.length - 1 }) }) },
  { weight: 1, arbitrary: fc.constant({ op: 'branch' as const }) },
);

function valuesOf(context: Context): unknown[] {
  return KEYS.map((key) => context.getValue(key));
}

describe('LinkedContext', () => {
  it.each([
    ['an empty start', () => [ROOT_CONTEXT, LinkedContext.EMPTY] as const],
    ['a BaseContext holding values', () => {
      const base = ROOT_CONTEXT.setValue(KEYS[0]!, 'base a').setValue(KEYS[3]!, 'base d');
      return [base, base.setValue(KEYS[4]!, 'base e')] as const;
    }],
  ])('reads as the API context after random sets and deletes, from %s', (_, start) => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 80 }), (steps) => {
        const [apiStart, linkedBase] = start();
        // On a BaseContext start, the chain begins with one LinkedContext link over it.
        let api: Context = linkedBase === LinkedContext.EMPTY ? apiStart : apiStart.setValue(KEYS[4]!, 'base e');
        let linked: Context = linkedBase === LinkedContext.EMPTY ? LinkedContext.EMPTY : LinkedContext.with(apiStart, KEYS[4]!, 'base e');
        const branches: Array<[Context, Context]> = [];
        for (const s of steps) {
          if (s.op === 'branch') {
            branches.push([api, linked]);
            continue;
          }
          const key = KEYS[s.key]!;
          api = s.op === 'set' ? api.setValue(key, s.value) : api.deleteValue(key);
          linked = s.op === 'set' ? linked.setValue(key, s.value) : linked.deleteValue(key);
          expect(linked).toBeInstanceOf(LinkedContext);
          expect(valuesOf(linked)).toEqual(valuesOf(api));
        }
        // Contexts are immutable: the earlier ones still read as they did.
        for (const [apiThen, linkedThen] of branches) expect(valuesOf(linkedThen)).toEqual(valuesOf(apiThen));
      }),
      { numRuns: 400 },
    );
  });

  it('keeps every value through a chain far deeper than the flattening depth', () => {
    // 'under' is in the BaseContext below the chain, 'early' in its first link: both must outlive
    // many flattenings, as must the deletion of a value the base holds.
    let linked: Context = LinkedContext.with(ROOT_CONTEXT.setValue(KEYS[0]!, 'under').setValue(KEYS[3]!, 'deleted'), KEYS[4]!, 'early');
    linked = linked.deleteValue(KEYS[3]!);
    for (let i = 1; i <= 200; i++) linked = linked.setValue(KEYS[1 + (i % 2)]!, i);
    expect(valuesOf(linked)).toEqual(['under', 200, 199, undefined, 'early']);
  });
});
