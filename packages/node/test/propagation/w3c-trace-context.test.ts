import {
  defaultTextMapGetter,
  defaultTextMapSetter,
  ROOT_CONTEXT,
  trace,
  TraceFlags,
  type Context,
  type SpanContext,
  type TraceState,
} from '@opentelemetry/api';
import { suppressTracing } from '@opentelemetry/core';
import { AlwaysOnSampler, TracerProvider } from '@opentelemetry/sdk-trace';
import { describe, expect, it } from 'vitest';
import { W3CTraceState } from '../../src/propagation/trace-state.js';
import { W3CTraceContextPropagator } from '../../src/propagation/w3c-trace-context.js';

const TRACE_ID = '0af7651916cd43dd8448eb211c80319c';
const SPAN_ID = 'b7ad6b7169203331';
const CHILD_SPAN_ID = '00f067aa0ba902b7';

const propagator = new W3CTraceContextPropagator();

type Carrier = Record<string, string | string[]>;

function extract(carrier: Carrier, context: Context = ROOT_CONTEXT): Context {
  return propagator.extract(context, carrier, defaultTextMapGetter);
}

function inject(context: Context): Record<string, string> {
  const carrier: Record<string, string> = {};
  propagator.inject(context, carrier, defaultTextMapSetter);
  return carrier;
}

function withSpanContext(context: Context, spanContext: SpanContext): Context {
  return trace.setSpanContext(context, spanContext);
}

/** A TraceState that serializes whatever it was given, as a careless implementation might. */
function foreignTraceState(serialized: string): TraceState {
  const traceState: TraceState = {
    set: () => traceState,
    unset: () => traceState,
    get: () => undefined,
    serialize: () => serialized,
  };
  return traceState;
}

describe('W3CTraceContextPropagator.extract', () => {
  it('extracts a remote span context with the sampled bit only', () => {
    const spanContext = trace.getSpanContext(extract({ traceparent: `00-${TRACE_ID}-${SPAN_ID}-03` }));
    expect(spanContext).toEqual({ traceId: TRACE_ID, spanId: SPAN_ID, isRemote: true, traceFlags: TraceFlags.SAMPLED });
  });

  it('extracts tracestate with the traceparent', () => {
    const context = extract({ traceparent: `00-${TRACE_ID}-${SPAN_ID}-01`, tracestate: 'rojo=00f067aa0ba902b7,congo=t61rcWkgMzE' });
    const traceState = trace.getSpanContext(context)?.traceState;
    expect(traceState?.get('rojo')).toBe('00f067aa0ba902b7');
    expect(traceState?.serialize()).toBe('rojo=00f067aa0ba902b7,congo=t61rcWkgMzE');
  });

  it('combines repeated tracestate header fields in order', () => {
    const context = extract({
      traceparent: `00-${TRACE_ID}-${SPAN_ID}-00`,
      tracestate: ['foo=1,bar=2', '', 'rojo=1,congo=2', 'baz=3'],
    });
    expect(trace.getSpanContext(context)?.traceState?.serialize()).toBe('foo=1,bar=2,rojo=1,congo=2,baz=3');
  });

  it('keeps the traceparent when the tracestate is invalid', () => {
    const context = extract({ traceparent: `00-${TRACE_ID}-${SPAN_ID}-01`, tracestate: ['foo=1', 'foo=2'] });
    const spanContext = trace.getSpanContext(context);
    expect(spanContext?.traceId).toBe(TRACE_ID);
    expect(spanContext?.traceState).toBeUndefined();
  });

  it('ignores a tracestate without a traceparent', () => {
    expect(extract({ tracestate: 'foo=1' })).toBe(ROOT_CONTEXT);
  });

  it.each([
    ['missing', {}],
    ['invalid', { traceparent: `00-${'0'.repeat(32)}-${SPAN_ID}-01` }],
    ['duplicated', { traceparent: [`00-${TRACE_ID}-${SPAN_ID}-01`, `00-${TRACE_ID.replace('0', '1')}-${SPAN_ID}-01`] }],
    ['misnamed', { 'trace-parent': `00-${TRACE_ID}-${SPAN_ID}-01` }],
  ])('leaves the context alone when the traceparent is %s', (_, carrier: Carrier) => {
    expect(extract(carrier)).toBe(ROOT_CONTEXT);
  });

  it.each(['TraceParent', 'TRACEPARENT', 'TrAcEpArEnT'])('accepts the header name %s', (name) => {
    const context = extract({ [name]: `00-${TRACE_ID}-${SPAN_ID}-01`, TraceState: 'foo=1' });
    expect(trace.getSpanContext(context)?.traceId).toBe(TRACE_ID);
    expect(trace.getSpanContext(context)?.traceState?.get('foo')).toBe('1');
  });

  it('accepts a traceparent sent as a one-element array', () => {
    expect(trace.getSpanContext(extract({ traceparent: [`00-${TRACE_ID}-${SPAN_ID}-01`] }))?.spanId).toBe(SPAN_ID);
  });
});

