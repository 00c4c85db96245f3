import {
  defaultTextMapGetter,
  defaultTextMapSetter,
  propagation,
  ROOT_CONTEXT,
  trace,
  TraceFlags,
  type Context,
} from '@opentelemetry/api';
import { suppressTracing } from '@opentelemetry/core';
import { describe, expect, it } from 'vitest';
import { BAGGAGE_MAX_MEMBERS } from '../../src/propagation/baggage-limits.js';
import { JaegerPropagator, parseUberTraceId } from '../../src/propagation/jaeger.js';

const TRACE_ID = '6e0c63257de34c926f9efcd03927272e';
const SPAN_ID = '4bf92f3577b34da6';

const propagator = new JaegerPropagator();

type Carrier = Record<string, string | string[]>;

function extract(carrier: Carrier, context: Context = ROOT_CONTEXT): Context {
  return propagator.extract(context, carrier, defaultTextMapGetter);
}

function inject(context: Context): Record<string, string> {
  const carrier: Record<string, string> = {};
  propagator.inject(context, carrier, defaultTextMapSetter);
  return carrier;
}

function baggageOf(context: Context): Record<string, string> {
  return Object.fromEntries(
    (propagation.getBaggage(context)?.getAllEntries() ?? []).map(([key, entry]) => [key, entry.value]),
  );
}

describe('parseUberTraceId', () => {
  const ZEROS = (count: number) => '0'.repeat(count);
  // [why, header, trace id, span id, sampled]
  it.each<[string, string, string, string, boolean]>([
    ['128-bit trace id, sampled', `${TRACE_ID}:${SPAN_ID}:0:1`, TRACE_ID, SPAN_ID, true],
    ['two-digit flags', `${TRACE_ID}:${SPAN_ID}:0:01`, TRACE_ID, SPAN_ID, true],
    ['not sampled', `${TRACE_ID}:${SPAN_ID}:0:0`, TRACE_ID, SPAN_ID, false],
    ['debug implies sampled', `${TRACE_ID}:${SPAN_ID}:0:2`, TRACE_ID, SPAN_ID, true],
    ['other bits alone are not sampled', `${TRACE_ID}:${SPAN_ID}:0:4`, TRACE_ID, SPAN_ID, false],
    ['64-bit trace id, left-padded', `6f9efcd03927272e:${SPAN_ID}:0:1`, `${ZEROS(16)}6f9efcd03927272e`, SPAN_ID, true],
    ['leading zeros dropped by the client', 'abc:def:0:1', `${ZEROS(29)}abc`, `${ZEROS(13)}def`, true],
    ['a parent span id', `${TRACE_ID}:${SPAN_ID}:${SPAN_ID}:1`, TRACE_ID, SPAN_ID, true],
    ['URL-encoded', `${TRACE_ID}%3A${SPAN_ID}%3A0%3A1`, TRACE_ID, SPAN_ID, true],
    ['surrounding OWS', ` ${TRACE_ID}:${SPAN_ID}:0:1\t`, TRACE_ID, SPAN_ID, true],
    ['uppercase hex', `${TRACE_ID.toUpperCase()}:${SPAN_ID.toUpperCase()}:0:1`, TRACE_ID, SPAN_ID, true],
  ])('reads %s: %j', (_, header, traceId, spanId, sampled) => {
    expect(parseUberTraceId(header)).toEqual({
      traceId,
      spanId,
      isRemote: true,
      traceFlags: sampled ? TraceFlags.SAMPLED : TraceFlags.NONE,
    });
  });

  it.each([
    ['', 'empty'],
    [`${TRACE_ID}:${SPAN_ID}:0`, 'three fields'],
    [`${TRACE_ID}:${SPAN_ID}:0:1:1`, 'five fields'],
    [`0:${SPAN_ID}:0:1`, 'zero trace id'],
    [`${TRACE_ID}:0000000000000000:0:1`, 'zero span id'],
    [`${TRACE_ID}0:${SPAN_ID}:0:1`, 'trace id of 33 digits'],
    [`${TRACE_ID}:${SPAN_ID}0:0:1`, 'span id of 17 digits'],
    [`${TRACE_ID}:${SPAN_ID}:0:100`, 'flags of three digits'],
    [`${TRACE_ID}:${SPAN_ID}::1`, 'empty parent span id'],
    [`${TRACE_ID}:${SPAN_ID}:0:`, 'empty flags'],
    [`${TRACE_ID}:xyz:0:1`, 'span id not hex'],
    [`${TRACE_ID}:${SPAN_ID}:0:1${' '.repeat(300)}x`, 'too long to be real'],
  ])('rejects %j (%s)', (header) => {
    expect(parseUberTraceId(header)).toBeUndefined();
  });
});

