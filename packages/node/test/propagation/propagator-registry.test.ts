import {
  defaultTextMapGetter,
  defaultTextMapSetter,
  diag,
  DiagLogLevel,
  propagation,
  ROOT_CONTEXT,
  trace,
  TraceFlags,
  type Context,
  type DiagLogger,
  type TextMapPropagator,
} from '@opentelemetry/api';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createPropagator,
  isPropagatorName,
  PROPAGATOR_NAMES,
  unknownPropagatorWarning,
  type PropagatorName,
} from '../../src/propagation/index.js';

const TRACE_ID = '5759e988bd862e3fe1be46a994272793';
const SPAN_ID = '53995c3f42cd8ad8';

const sampledContext: Context = propagation.setBaggage(
  trace.setSpanContext(ROOT_CONTEXT, { traceId: TRACE_ID, spanId: SPAN_ID, traceFlags: TraceFlags.SAMPLED }),
  propagation.createBaggage({ user: { value: 'alice' } }),
);

function inject(propagator: TextMapPropagator, context: Context = sampledContext): Record<string, string> {
  const carrier: Record<string, string> = {};
  propagator.inject(context, carrier, defaultTextMapSetter);
  return carrier;
}

function roundTrip(propagator: TextMapPropagator): Context {
  return propagator.extract(ROOT_CONTEXT, inject(propagator), defaultTextMapGetter);
}

// Each upstream propagator is declared against older api ranges (ottrace is CommonJS built for
// api ^1.0): these rows are the runtime check that they work with the api 1.10 we ship.
describe.each<{ name: PropagatorName; headers: Record<string, string>; carriesBaggage: boolean }>([
  {
    name: 'tracecontext',
    headers: { traceparent: `00-${TRACE_ID}-${SPAN_ID}-03` },
    carriesBaggage: false,
  },
  { name: 'baggage', headers: { baggage: 'user=alice' }, carriesBaggage: true },
  { name: 'b3', headers: { b3: `${TRACE_ID}-${SPAN_ID}-1` }, carriesBaggage: false },
  {
    name: 'b3multi',
    headers: { 'x-b3-traceid': TRACE_ID, 'x-b3-spanid': SPAN_ID, 'x-b3-sampled': '1' },
    carriesBaggage: false,
  },
  {
    name: 'jaeger',
    headers: { 'uber-trace-id': `${TRACE_ID}:${SPAN_ID}:0:01`, 'uberctx-user': 'alice' },
    carriesBaggage: true,
  },
  {
    name: 'xray',
    headers: { 'x-amzn-trace-id': `Root=1-5759e988-bd862e3fe1be46a994272793;Parent=${SPAN_ID};Sampled=1` },
    carriesBaggage: false,
  },
  {
    name: 'ottrace',
    headers: {
      'ot-tracer-traceid': TRACE_ID.slice(16),
      'ot-tracer-spanid': SPAN_ID,
      'ot-tracer-sampled': 'true',
      'ot-baggage-user': 'alice',
    },
    carriesBaggage: true,
  },
])('createPropagator([$name])', ({ name, headers, carriesBaggage }) => {
  const propagator = createPropagator([name]);

  it('injects its headers', () => {
    expect(inject(propagator)).toEqual(headers);
  });

  it('extracts what it injected', () => {
    const extracted = roundTrip(propagator);
    if (name !== 'baggage') {
      const spanContext = trace.getSpanContext(extracted);
      // ottrace sends only the low 64 bits of the trace id.
      expect(spanContext?.traceId).toBe(name === 'ottrace' ? `${'0'.repeat(16)}${TRACE_ID.slice(16)}` : TRACE_ID);
      expect(spanContext?.spanId).toBe(SPAN_ID);
      expect(spanContext?.isRemote).toBe(true);
      expect((spanContext?.traceFlags ?? 0) & TraceFlags.SAMPLED).toBe(TraceFlags.SAMPLED);
    }
    if (carriesBaggage) expect(propagation.getBaggage(extracted)?.getEntry('user')?.value).toBe('alice');
  });

  it('lists its fields', () => {
    expect(propagator.fields().length).toBeGreaterThan(0);
  });
});

describe('createPropagator', () => {
  afterEach(() => diag.disable());

  it('propagates nothing for none alone or an empty list', () => {
    for (const names of [['none'], []] as PropagatorName[][]) {
      const propagator = createPropagator(names);
      expect(inject(propagator)).toEqual({});
      const carrier = { traceparent: `00-${TRACE_ID}-${SPAN_ID}-01` };
      expect(propagator.extract(ROOT_CONTEXT, carrier, defaultTextMapGetter)).toBe(ROOT_CONTEXT);
      expect(propagator.fields()).toEqual([]);
    }
  });

  it('ignores none next to other names', () => {
    expect(Object.keys(inject(createPropagator(['none', 'b3'])))).toEqual(['b3']);
  });

  it('composes in list order, counting a repeated name once', () => {
    const propagator = createPropagator(['tracecontext', 'baggage', 'b3multi', 'tracecontext']);
    expect(inject(propagator)).toEqual({
      traceparent: `00-${TRACE_ID}-${SPAN_ID}-03`,
      baggage: 'user=alice',
      'x-b3-traceid': TRACE_ID,
      'x-b3-spanid': SPAN_ID,
      'x-b3-sampled': '1',
    });
    expect(propagator.fields()).toEqual(expect.arrayContaining(['traceparent', 'tracestate', 'baggage', 'x-b3-traceid']));
  });

  it('lets a later propagator win when two extract a span context', () => {
    const carrier = {
      traceparent: `00-${TRACE_ID}-${SPAN_ID}-01`,
      b3: `${'a'.repeat(32)}-${'b'.repeat(16)}-1`,
    };
    const extracted = createPropagator(['tracecontext', 'b3']).extract(ROOT_CONTEXT, carrier, defaultTextMapGetter);
    expect(trace.getSpanContext(extracted)?.traceId).toBe('a'.repeat(32));
  });

  it('warns about and skips a name it does not know', () => {
    const warnings: unknown[][] = [];
    const logger: DiagLogger = {
      error: () => {},
      warn: (...args: unknown[]) => void warnings.push(args),
      info: () => {},
      debug: () => {},
      verbose: () => {},
    };
    diag.setLogger(logger, DiagLogLevel.WARN);
    const propagator = createPropagator(['zipkin' as PropagatorName, 'b3']);
    expect(Object.keys(inject(propagator))).toEqual(['b3']);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(unknownPropagatorWarning('zipkin'));
    expect(unknownPropagatorWarning('zipkin')).toBe(
      'Ignoring unknown propagator "zipkin"; supported names are: tracecontext, baggage, b3, b3multi, jaeger, xray, ottrace, none.',
    );
  });

  it('knows exactly the OTEL_PROPAGATORS names it builds', () => {
    expect(PROPAGATOR_NAMES).toEqual(['tracecontext', 'baggage', 'b3', 'b3multi', 'jaeger', 'xray', 'ottrace', 'none']);
    expect(isPropagatorName('b3multi')).toBe(true);
    expect(isPropagatorName('B3')).toBe(false);
    expect(isPropagatorName('zipkin')).toBe(false);
  });
});