describe('W3CTraceContextPropagator.inject', () => {
  it('round-trips a span context and its tracestate', () => {
    const extracted = extract({ traceparent: `00-${TRACE_ID}-${SPAN_ID}-01`, tracestate: 'congo=t61rcWkgMzE' });
    expect(inject(extracted)).toEqual({ traceparent: `00-${TRACE_ID}-${SPAN_ID}-01`, tracestate: 'congo=t61rcWkgMzE' });
  });

  it('writes no tracestate when there is none', () => {
    const context = withSpanContext(ROOT_CONTEXT, { traceId: TRACE_ID, spanId: SPAN_ID, traceFlags: TraceFlags.NONE });
    expect(inject(context)).toEqual({ traceparent: `00-${TRACE_ID}-${SPAN_ID}-02` });
  });

  it('writes nothing for an invalid span context or without one', () => {
    expect(inject(ROOT_CONTEXT)).toEqual({});
    expect(inject(withSpanContext(ROOT_CONTEXT, { traceId: '0'.repeat(32), spanId: SPAN_ID, traceFlags: 1 }))).toEqual({});
  });

  it('writes nothing while tracing is suppressed', () => {
    const context = withSpanContext(suppressTracing(ROOT_CONTEXT), { traceId: TRACE_ID, spanId: SPAN_ID, traceFlags: 1 });
    expect(inject(context)).toEqual({});
  });

  it('drops an invalid TraceState from another implementation', () => {
    const foreign = foreignTraceState('ok=1,Bad=2');
    const context = withSpanContext(ROOT_CONTEXT, { traceId: TRACE_ID, spanId: SPAN_ID, traceFlags: 1, traceState: foreign });
    expect(inject(context).tracestate).toBeUndefined();
  });

  it('truncates a TraceState from another implementation', () => {
    const foreign = foreignTraceState(`ok=1,big=${'x'.repeat(250)},more=${'y'.repeat(250)}`);
    const context = withSpanContext(ROOT_CONTEXT, { traceId: TRACE_ID, spanId: SPAN_ID, traceFlags: 1, traceState: foreign });
    expect(inject(context).tracestate).toBe(`ok=1,big=${'x'.repeat(250)}`);
  });

  it('sends the W3CTraceState as the SDK hands it over after set()', () => {
    const traceState = W3CTraceState.fromHeader('congo=1').set('tracekit', 'abc');
    const context = withSpanContext(ROOT_CONTEXT, { traceId: TRACE_ID, spanId: SPAN_ID, traceFlags: 1, traceState });
    expect(inject(context).tracestate).toBe('tracekit=abc,congo=1');
  });

  it('lists its fields', () => {
    expect(propagator.fields()).toEqual(['traceparent', 'tracestate']);
  });
});

describe('random trace-id flag (Level 2)', () => {
  const childOf = (context: Context, traceFlags: TraceFlags): Context =>
    withSpanContext(context, { traceId: TRACE_ID, spanId: CHILD_SPAN_ID, traceFlags });

  it.each([
    { incoming: '00', sampled: TraceFlags.NONE, outgoing: '00' },
    { incoming: '01', sampled: TraceFlags.SAMPLED, outgoing: '01' },
    { incoming: '02', sampled: TraceFlags.NONE, outgoing: '02' },
    { incoming: '03', sampled: TraceFlags.SAMPLED, outgoing: '03' },
    { incoming: '02', sampled: TraceFlags.SAMPLED, outgoing: '03' },
    { incoming: 'ff', sampled: TraceFlags.NONE, outgoing: '02' },
  ])('passes the caller random bit on: in $incoming, local sampled=$sampled, out $outgoing', ({ incoming, sampled, outgoing }) => {
    const extracted = extract({ traceparent: `00-${TRACE_ID}-${SPAN_ID}-${incoming}` });
    expect(inject(childOf(extracted, sampled)).traceparent).toBe(`00-${TRACE_ID}-${CHILD_SPAN_ID}-${outgoing}`);
  });

  it('sets the random bit for a trace started locally', () => {
    expect(inject(childOf(ROOT_CONTEXT, TraceFlags.SAMPLED)).traceparent).toBe(`00-${TRACE_ID}-${CHILD_SPAN_ID}-03`);
  });

  it('sets the random bit when the local span started a new trace despite the incoming one', () => {
    const extracted = extract({ traceparent: `00-${'1'.repeat(32)}-${SPAN_ID}-00` });
    expect(inject(childOf(extracted, TraceFlags.NONE)).traceparent).toBe(`00-${TRACE_ID}-${CHILD_SPAN_ID}-02`);
  });

  it('does not vouch for a remote trace id it did not extract', () => {
    const remote = withSpanContext(ROOT_CONTEXT, { traceId: TRACE_ID, spanId: SPAN_ID, traceFlags: 1, isRemote: true });
    expect(inject(remote).traceparent).toBe(`00-${TRACE_ID}-${SPAN_ID}-01`);
  });

  it('works with real SDK spans, which keep only the sampled bit', () => {
    const tracer = new TracerProvider({ sampler: new AlwaysOnSampler() }).getTracer('test');

    for (const [incoming, outgoing] of [['01', '01'], ['03', '03']] as const) {
      const extracted = extract({ traceparent: `00-${TRACE_ID}-${SPAN_ID}-${incoming}` });
      const span = tracer.startSpan('child', {}, extracted);
      expect(span.spanContext().traceFlags).toBe(TraceFlags.SAMPLED);
      const traceparent = inject(trace.setSpan(extracted, span)).traceparent;
      expect(traceparent).toBe(`00-${TRACE_ID}-${span.spanContext().spanId}-${outgoing}`);
      span.end();
    }

    const root = tracer.startSpan('root', {}, ROOT_CONTEXT);
    expect(inject(trace.setSpan(ROOT_CONTEXT, root)).traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-03$/);
    root.end();
  });
});
