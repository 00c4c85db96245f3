import {
  defaultTextMapGetter,
  defaultTextMapSetter,
  isSpanContextValid,
  propagation,
  ROOT_CONTEXT,
  trace,
  type TextMapPropagator,
} from '@opentelemetry/api';
import { AWSXRayPropagator } from '@opentelemetry/propagator-aws-xray';
import { B3InjectEncoding, B3Propagator } from '@opentelemetry/propagator-b3';
import { OTTracePropagator } from '@opentelemetry/propagator-ot-trace';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BAGGAGE_MAX_BYTES,
  BAGGAGE_MAX_MEMBERS,
  createPropagator,
  JaegerPropagator,
  PROPAGATOR_NAMES,
  TRACE_STATE_MAX_MEMBERS,
  TRACE_STATE_MAX_PROPAGATED_LENGTH,
  W3CBaggagePropagator,
  W3CTraceContextPropagator,
  W3CTraceState,
} from '../../src/propagation/index.js';

/** Any UTF-16 code unit, lone surrogates and control characters included. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code));
const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.string({ unit: codeUnit, maxLength: 80 }),
  fc.string({ unit: 'binary-ascii', maxLength: 80 }),
);
const hugeText = fc
  .tuple(fc.oneof(fc.constantFrom(',', ' ', '=', ';', 'a=1,', '%', 'k=v;p', '-'), anyText), fc.integer({ min: 1, max: 50_000 }))
  .map(([fragment, times]) => fragment.repeat(Math.max(1, Math.min(times, Math.floor(300_000 / Math.max(fragment.length, 1))))));

/** Characters that matter to the parsers, so that near-valid input is common. */
const syntaxCharacter = fc.constantFrom(...'0123456789abcdefABCDEF-:;,=@%/* \t'.split(''), 'é', '\u0000', '\n');
const hexDigit = fc.constantFrom(...'0123456789abcdef'.split(''));
/** Mostly a well-formed field of `length` hex digits, sometimes one a little off. */
const nearValidHex = (length: number) =>
  fc.oneof(
    { weight: 3, arbitrary: fc.string({ unit: hexDigit, minLength: length, maxLength: length }) },
    {
      weight: 1,
      arbitrary: fc.string({
        unit: fc.oneof({ weight: 9, arbitrary: hexDigit }, { weight: 1, arbitrary: syntaxCharacter }),
        minLength: length - 1,
        maxLength: length + 1,
      }),
    },
  );
const syntaxText = fc.string({ unit: syntaxCharacter, maxLength: 12 });
const nearValidList = fc
  .array(fc.tuple(syntaxText, syntaxText), { maxLength: 40 })
  .map((members) => members.map(([key, value]) => `${key}=${value}`).join(','));
const validList = fc
  .array(fc.tuple(fc.stringMatching(/^[a-z][a-z0-9]{0,8}$/), fc.stringMatching(/^[a-z0-9%]{1,12}$/)), { maxLength: 40 })
  .map((members) => members.map(([key, value]) => `${key}=${value}`).join(','));
const template = (...parts: Array<string | fc.Arbitrary<string>>) =>
  fc.tuple(...parts.map((part) => (typeof part === 'string' ? fc.constant(part) : part))).map((texts) => texts.join(''));

/** For each header some propagator reads, values shaped like what that header should hold. */
const SHAPED_HEADERS: Record<string, fc.Arbitrary<string>> = {
  traceparent: template(
    fc.constantFrom('00', '00', '00', 'cc', 'ff', '0g'),
    '-', nearValidHex(32), '-', nearValidHex(16), '-', nearValidHex(2),
    fc.constantFrom('', '', '', '-', '-future', '.', ' '),
  ),
  tracestate: fc.oneof(validList, nearValidList),
  baggage: fc.oneof(validList, nearValidList),
  'uber-trace-id': template(nearValidHex(32), ':', nearValidHex(16), ':', fc.constantFrom('0', '', 'x'), ':', nearValidHex(1)),
  'uberctx-user': anyText,
  b3: template(nearValidHex(32), '-', nearValidHex(16), fc.constantFrom('', '-1', '-0', '-d', '-x')),
  'x-b3-traceid': nearValidHex(32),
  'x-b3-spanid': nearValidHex(16),
  'x-b3-sampled': fc.constantFrom('1', '0', 'true', 'd'),
  'x-b3-flags': fc.constantFrom('1', '0'),
  'x-amzn-trace-id': template(
    'Root=1-', nearValidHex(8), '-', nearValidHex(24),
    ';Parent=', nearValidHex(16), fc.constantFrom(';Sampled=1', ';Sampled=0', ''),
  ),
  'ot-tracer-traceid': nearValidHex(16),
  'ot-tracer-spanid': nearValidHex(16),
  'ot-tracer-sampled': fc.constantFrom('true', 'false', '1'),
  'ot-baggage-user': anyText,
};