describe('JaegerPropagator', () => {
  it('extracts the span context and uberctx- baggage, URL-decoded', () => {
    const context = extract({
      'uber-trace-id': `${TRACE_ID}:${SPAN_ID}:0:1`,
      'uberctx-user': 'alice%20smith',
      'uberctx-empty': '',
      'UberCtx-Mixed': 'yes',
      'uberctx-': 'no key',
      'x-unrelated': 'ignored',
    });
    expect(trace.getSpanContext(context)).toEqual({ traceId: TRACE_ID, spanId: SPAN_ID, isRemote: true, traceFlags: 1 });
    expect(baggageOf(context)).toEqual({ user: 'alice smith', empty: '', Mixed: 'yes' });
  });

  it('accepts the header name in any case and as a one-element array', () => {
    expect(trace.getSpanContext(extract({ 'Uber-Trace-Id': [`${TRACE_ID}:${SPAN_ID}:0:1`] }))?.traceId).toBe(TRACE_ID);
  });

  it('ignores a repeated uber-trace-id', () => {
    expect(extract({ 'uber-trace-id': [`${TRACE_ID}:${SPAN_ID}:0:1`, `${TRACE_ID}:${SPAN_ID}:0:0`] })).toBe(ROOT_CONTEXT);
  });

  it('extracts baggage without a span context and merges it into existing baggage', () => {
    const existing = propagation.setBaggage(ROOT_CONTEXT, propagation.createBaggage({ a: { value: '1' } }));
    const context = extract({ 'uberctx-b': '2' }, existing);
    expect(trace.getSpanContext(context)).toBeUndefined();
    expect(baggageOf(context)).toEqual({ a: '1', b: '2' });
  });

  it(`keeps at most ${BAGGAGE_MAX_MEMBERS} baggage items`, () => {
    const carrier = Object.fromEntries(Array.from({ length: 100 }, (_, index) => [`uberctx-k${index}`, 'v']));
    expect(Object.keys(baggageOf(extract(carrier)))).toHaveLength(BAGGAGE_MAX_MEMBERS);
  });

  it('injects uber-trace-id and uberctx- headers, and round-trips', () => {
    const withSpan = trace.setSpanContext(ROOT_CONTEXT, { traceId: TRACE_ID, spanId: SPAN_ID, traceFlags: TraceFlags.SAMPLED });
    const context = propagation.setBaggage(
      withSpan,
      propagation.createBaggage({ user: { value: 'alice smith' }, 'not a token': { value: 'x' }, utf: { value: 'é' } }),
    );
    const carrier = inject(context);
    expect(carrier).toEqual({
      'uber-trace-id': `${TRACE_ID}:${SPAN_ID}:0:01`,
      'uberctx-user': 'alice%20smith',
      'uberctx-utf': '%C3%A9',
    });
    const extracted = extract(carrier);
    expect(trace.getSpanContext(extracted)).toEqual({ traceId: TRACE_ID, spanId: SPAN_ID, isRemote: true, traceFlags: 1 });
    expect(baggageOf(extracted)).toEqual({ user: 'alice smith', utf: 'é' });
  });

  it('injects an unsampled span context with flags 00', () => {
    const context = trace.setSpanContext(ROOT_CONTEXT, { traceId: TRACE_ID, spanId: SPAN_ID, traceFlags: TraceFlags.NONE });
    expect(inject(context)).toEqual({ 'uber-trace-id': `${TRACE_ID}:${SPAN_ID}:0:00` });
  });

  it('injects nothing without a valid span context or baggage, or while tracing is suppressed', () => {
    expect(inject(ROOT_CONTEXT)).toEqual({});
    const context = trace.setSpanContext(suppressTracing(ROOT_CONTEXT), { traceId: TRACE_ID, spanId: SPAN_ID, traceFlags: 1 });
    expect(inject(context)).toEqual({});
  });

  it('lists uber-trace-id as its field', () => {
    expect(propagator.fields()).toEqual(['uber-trace-id']);
  });
});