const headerText = fc.oneof(anyText, hugeText, nearValidList);
const asHeaderValue = (shaped: fc.Arbitrary<string>) =>
  fc.oneof(
    { weight: 4, arbitrary: shaped },
    { weight: 1, arbitrary: headerText },
    { weight: 1, arbitrary: fc.array(fc.oneof(shaped, headerText), { minLength: 1, maxLength: 4 }) },
  );
const shapedHeaders = fc.record(
  Object.fromEntries(Object.entries(SHAPED_HEADERS).map(([name, shaped]) => [name, asHeaderValue(shaped)])),
  { requiredKeys: [] },
);
const noiseHeaders = fc.dictionary(anyText, fc.oneof(headerText, fc.array(headerText, { maxLength: 4 })), { maxKeys: 4 });
/** A header map: shaped headers (some renamed to upper case), plus arbitrary other names. */
const carrier = fc
  .tuple(shapedHeaders, noiseHeaders, fc.boolean())
  .map(([shaped, noise, uppercase]) => ({
    ...noise,
    ...Object.fromEntries(Object.entries(shaped).map(([name, value]) => [uppercase ? name.toUpperCase() : name, value])),
  }));

describe('the header generator', () => {
  // Guards against vacuous properties: enough generated carriers must get past validation.
  it.each<[string, TextMapPropagator]>([
    ['W3CTraceContextPropagator', new W3CTraceContextPropagator()],
    ['JaegerPropagator', new JaegerPropagator()],
  ])('often yields input that %s accepts', (_, propagator) => {
    const accepted = fc
      .sample(carrier, { numRuns: 1000, seed: 42 })
      .filter((headers) => trace.getSpanContext(propagator.extract(ROOT_CONTEXT, headers, defaultTextMapGetter)));
    expect(accepted.length).toBeGreaterThan(50);
  });

  it('often yields baggage that W3CBaggagePropagator accepts', () => {
    const propagator = new W3CBaggagePropagator();
    const accepted = fc
      .sample(carrier, { numRuns: 1000, seed: 42 })
      .filter((headers) => propagation.getBaggage(propagator.extract(ROOT_CONTEXT, headers, defaultTextMapGetter)));
    expect(accepted.length).toBeGreaterThan(50);
  });
});

const PROPAGATORS: ReadonlyArray<[string, TextMapPropagator]> = [
  ['W3CTraceContextPropagator', new W3CTraceContextPropagator()],
  ['W3CBaggagePropagator', new W3CBaggagePropagator()],
  ['JaegerPropagator', new JaegerPropagator()],
  ['upstream B3Propagator (single)', new B3Propagator({ injectEncoding: B3InjectEncoding.SINGLE_HEADER })],
  ['upstream B3Propagator (multi)', new B3Propagator({ injectEncoding: B3InjectEncoding.MULTI_HEADER })],
  ['upstream AWSXRayPropagator', new AWSXRayPropagator()],
  ['upstream OTTracePropagator', new OTTracePropagator()],
  ['createPropagator(every name)', createPropagator(PROPAGATOR_NAMES.filter((name) => name !== 'none'))],
];

describe.each(PROPAGATORS)('%s with arbitrary headers', (_, propagator) => {
  it('extracts no span context or a valid one, and well-formed baggage, without throwing', () => {
    fc.assert(
      fc.property(carrier, (headers) => {
        const context = propagator.extract(ROOT_CONTEXT, headers, defaultTextMapGetter);
        const spanContext = trace.getSpanContext(context);
        expect(spanContext === undefined || isSpanContextValid(spanContext)).toBe(true);
        for (const [key, entry] of propagation.getBaggage(context)?.getAllEntries() ?? []) {
          expect(typeof key).toBe('string');
          expect(typeof entry.value).toBe('string');
        }
        // Whatever was extracted must also be safe to send on.
        propagator.inject(context, {}, defaultTextMapSetter);
      }),
      { numRuns: 150 },
    );
  });
});

describe('what our propagators send on, whatever they received', () => {
  it('W3C trace context: a version 00 traceparent and a tracestate within the limits', () => {
    const propagator = new W3CTraceContextPropagator();
    fc.assert(
      fc.property(carrier, (headers) => {
        const sent: Record<string, string> = {};
        propagator.inject(propagator.extract(ROOT_CONTEXT, headers, defaultTextMapGetter), sent, defaultTextMapSetter);
        if (sent.traceparent !== undefined) expect(sent.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-0[0-3]$/);
        if (sent.tracestate !== undefined) {
          expect(sent.tracestate.length).toBeLessThanOrEqual(TRACE_STATE_MAX_PROPAGATED_LENGTH);
          expect(sent.tracestate.split(',').length).toBeLessThanOrEqual(TRACE_STATE_MAX_MEMBERS);
          expect(W3CTraceState.fromHeader(sent.tracestate).serialize()).toBe(sent.tracestate);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('W3C baggage: at most 64 members and 8192 bytes', () => {
    const propagator = new W3CBaggagePropagator();
    fc.assert(
      fc.property(carrier, (headers) => {
        const sent: Record<string, string> = {};
        propagator.inject(propagator.extract(ROOT_CONTEXT, headers, defaultTextMapGetter), sent, defaultTextMapSetter);
        if (sent.baggage !== undefined) {
          expect(Buffer.byteLength(sent.baggage)).toBeLessThanOrEqual(BAGGAGE_MAX_BYTES);
          expect(sent.baggage.split(',').length).toBeLessThanOrEqual(BAGGAGE_MAX_MEMBERS);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('round trips', () => {
  const hex = (length: number) =>
    fc.string({ unit: fc.constantFrom(...'0123456789abcdef'.split('')), minLength: length, maxLength: length });
  const traceStateKey = fc.oneof(
    fc.stringMatching(/^[a-z][a-z0-9_\-*/]{0,20}$/),
    fc.stringMatching(/^[a-z0-9][a-z0-9_\-*/]{0,10}@[a-z][a-z0-9_\-*/]{0,13}$/),
  );
  const traceStateValue = fc.stringMatching(/^[\x20-\x2b\x2d-\x3c\x3e-\x7e]{0,30}[\x21-\x2b\x2d-\x3c\x3e-\x7e]$/);

  it('W3C trace context keeps ids, sampled and random bits and the tracestate', () => {
    const propagator = new W3CTraceContextPropagator();
    fc.assert(
      fc.property(
        hex(32).filter((id) => /[1-9a-f]/.test(id)),
        hex(16).filter((id) => /[1-9a-f]/.test(id)),
        fc.integer({ min: 0, max: 255 }),
        fc.array(fc.tuple(traceStateKey, traceStateValue), { maxLength: 40 }),
        (traceId, spanId, traceFlags, members) => {
          const traceState = members.reduce((state, [key, value]) => state.set(key, value), W3CTraceState.empty());
          const header = `00-${traceId}-${spanId}-${traceFlags.toString(16).padStart(2, '0')}`;
          const received = { traceparent: header, tracestate: traceState.serialize() };
          const sent: Record<string, string> = {};
          propagator.inject(propagator.extract(ROOT_CONTEXT, received, defaultTextMapGetter), sent, defaultTextMapSetter);
          expect(sent.traceparent).toBe(`00-${traceId}-${spanId}-0${traceFlags & 0x03}`);
          expect(sent.tracestate ?? '').toBe(received.tracestate);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('W3C baggage keeps any text value under a token key', () => {
    const propagator = new W3CBaggagePropagator();
    const tokenKey = fc.stringMatching(/^[!#$%&'*+\-.^_`|~0-9A-Za-z]{1,20}$/);
    fc.assert(
      fc.property(fc.dictionary(tokenKey, fc.string({ unit: 'binary', maxLength: 40 }), { maxKeys: 20 }), (values) => {
        const baggage = propagation.createBaggage(Object.fromEntries(Object.entries(values).map(([key, value]) => [key, { value }])));
        const sent: Record<string, string> = {};
        propagator.inject(propagation.setBaggage(ROOT_CONTEXT, baggage), sent, defaultTextMapSetter);
        const extracted = propagation.getBaggage(propagator.extract(ROOT_CONTEXT, sent, defaultTextMapGetter));
        for (const [key, value] of Object.entries(values)) expect(extracted?.getEntry(key)?.value).toBe(value);
      }),
      { numRuns: 300 },
    );
  });
});
