/**
 * tracekit's tracer (src/trace/: TracekitTracerProvider, TracekitTracer, RecordingSpan) against
 * the OpenTelemetry SDK's (`@opentelemetry/sdk-trace`), which it replaces for speed and must match
 * in everything observable through the API and `ReadableSpan`. Every test runs the same operations
 * against an SDK `TracerProvider` and a `TracekitTracerProvider` (same resource, sampler, limits and
 * a span processor that records what it is shown) and compares the results field by field: a
 * property test over random operation sequences, and examples for each rule.
 *
 * Ids are random, so they are compared by shape and by which span they belong to. Times read from
 * the clock are compared with a tolerance (the two tracers read it a moment apart, the SDK in whole
 * milliseconds); times given by the caller are compared to the microsecond.
 *
 * Not compared, known and accepted: the attributes the sampler receives (ours passes
 * `options.attributes` as given, the SDK a sanitized copy), the SDK's span metrics, and
 * sub-microsecond precision of HrTimes years away from now.
 *
 * The examples also cover the differences this test first found, each fixed since: sampler
 * attributes sharing a key with a start attribute, what the sampler is shown of the links, a
 * "__proto__" start attribute, and inputs outside the API types (null times,
 * setAttributes(undefined)).
 */
import {
  type Attributes,
  type AttributeValue,
  type Context,
  type Exception,
  type HrTime,
  INVALID_SPAN_CONTEXT,
  type Link,
  ROOT_CONTEXT,
  type Span,
  type SpanContext,
  SpanKind,
  type SpanStatus,
  SpanStatusCode,
  type TimeInput,
  TraceFlags,
  type Tracer,
  context,
  trace,
} from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { TraceState, suppressTracing } from '@opentelemetry/core';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  ParentBasedSampler,
  type ReadableSpan,
  type Sampler,
  SamplingDecision,
  type SamplingResult,
  type SpanLimits,
  type SpanProcessor,
  TracerProvider,
} from '@opentelemetry/sdk-trace';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TracekitTracerProvider } from '../src/trace/tracer-provider.js';

// ---------------------------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------------------------

const RESOURCE = resourceFromAttributes({ 'service.name': 'differential', 'service.version': '1.0.0' });
const SCOPE = { name: 'differential-test', version: '1.2.3', schemaUrl: 'https://opentelemetry.io/schemas/1.30.0' };

const DEFAULT_LIMITS: Required<SpanLimits> = {
  attributeCountLimit: 128,
  attributeValueLengthLimit: Number.POSITIVE_INFINITY,
  eventCountLimit: 128,
  linkCountLimit: 128,
  attributePerEventCountLimit: 128,
  attributePerLinkCountLimit: 128,
};

const REMOTE_SAMPLED_PARENT: SpanContext = {
  traceId: '0af7651916cd43dd8448eb211c80319c',
  spanId: 'b7ad6b7169203331',
  traceFlags: TraceFlags.SAMPLED,
  isRemote: true,
  traceState: new TraceState('parent=1,other=2'),
};
const REMOTE_UNSAMPLED_PARENT: SpanContext = {
  traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
  spanId: '00f067aa0ba902b7',
  traceFlags: TraceFlags.NONE,
  isRemote: true,
};
const LINKED_CONTEXT: SpanContext = { traceId: '5b8efff798038103d269b633813fc60c', spanId: 'eee19b7ec3c1b174', traceFlags: TraceFlags.SAMPLED };
const MALFORMED_CONTEXT: SpanContext = { traceId: 'xyz', spanId: '12', traceFlags: TraceFlags.SAMPLED };
/** Ids the tests chose themselves: kept as they are when spans are compared; all other ids are generated. */
const KNOWN_IDS = new Set(
  [REMOTE_SAMPLED_PARENT, REMOTE_UNSAMPLED_PARENT, LINKED_CONTEXT, MALFORMED_CONTEXT, INVALID_SPAN_CONTEXT].flatMap((spanContext) => [
    spanContext.traceId,
    spanContext.spanId,
  ]),
);

/** Times given by the caller must come out the same to the microsecond; clock readings within a few milliseconds. */
const GIVEN_TIME_TOLERANCE_NANOS = 1_000n;
const CLOCK_TOLERANCE_NANOS = 10_000_000n;

interface SpanTiming {
  readonly start: bigint;
  readonly end: bigint;
  readonly duration: bigint;
  readonly event: (index: number) => bigint;
}
const CLOCK_TIMING: SpanTiming = { start: CLOCK_TOLERANCE_NANOS, end: CLOCK_TOLERANCE_NANOS, duration: CLOCK_TOLERANCE_NANOS, event: () => CLOCK_TOLERANCE_NANOS };
const GIVEN_TIMING: SpanTiming = { start: GIVEN_TIME_TOLERANCE_NANOS, end: GIVEN_TIME_TOLERANCE_NANOS, duration: GIVEN_TIME_TOLERANCE_NANOS, event: () => GIVEN_TIME_TOLERANCE_NANOS };

beforeAll(() => {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
});

afterAll(() => {
  context.disable();
});

// ---------------------------------------------------------------------------------------------
// The two tracers, side by side
// ---------------------------------------------------------------------------------------------

type Implementation = 'sdk' | 'tracekit';

interface SpanStateSeenByProcessor {
  readonly name: string;
  readonly ended: boolean;
  readonly recording: boolean;
  readonly hasEndTime: boolean;
  readonly hasDuration: boolean;
  readonly attributes: Attributes;
  readonly droppedAttributesCount: number;
  readonly eventNames: string[];
  readonly linkCount: number;
  readonly status: SpanStatus;
}

interface ProcessorCall {
  readonly processor: string;
  readonly hook: 'onStart' | 'onEnding' | 'onEnd';
  readonly span: ReadableSpan;
  readonly seen: SpanStateSeenByProcessor;
  readonly parentInContext?: SpanContext | undefined;
}

function stateSeenByProcessor(span: ReadableSpan): SpanStateSeenByProcessor {
  return {
    name: span.name,
    ended: span.ended,
    recording: (span as unknown as Span).isRecording(),
    hasEndTime: span.endTime[0] !== 0 || span.endTime[1] !== 0,
    hasDuration: span.duration[0] !== -1,
    attributes: { ...span.attributes },
    droppedAttributesCount: span.droppedAttributesCount,
    eventNames: span.events.map((event) => event.name),
    linkCount: span.links.length,
    status: { ...span.status },
  };
}

/** Writes down every hook call with the span state it was shown; an optional action runs in each hook. */
class RecordingSpanProcessor implements SpanProcessor {
  readonly ended: ReadableSpan[] = [];

  constructor(
    private readonly label: string,
    readonly calls: ProcessorCall[],
    private readonly actInHook?: (hook: ProcessorCall['hook'], span: ReadableSpan) => void,
  ) {}

  onStart(span: ReadableSpan, parentContext: Context): void {
    this.calls.push({ processor: this.label, hook: 'onStart', span, seen: stateSeenByProcessor(span), parentInContext: trace.getSpanContext(parentContext) });
    this.actInHook?.('onStart', span);
  }

  onEnding(span: ReadableSpan): void {
    this.calls.push({ processor: this.label, hook: 'onEnding', span, seen: stateSeenByProcessor(span) });
    this.actInHook?.('onEnding', span);
  }

  onEnd(span: ReadableSpan): void {
    this.calls.push({ processor: this.label, hook: 'onEnd', span, seen: stateSeenByProcessor(span) });
    this.ended.push(span);
    this.actInHook?.('onEnd', span);
  }

  async forceFlush(): Promise<void> {}
  async shutdown(): Promise<void> {}
}

interface SamplerScript {
  readonly decision: SamplingDecision;
  readonly traceState?: string | undefined;
  readonly attributes?: Attributes | undefined;
}

interface SamplerCall {
  readonly parentInContext: SpanContext | undefined;
  readonly traceId: string;
  readonly name: string;
  readonly kind: SpanKind;
  readonly attributes: Attributes;
  readonly links: Link[];
}

/** A deterministic sampler: always the scripted result, and a note of each call. */
class ScriptedSampler implements Sampler {
  readonly calls: SamplerCall[] = [];

  constructor(private readonly script: SamplerScript) {}

  shouldSample(parentContext: Context, traceId: string, name: string, kind: SpanKind, attributes: Attributes, links: Link[]): SamplingResult {
    // Copies: the SDK's span goes on to use the very array of links it showed the sampler.
    this.calls.push({ parentInContext: trace.getSpanContext(parentContext), traceId, name, kind, attributes: { ...attributes }, links: [...links] });
    return {
      decision: this.script.decision,
      traceState: this.script.traceState === undefined ? undefined : new TraceState(this.script.traceState),
      attributes: this.script.attributes,
    };
  }

  toString(): string {
    return 'ScriptedSampler';
  }
}

interface Setup {
  readonly limits?: Partial<SpanLimits>;
  /** Called once per side, so that each tracer has its own sampler. */
  readonly sampler?: () => Sampler;
  /** More processors after the recording one, all writing to the same call log. */
  readonly moreProcessors?: (calls: ProcessorCall[]) => SpanProcessor[];
}

interface Side {
  readonly implementation: Implementation;
  readonly tracerProvider: TracerProvider | TracekitTracerProvider;
  readonly processor: RecordingSpanProcessor;
  readonly processorCalls: ProcessorCall[];
  readonly sampler: Sampler;
}

function createSide(implementation: Implementation, setup: Setup): Side {
  const spanLimits: Required<SpanLimits> = { ...DEFAULT_LIMITS, ...setup.limits };
  const sampler = setup.sampler?.() ?? new AlwaysOnSampler();
  const processorCalls: ProcessorCall[] = [];
  const processor = new RecordingSpanProcessor('recorder', processorCalls);
  const spanProcessors = [processor, ...(setup.moreProcessors?.(processorCalls) ?? [])];
  const tracerProvider =
    implementation === 'sdk'
      ? new TracerProvider({ resource: RESOURCE, sampler, spanLimits, spanProcessors })
      : new TracekitTracerProvider({ resource: RESOURCE, sampler, spanLimits, spanProcessors });
  return { implementation, tracerProvider, processor, processorCalls, sampler };
}

function defaultTracer(side: Side): Tracer {
  return side.tracerProvider.getTracer(SCOPE.name, SCOPE.version, { schemaUrl: SCOPE.schemaUrl });
}

/** What one run of a scenario left: the spans it started (in order) and the notes it took. */
interface Outcome {
  readonly side: Side;
  readonly spans: Span[];
  readonly notes: Record<string, unknown>;
}

interface ScenarioTools {
  readonly tracer: Tracer;
  readonly side: Side;
  /** Keeps a started span for comparison, and returns it. */
  keep<S extends Span>(span: S): S;
  /** Keeps an observation for comparison. */
  note(label: string, value: unknown): void;
}

/** Runs the scenario against the SDK's tracer, then against ours. */
function runOnBoth(setup: Setup, scenario: (tools: ScenarioTools) => void): [Outcome, Outcome] {
  const run = (implementation: Implementation): Outcome => {
    const side = createSide(implementation, setup);
    const outcome: Outcome = { side, spans: [], notes: {} };
    scenario({
      tracer: defaultTracer(side),
      side,
      keep: (span) => {
        outcome.spans.push(span);
        return span;
      },
      note: (label, value) => {
        outcome.notes[label] = value;
      },
    });
    return outcome;
  };
  return [run('sdk'), run('tracekit')];
}

// ---------------------------------------------------------------------------------------------
// Comparing
// ---------------------------------------------------------------------------------------------

/** Gives generated ids names in order of first appearance, so two runs compare by structure. */
class IdNames {
  private readonly names = new Map<string, string>();

  of(id: string, kind: 'trace' | 'span'): string {
    if (KNOWN_IDS.has(id)) return id;
    expect(id, `a generated ${kind} id`).toMatch(kind === 'trace' ? /^[0-9a-f]{32}$/ : /^[0-9a-f]{16}$/);
    expect(id, `a generated ${kind} id is not all zeros`).toMatch(/[1-9a-f]/);
    let name = this.names.get(id);
    if (name === undefined) {
      name = `<generated ${kind} #${this.names.size + 1}>`;
      this.names.set(id, name);
    }
    return name;
  }
}

function describeSpanContext(spanContext: SpanContext | undefined, ids: IdNames): unknown {
  if (spanContext === undefined) return undefined;
  return {
    traceId: ids.of(spanContext.traceId, 'trace'),
    spanId: ids.of(spanContext.spanId, 'span'),
    traceFlags: spanContext.traceFlags,
    traceState: spanContext.traceState?.serialize(),
    isRemote: spanContext.isRemote,
    keys: Object.keys(spanContext).sort(),
  };
}

function isReadableSpan(span: Span | ReadableSpan): span is Span & ReadableSpan {
  return 'instrumentationScope' in span;
}

/** Everything observable about a span but its times, with ids replaced by their names. */
function describeSpan(span: Span | ReadableSpan, ids: IdNames): unknown {
  const apiSpan = span as Span;
  const common = { spanContext: describeSpanContext(apiSpan.spanContext(), ids), recording: apiSpan.isRecording() };
  if (!isReadableSpan(span)) return { ...common, readable: false };
  return {
    ...common,
    readable: true,
    name: span.name,
    kind: span.kind,
    parentSpanContext: describeSpanContext(span.parentSpanContext, ids),
    attributes: span.attributes,
    droppedAttributesCount: span.droppedAttributesCount,
    events: span.events.map((event) => ({ name: event.name, attributes: event.attributes, droppedAttributesCount: event.droppedAttributesCount })),
    droppedEventsCount: span.droppedEventsCount,
    links: span.links.map((link) => ({ context: describeSpanContext(link.context, ids), attributes: link.attributes, droppedAttributesCount: link.droppedAttributesCount })),
    droppedLinksCount: span.droppedLinksCount,
    status: span.status,
    ended: span.ended,
    instrumentationScope: span.instrumentationScope,
    resourceAttributes: span.resource.attributes,
    resourceIsTheProvidersResource: span.resource === RESOURCE,
  };
}

function hrTimeToNanos(time: HrTime): bigint {
  return BigInt(time[0]) * 1_000_000_000n + BigInt(time[1]);
}

function expectTimeClose(ours: HrTime, sdk: HrTime, toleranceNanos: bigint, what: string): void {
  expect(ours.length === 2 && ours.every(Number.isInteger), `${what}: ours, ${JSON.stringify(ours)}, is an HrTime of integers`).toBe(true);
  const difference = hrTimeToNanos(ours) - hrTimeToNanos(sdk);
  const distance = difference < 0n ? -difference : difference;
  expect(
    distance <= toleranceNanos,
    `${what}: ours ${JSON.stringify(ours)}, the SDK's ${JSON.stringify(sdk)}: ${distance} ns apart, more than ${toleranceNanos} ns`,
  ).toBe(true);
}

function expectSameTimes(sdk: ReadableSpan, ours: ReadableSpan, timing: SpanTiming, label: string): void {
  expectTimeClose(ours.startTime, sdk.startTime, timing.start, `${label} startTime`);
  if (sdk.ended) {
    expectTimeClose(ours.endTime, sdk.endTime, timing.end, `${label} endTime`);
    expectTimeClose(ours.duration, sdk.duration, timing.duration, `${label} duration`);
  } else {
    expect(ours.endTime, `${label} endTime before end`).toEqual(sdk.endTime);
    expect(ours.duration, `${label} duration before end`).toEqual(sdk.duration);
  }
  sdk.events.forEach((event, index) => {
    const ourEvent = ours.events[index];
    if (ourEvent !== undefined) expectTimeClose(ourEvent.time, event.time, timing.event(index), `${label} event ${index} (${event.name}) time`);
  });
}

function describeProcessorCalls(calls: readonly ProcessorCall[], ids: IdNames): unknown[] {
  return calls.map((call) => ({
    processor: call.processor,
    hook: call.hook,
    spanId: ids.of(call.span.spanContext().spanId, 'span'),
    seen: call.seen,
    parentInContext: describeSpanContext(call.parentInContext, ids),
  }));
}

function describeSamplerCalls(sampler: Sampler, ids: IdNames): unknown[] | undefined {
  if (!(sampler instanceof ScriptedSampler)) return undefined;
  // The attributes are left out: ours passes them as given, the SDK a sanitized copy (accepted).
  return sampler.calls.map((call) => ({
    parentInContext: describeSpanContext(call.parentInContext, ids),
    traceId: ids.of(call.traceId, 'trace'),
    name: call.name,
    kind: call.kind,
    linkContexts: call.links.map((link) => describeSpanContext(link.context, ids)),
  }));
}

/**
 * The two runs of a scenario took the same notes, left the same spans (fields, then times), called
 * the processors the same way with the same span states, and asked the samplers the same.
 */
function expectSameOutcome([sdk, ours]: [Outcome, Outcome], timingOf: (sdkSpan: ReadableSpan) => SpanTiming = () => CLOCK_TIMING): void {
  expect(ours.notes, 'notes').toStrictEqual(sdk.notes);
  const sdkIds = new IdNames();
  const ourIds = new IdNames();
  expect(ours.spans.length, 'number of started spans').toBe(sdk.spans.length);
  sdk.spans.forEach((sdkSpan, index) => {
    const ourSpan = ours.spans[index]!;
    const label = `span ${index} (${isReadableSpan(sdkSpan) ? sdkSpan.name : 'non-recording'})`;
    expect(describeSpan(ourSpan, ourIds), label).toStrictEqual(describeSpan(sdkSpan, sdkIds));
    if (isReadableSpan(sdkSpan) && isReadableSpan(ourSpan)) expectSameTimes(sdkSpan, ourSpan, timingOf(sdkSpan), label);
  });
  expect(describeProcessorCalls(ours.side.processorCalls, ourIds), 'span processor calls').toStrictEqual(
    describeProcessorCalls(sdk.side.processorCalls, sdkIds),
  );
  expect(describeSamplerCalls(ours.side.sampler, ourIds), 'sampler calls').toStrictEqual(describeSamplerCalls(sdk.side.sampler, sdkIds));
}

// ---------------------------------------------------------------------------------------------
// Times, as the caller gives them
// ---------------------------------------------------------------------------------------------

/** How a time is given: not at all (the clock), a performance.now() reading, epoch ms, a Date, an HrTime. */
type TimeSpec =
  | { readonly kind: 'clock' }
  | { readonly kind: 'performanceNow'; readonly agoMillis: number }
  | { readonly kind: 'epochMillis'; readonly millis: number }
  | { readonly kind: 'date'; readonly millis: number }
  | { readonly kind: 'hrTime'; readonly time: HrTime };
type TimeKind = TimeSpec['kind'];

function isGivenExactly(kind: TimeKind): boolean {
  return kind === 'epochMillis' || kind === 'date' || kind === 'hrTime';
}

/** The time input to pass to both tracers: a performance.now() reading is taken once, for both. */
function resolveTime(spec: TimeSpec): TimeInput | undefined {
  switch (spec.kind) {
    case 'clock':
      return undefined;
    case 'performanceNow':
      return Math.max(0, performance.now() - spec.agoMillis);
    case 'epochMillis':
      return spec.millis;
    case 'date':
      return new Date(spec.millis);
    case 'hrTime':
      return [spec.time[0], spec.time[1]];
  }
}

/**
 * Tolerances for a span whose start, end and surviving events were given as these kinds. An end
 * before the start becomes the start (duration 0), in both tracers.
 */
function timingFromKinds(sdkSpan: ReadableSpan, start: TimeKind, end: TimeKind, survivingEvents: readonly TimeKind[]): SpanTiming {
  const tolerance = (exact: boolean) => (exact ? GIVEN_TIME_TOLERANCE_NANOS : CLOCK_TOLERANCE_NANOS);
  const clamped = sdkSpan.ended && sdkSpan.duration[0] === 0 && sdkSpan.duration[1] === 0;
  const startExact = isGivenExactly(start);
  const endExact = isGivenExactly(end);
  return {
    start: tolerance(startExact),
    end: tolerance(clamped ? startExact : endExact),
    duration: tolerance(clamped ? startExact || endExact : startExact && endExact),
    event: (index) => tolerance(isGivenExactly(survivingEvents[index] ?? 'clock')),
  };
}

const NOW_AT_LOAD = Date.now();

const timeSpecArbitrary: fc.Arbitrary<TimeSpec> = fc.oneof(
  fc.constant<TimeSpec>({ kind: 'clock' }),
  fc.double({ min: 0, max: 1000, noNaN: true }).map<TimeSpec>((agoMillis) => ({ kind: 'performanceNow', agoMillis })),
  fc
    .oneof(
      // Around an hour ago (always before a clock start), far in the past or future, and 1970.
      fc.double({ min: NOW_AT_LOAD - 5_400_000, max: NOW_AT_LOAD - 1_800_000, noNaN: true }),
      fc.double({ min: 1e10, max: 4.2e12, noNaN: true }),
    )
    .map<TimeSpec>((millis) => ({ kind: 'epochMillis', millis })),
  fc.integer({ min: 1e10, max: 4.2e12 }).map<TimeSpec>((millis) => ({ kind: 'date', millis })),
  fc
    .tuple(
      fc.oneof(fc.integer({ min: Math.floor(NOW_AT_LOAD / 1000) - 5400, max: Math.floor(NOW_AT_LOAD / 1000) - 1800 }), fc.integer({ min: 1e7, max: 4.2e9 })),
      fc.integer({ min: 0, max: 999_999_999 }),
    )
    .map<TimeSpec>((time) => ({ kind: 'hrTime', time })),
);

// ---------------------------------------------------------------------------------------------
// Random attributes, links and operations
// ---------------------------------------------------------------------------------------------

const circular: Record<string, unknown> = { name: 'circular' };
circular['self'] = circular;

/** Values no attribute may hold (objects with functions, symbols, bigints, class instances, cycles). */
const invalidValueArbitrary: fc.Arbitrary<unknown> = fc.constantFrom<unknown>(
  { handler: () => 1 },
  () => 'a function',
  Symbol('symbol'),
  10n,
  new Date(0),
  new Map([['a', 1]]),
  [1, () => 1],
  { nested: { handler: () => 1 } },
  circular,
);

const shortString = fc.string({ maxLength: 14 });
/** Valid for span and link attributes (AnyValue), and partly for events (simple values only). */
const validValueArbitrary: fc.Arbitrary<unknown> = fc.oneof(
  shortString,
  fc.string({ unit: 'grapheme', maxLength: 8 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.array(shortString, { maxLength: 4 }),
  fc.array(fc.integer(), { maxLength: 4 }),
  fc.array(fc.boolean(), { maxLength: 3 }),
  fc.array(fc.oneof(shortString, fc.constant(null), fc.constant(undefined)), { maxLength: 4 }),
  fc.array(fc.oneof(shortString, fc.integer()), { maxLength: 3 }),
  fc.array(fc.array(shortString, { maxLength: 2 }), { maxLength: 2 }),
  fc.dictionary(fc.constantFrom('x', 'y'), fc.oneof(shortString, fc.integer(), fc.array(shortString, { maxLength: 2 })), { maxKeys: 2 }),
  fc.uint8Array({ maxLength: 12 }),
  fc.constant(null),
);
const attributeValueArbitrary: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: validValueArbitrary },
  { weight: 2, arbitrary: invalidValueArbitrary },
  { weight: 1, arbitrary: fc.constant(undefined) },
);
/** Few keys, so that keys repeat and overwrite; the empty key is invalid. */
const attributeKeyArbitrary = fc.constantFrom('a', 'b', 'c', 'd', 'http.route', '');
const attributesArbitrary = fc.dictionary(attributeKeyArbitrary, attributeValueArbitrary, { maxKeys: 6 }) as fc.Arbitrary<Attributes>;
/** A sampler's attributes: keys of their own and keys it shares with the start attributes. */
const samplerAttributesArbitrary = fc.dictionary(fc.constantFrom('sampler.a', 'sampler.b', 'a', 'b'), attributeValueArbitrary, { maxKeys: 3 }) as fc.Arbitrary<Attributes>;

const linkArbitrary: fc.Arbitrary<Link> = fc.record(
  {
    context: fc.constantFrom(REMOTE_SAMPLED_PARENT, LINKED_CONTEXT, INVALID_SPAN_CONTEXT),
    attributes: attributesArbitrary,
  },
  { requiredKeys: ['context'] },
);

const exceptionArbitrary = fc.constantFrom<Exception>(
  'a message',
  '',
  new Error('boom'),
  Object.assign(new Error('coded'), { code: 'E_CODED' }),
  { name: 'CustomError' },
  { code: 7, message: 'numeric code' },
  {} as Exception,
);

const statusArbitrary: fc.Arbitrary<SpanStatus> = fc.record(
  {
    code: fc.constantFrom(SpanStatusCode.UNSET, SpanStatusCode.OK, SpanStatusCode.ERROR),
    message: fc.oneof(shortString, fc.constant(undefined), fc.constant(null), fc.integer()) as fc.Arbitrary<string>,
  },
  { requiredKeys: ['code'] },
);

/** The argument forms of `addEvent`. */
type EventCall =
  | { readonly form: 'name only' }
  | { readonly form: 'attributes'; readonly attributes: Attributes }
  | { readonly form: 'time'; readonly time: TimeSpec }
  | { readonly form: 'attributes and time'; readonly attributes: Attributes; readonly time: TimeSpec }
  | { readonly form: 'two times'; readonly first: TimeSpec; readonly second: TimeSpec };

type Operation =
  | { readonly op: 'setAttribute'; readonly key: string; readonly value: unknown }
  | { readonly op: 'setAttributes'; readonly attributes: Attributes }
  | { readonly op: 'addEvent'; readonly name: string; readonly call: EventCall }
  | { readonly op: 'recordException'; readonly exception: Exception; readonly time: TimeSpec }
  | { readonly op: 'addLink'; readonly link: Link }
  | { readonly op: 'addLinks'; readonly links: Link[] }
  | { readonly op: 'setStatus'; readonly status: SpanStatus }
  | { readonly op: 'updateName'; readonly name: string }
  | { readonly op: 'end'; readonly time: TimeSpec };

const eventCallArbitrary: fc.Arbitrary<EventCall> = fc.oneof(
  fc.constant<EventCall>({ form: 'name only' }),
  attributesArbitrary.map<EventCall>((attributes) => ({ form: 'attributes', attributes })),
  timeSpecArbitrary.map<EventCall>((time) => ({ form: 'time', time })),
  fc.record({ attributes: attributesArbitrary, time: timeSpecArbitrary }).map<EventCall>((call) => ({ form: 'attributes and time', ...call })),
  fc.record({ first: timeSpecArbitrary, second: timeSpecArbitrary }).map<EventCall>((call) => ({ form: 'two times', ...call })),
);

const operationArbitrary: fc.Arbitrary<Operation> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('setAttribute' as const), key: attributeKeyArbitrary, value: attributeValueArbitrary }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('setAttributes' as const), attributes: attributesArbitrary }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('addEvent' as const), name: fc.constantFrom('event', 'other', ''), call: eventCallArbitrary }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('recordException' as const), exception: exceptionArbitrary, time: timeSpecArbitrary }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('addLink' as const), link: linkArbitrary }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('addLinks' as const), links: fc.array(linkArbitrary, { maxLength: 3 }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('setStatus' as const), status: statusArbitrary }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('updateName' as const), name: shortString }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('end' as const), time: timeSpecArbitrary }) },
);

type ParentChoice = 'none' | 'remote sampled' | 'remote unsampled' | 'invalid' | 'local';

interface SpanPlan {
  readonly limits: Required<SpanLimits>;
  readonly sampling: SamplerScript;
  readonly scope: readonly [string, string | undefined, string | undefined];
  readonly parent: ParentChoice;
  readonly root: boolean;
  readonly suppressed: boolean;
  readonly name: string;
  readonly kind: SpanKind;
  readonly attributes: Attributes | undefined;
  readonly links: Link[] | undefined;
  readonly startTime: TimeSpec;
  readonly operations: Operation[];
}

const spanPlanArbitrary: fc.Arbitrary<SpanPlan> = fc.record({
  limits: fc.record({
    attributeCountLimit: fc.integer({ min: 0, max: 5 }),
    attributeValueLengthLimit: fc.oneof(fc.integer({ min: 1, max: 10 }), fc.constant(Number.POSITIVE_INFINITY)),
    eventCountLimit: fc.integer({ min: 0, max: 3 }),
    linkCountLimit: fc.integer({ min: 0, max: 3 }),
    attributePerEventCountLimit: fc.integer({ min: 0, max: 3 }),
    attributePerLinkCountLimit: fc.integer({ min: 0, max: 3 }),
  }),
  sampling: fc.record({
    decision: fc.constantFrom(SamplingDecision.RECORD_AND_SAMPLED, SamplingDecision.RECORD_AND_SAMPLED, SamplingDecision.RECORD, SamplingDecision.NOT_RECORD),
    traceState: fc.option(fc.constantFrom('sampler=1', 'sampler=2,parent=9'), { nil: undefined }),
    attributes: fc.option(samplerAttributesArbitrary, { nil: undefined }),
  }),
  scope: fc.constantFrom<SpanPlan['scope']>(['http', undefined, undefined], ['http', '1.2.3', undefined], ['db', '0.1.0', 'https://opentelemetry.io/schemas/1.30.0']),
  parent: fc.constantFrom<ParentChoice>('none', 'remote sampled', 'remote unsampled', 'invalid', 'local'),
  root: fc.boolean(),
  suppressed: fc.oneof({ weight: 9, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  name: fc.constantFrom('GET /users/:id', 'span', ''),
  kind: fc.constantFrom(SpanKind.INTERNAL, SpanKind.SERVER, SpanKind.CLIENT, SpanKind.PRODUCER, SpanKind.CONSUMER),
  attributes: fc.option(attributesArbitrary, { nil: undefined }),
  links: fc.option(fc.array(linkArbitrary, { maxLength: 4 }), { nil: undefined }),
  startTime: timeSpecArbitrary,
  operations: fc.array(operationArbitrary, { maxLength: 14 }),
});

// ---------------------------------------------------------------------------------------------
// Running a plan on both tracers in lockstep
// ---------------------------------------------------------------------------------------------

/** An operation with its times resolved, ready to apply to both spans. */
interface PreparedOperation {
  apply(span: Span): void;
  /** The kind of time an event it adds gets. */
  readonly eventTimeKind?: TimeKind;
  readonly endTimeKind?: TimeKind;
}

function prepareAddEvent(name: string, call: EventCall): PreparedOperation {
  switch (call.form) {
    case 'name only':
      return { apply: (span) => span.addEvent(name), eventTimeKind: 'clock' };
    case 'attributes':
      return { apply: (span) => span.addEvent(name, call.attributes), eventTimeKind: 'clock' };
    case 'time': {
      const time = resolveTime(call.time);
      return { apply: (span) => span.addEvent(name, time), eventTimeKind: call.time.kind };
    }
    case 'attributes and time': {
      const time = resolveTime(call.time);
      return { apply: (span) => span.addEvent(name, call.attributes, time), eventTimeKind: call.time.kind };
    }
    case 'two times': {
      // A time in second place wins; without one, the time in first place is the event's.
      const first = resolveTime(call.first);
      const second = resolveTime(call.second);
      return { apply: (span) => span.addEvent(name, first, second), eventTimeKind: call.second.kind !== 'clock' ? call.second.kind : call.first.kind };
    }
  }
}

function prepareOperation(operation: Operation): PreparedOperation {
  switch (operation.op) {
    case 'setAttribute':
      return { apply: (span) => span.setAttribute(operation.key, operation.value as AttributeValue) };
    case 'setAttributes':
      return { apply: (span) => span.setAttributes(operation.attributes) };
    case 'addEvent':
      return prepareAddEvent(operation.name, operation.call);
    case 'recordException': {
      const time = resolveTime(operation.time);
      return { apply: (span) => span.recordException(operation.exception, time), eventTimeKind: operation.time.kind };
    }
    case 'addLink':
      return { apply: (span) => span.addLink(operation.link) };
    case 'addLinks':
      return { apply: (span) => span.addLinks(operation.links) };
    case 'setStatus':
      return { apply: (span) => span.setStatus(operation.status) };
    case 'updateName':
      return { apply: (span) => span.updateName(operation.name) };
    case 'end': {
      const time = resolveTime(operation.time);
      return { apply: (span) => span.end(time), endTimeKind: operation.time.kind };
    }
  }
}

/** How many events a span was given so far: those it keeps and those it dropped. */
function eventsReceived(span: Span): number {
  return isReadableSpan(span) ? span.events.length + span.droppedEventsCount : 0;
}

function parentContextFor(plan: SpanPlan, localParent: Span | undefined): Context {
  const parent: Record<ParentChoice, Context> = {
    none: ROOT_CONTEXT,
    'remote sampled': trace.setSpanContext(ROOT_CONTEXT, REMOTE_SAMPLED_PARENT),
    'remote unsampled': trace.setSpanContext(ROOT_CONTEXT, REMOTE_UNSAMPLED_PARENT),
    invalid: trace.setSpanContext(ROOT_CONTEXT, INVALID_SPAN_CONTEXT),
    local: localParent === undefined ? ROOT_CONTEXT : trace.setSpan(ROOT_CONTEXT, localParent),
  };
  return plan.suppressed ? suppressTracing(parent[plan.parent]) : parent[plan.parent];
}

/**
 * Starts the planned span on both tracers and applies each operation to the SDK's span and then
 * to ours, times resolved once for both, so both read the clock at nearly the same moments. Ends
 * both spans (again) at the end, and the local parent, if any, after them.
 */
function runPlanInLockstep(plan: SpanPlan): { outcomes: [Outcome, Outcome]; timingOf: (sdkSpan: ReadableSpan) => SpanTiming } {
  const sides = (['sdk', 'tracekit'] as const).map((implementation) => createSide(implementation, { limits: plan.limits, sampler: () => new ScriptedSampler(plan.sampling) }));
  const outcomes = sides.map((side): Outcome => ({ side, spans: [], notes: {} })) as [Outcome, Outcome];
  const tracers = sides.map((side) => side.tracerProvider.getTracer(plan.scope[0], plan.scope[1], plan.scope[2] === undefined ? undefined : { schemaUrl: plan.scope[2] }));
  const localParents = tracers.map((tracer) => (plan.parent === 'local' ? tracer.startSpan('local parent', { kind: SpanKind.SERVER }, ROOT_CONTEXT) : undefined));

  const startTime = resolveTime(plan.startTime);
  const spans = tracers.map((tracer, index) =>
    tracer.startSpan(plan.name, { kind: plan.kind, attributes: plan.attributes, links: plan.links, startTime, root: plan.root }, parentContextFor(plan, localParents[index])),
  );
  const sdkSpan = spans[0]!;
  const eventTimeKinds: TimeKind[] = [];
  let endTimeKind: TimeKind = 'clock';
  for (const operation of plan.operations) {
    const prepared = prepareOperation(operation);
    const wasRecording = sdkSpan.isRecording();
    const eventsBefore = eventsReceived(sdkSpan);
    for (const span of spans) prepared.apply(span);
    if (eventsReceived(sdkSpan) > eventsBefore && prepared.eventTimeKind !== undefined) eventTimeKinds.push(prepared.eventTimeKind);
    if (wasRecording && prepared.endTimeKind !== undefined) endTimeKind = prepared.endTimeKind;
  }
  for (const span of spans) span.end();
  for (const parent of localParents) parent?.end();

  outcomes.forEach((outcome, index) => {
    const parent = localParents[index];
    if (parent !== undefined) outcome.spans.push(parent);
    outcome.spans.push(spans[index]!);
  });
  const timingOf = (span: ReadableSpan): SpanTiming => {
    if (span !== (sdkSpan as unknown)) return CLOCK_TIMING;
    // The events kept are the last ones received.
    const surviving = eventTimeKinds.slice(eventTimeKinds.length - span.events.length);
    return timingFromKinds(span, plan.startTime.kind, endTimeKind, surviving);
  };
  return { outcomes, timingOf };
}

// ---------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------

describe('TracekitTracer against the SDK tracer', () => {
  it('matches the SDK on random spans and operation sequences', () => {
    fc.assert(
      fc.property(spanPlanArbitrary, (plan) => {
        const { outcomes, timingOf } = runPlanInLockstep(plan);
        expectSameOutcome(outcomes, timingOf);
      }),
      { numRuns: 500 },
    );
  });

  describe('sampling', () => {
    it.each([
      ['not recorded', SamplingDecision.NOT_RECORD],
      ['recorded, not sampled', SamplingDecision.RECORD],
      ['recorded and sampled', SamplingDecision.RECORD_AND_SAMPLED],
    ])('follows a sampler decision of %s, with trace flags and trace state as the SDK', (_, decision) => {
      for (const traceState of [undefined, 'sampler=1']) {
        const outcomes = runOnBoth({ sampler: () => new ScriptedSampler({ decision, traceState }) }, ({ tracer, keep, note }) => {
          const root = keep(tracer.startSpan('root', {}, ROOT_CONTEXT));
          const child = keep(tracer.startSpan('child of remote', {}, trace.setSpanContext(ROOT_CONTEXT, REMOTE_SAMPLED_PARENT)));
          const grandchild = keep(tracer.startSpan('child of local', {}, trace.setSpan(ROOT_CONTEXT, child)));
          note('recording', [root, child, grandchild].map((span) => span.isRecording()));
          for (const span of [grandchild, child, root]) span.end();
        });
        expectSameOutcome(outcomes);
      }
    });

    it('follows a parent-based sampler on sampled, unsampled and missing parents', () => {
      for (const root of [new AlwaysOnSampler(), new AlwaysOffSampler()]) {
        const outcomes = runOnBoth({ sampler: () => new ParentBasedSampler({ root }) }, ({ tracer, keep }) => {
          for (const parent of [undefined, REMOTE_SAMPLED_PARENT, REMOTE_UNSAMPLED_PARENT, INVALID_SPAN_CONTEXT]) {
            const parentContext = parent === undefined ? ROOT_CONTEXT : trace.setSpanContext(ROOT_CONTEXT, parent);
            keep(tracer.startSpan(`parent ${parent?.spanId ?? 'none'}`, {}, parentContext)).end();
          }
        });
        expectSameOutcome(outcomes);
      }
    });
  });

  describe('parents', () => {
    it('takes the parent span context only when it is valid, and none with root', () => {
      const outcomes = runOnBoth({}, ({ tracer, keep }) => {
        const remote = trace.setSpanContext(ROOT_CONTEXT, REMOTE_SAMPLED_PARENT);
        keep(tracer.startSpan('remote parent', {}, remote)).end();
        keep(tracer.startSpan('remote parent, root', { root: true }, remote)).end();
        keep(tracer.startSpan('invalid parent', {}, trace.setSpanContext(ROOT_CONTEXT, INVALID_SPAN_CONTEXT))).end();
        keep(tracer.startSpan('malformed parent', {}, trace.setSpanContext(ROOT_CONTEXT, MALFORMED_CONTEXT))).end();
        const local = keep(tracer.startSpan('local parent'));
        keep(tracer.startSpan('local child', {}, trace.setSpan(ROOT_CONTEXT, local))).end();
        keep(tracer.startSpan('local child, root', { root: true }, trace.setSpan(ROOT_CONTEXT, local))).end();
        context.with(trace.setSpan(ROOT_CONTEXT, local), () => keep(tracer.startSpan('child of the active span')).end());
        local.end();
      });
      expectSameOutcome(outcomes);
    });

    it('returns a non-recording span with the invalid span context when tracing is suppressed', () => {
      const outcomes = runOnBoth({}, ({ tracer, keep, note }) => {
        const suppressed = suppressTracing(trace.setSpanContext(ROOT_CONTEXT, REMOTE_SAMPLED_PARENT));
        const span = keep(tracer.startSpan('suppressed', { attributes: { a: 1 } }, suppressed));
        const rootSpan = keep(tracer.startSpan('suppressed, root', { root: true }, suppressed));
        note('suppressed span', { recording: span.isRecording(), context: span.spanContext(), root: rootSpan.spanContext() });
        span.setAttribute('b', 2).addEvent('ignored').end();
        rootSpan.end();
      });
      expectSameOutcome(outcomes);
      expect(outcomes[1].spans[0]!.spanContext()).toEqual(INVALID_SPAN_CONTEXT);
      expect(outcomes[1].side.processorCalls).toEqual([]);
    });
  });

  describe('attributes', () => {
    it('validates, truncates and limits start attributes, counting invalid and over-limit ones as dropped', () => {
      const outcomes = runOnBoth({ limits: { attributeCountLimit: 5, attributeValueLengthLimit: 4 } }, ({ tracer, keep }) => {
        keep(
          tracer.startSpan('start attributes', {
            attributes: {
              fn: { call: () => 1 } as never,
              string: 'truncated to four',
              skipped: undefined,
              '': 'empty key',
              array: ['abcdef', 'ab', null as never, undefined as never],
              bytes: new Uint8Array([1, 2, 3, 4, 5, 6]),
              nested: { deep: ['abcdefgh'] } as never,
              number: 12345678,
              overLimit: 'x',
              alsoOverLimit: true,
              invalidAfterLimit: Symbol('s') as never,
            },
          }),
        ).end();
        keep(tracer.startSpan('no attributes', { attributes: undefined })).end();
      });
      expectSameOutcome(outcomes);
    });

    it('counts only over-limit attributes as dropped in setAttribute and setAttributes, and overwrites in place', () => {
      const outcomes = runOnBoth({ limits: { attributeCountLimit: 3, attributeValueLengthLimit: 3 } }, ({ tracer, keep }) => {
        const span = keep(tracer.startSpan('set attributes', { attributes: { a: 'first' } }));
        span.setAttribute('b', 'long value');
        span.setAttribute('invalid', { f: () => 1 } as never);
        span.setAttribute('', 'empty key');
        span.setAttribute('undefined', undefined as never);
        span.setAttribute('c', ['one', 'three', 3 as never]);
        span.setAttribute('c', ['one', 'three']);
        span.setAttribute('d', 'over the limit');
        span.setAttribute('a', 'overwritten');
        span.setAttributes({ e: 1, f: 2, b: false, g: { x: 'nested' } as never });
        span.end();
      });
      expectSameOutcome(outcomes);
    });

    it('counts a "__proto__" start attribute (as JSON.parse makes), which no attributes object can hold, as the SDK does', () => {
      const attributes = JSON.parse('{"__proto__": "from JSON", "a": 1}') as Attributes;
      const outcomes = runOnBoth({ limits: { attributeCountLimit: 2 } }, ({ tracer, keep }) => {
        const span = keep(tracer.startSpan('JSON attributes', { attributes }));
        span.setAttribute('b', 2).setAttribute('c', 3);
        span.end();
      });
      expectSameOutcome(outcomes);
    });

    it('does not truncate when the length limit is infinite or not positive', () => {
      for (const attributeValueLengthLimit of [Number.POSITIVE_INFINITY, 0, -1]) {
        const outcomes = runOnBoth({ limits: { attributeValueLengthLimit } }, ({ tracer, keep }) => {
          const span = keep(tracer.startSpan('long values', { attributes: { start: 'a long string value', list: ['another long one'] } }));
          span.setAttribute('set', 'yet another long value').addEvent('event', { value: 'an event value, long' });
          span.addLink({ context: LINKED_CONTEXT, attributes: { value: 'a link value, long' } });
          span.end();
        });
        expectSameOutcome(outcomes);
      }
    });
  });

  describe('events', () => {
    it('keeps the last events under the limit, with attributes cleaned as simple values', () => {
      for (const eventCountLimit of [0, 1, 2]) {
        const outcomes = runOnBoth({ limits: { eventCountLimit, attributePerEventCountLimit: 2, attributeValueLengthLimit: 5 } }, ({ tracer, keep }) => {
          const span = keep(tracer.startSpan('events'));
          span.addEvent('first', { nested: ['a', ['b']] as never, mixed: ['a', 1] as never, text: 'truncated', n: 1, extra: true });
          span.addEvent('second', { object: { x: 1 } as never, bytes: new Uint8Array([1]) as never, list: ['abcdefgh', null as never] });
          span.addEvent('third');
          span.addEvent('fourth', { '': 'empty key', skipped: undefined, ok: 'ok' });
          span.end();
        });
        expectSameOutcome(outcomes);
      }
    });

    it('records exceptions as events as the SDK does', () => {
      const error = new TypeError('bad type');
      const outcomes = runOnBoth({}, ({ tracer, keep }) => {
        const span = keep(tracer.startSpan('exceptions'));
        span.recordException(error);
        span.recordException('just a message', [1_700_000_000, 5]);
        span.recordException({ code: 42, name: 'Ignored', message: 'with a code' });
        span.recordException({ name: 'OnlyAName' });
        span.recordException({} as Exception);
        span.recordException('');
        span.end();
      });
      expectSameOutcome(outcomes);
    });

    it('reads event times in every argument form', () => {
      const epochMillis = Date.now() - 60_000.25;
      const date = new Date(Date.now() - 30_000);
      const hrTime: HrTime = [Math.floor(Date.now() / 1000) - 10, 123_456_789];
      const outcomes = runOnBoth({}, ({ tracer, keep }) => {
        const span = keep(tracer.startSpan('event times'));
        span.addEvent('epoch millis', epochMillis);
        span.addEvent('date', date);
        span.addEvent('hrTime', hrTime);
        span.addEvent('attributes and hrTime', { a: 1 }, hrTime);
        span.addEvent('time in both places', date, hrTime);
        span.addEvent('time first, undefined second', epochMillis, undefined);
        span.addEvent('undefined attributes, time', undefined, date);
        span.end();
      });
      expectSameOutcome(outcomes, () => ({ ...CLOCK_TIMING, event: () => GIVEN_TIME_TOLERANCE_NANOS }));
    });

    it('reads clock and performance.now() event times within a few milliseconds', () => {
      const outcomes = runOnBoth({}, ({ tracer, keep }) => {
        const clockStarted = keep(tracer.startSpan('clock start'));
        clockStarted.addEvent('now').addEvent('performance.now() reading', performance.now() - 20);
        clockStarted.end();
        const givenStart = keep(tracer.startSpan('given start', { startTime: Date.now() - 1000 }));
        givenStart.addEvent('now').addEvent('performance.now() reading', performance.now() - 20);
        givenStart.end();
      });
      expectSameOutcome(outcomes);
    });
  });

  describe('links', () => {
    it('limits links given at start and added later, and the attributes of each', () => {
      for (const linkCountLimit of [0, 1, 2, 5]) {
        const limits = { linkCountLimit, attributePerLinkCountLimit: 2, attributeValueLengthLimit: 3 };
        const outcomes = runOnBoth({ limits }, ({ tracer, keep }) => {
          const links: Link[] = [
            { context: REMOTE_SAMPLED_PARENT, attributes: { a: 'long', b: { nested: 'object' } as never, c: 'over' } },
            { context: LINKED_CONTEXT },
            { context: INVALID_SPAN_CONTEXT, attributes: { fn: (() => 1) as never, ok: true } },
          ];
          const span = keep(tracer.startSpan('links', { links }));
          span.addLink({ context: LINKED_CONTEXT, attributes: { added: 'later' } });
          span.addLinks([{ context: REMOTE_UNSAMPLED_PARENT }, { context: LINKED_CONTEXT, attributes: { skipped: undefined } }]);
          span.end();
        });
        expectSameOutcome(outcomes);
      }
    });
  });

  describe('status, name and end', () => {
    it('applies the status rules: OK is final, UNSET ignored, a string message kept for ERROR only', () => {
      const sequences: SpanStatus[][] = [
        [{ code: SpanStatusCode.ERROR, message: 'failed' }],
        [{ code: SpanStatusCode.ERROR, message: 42 as never }],
        [{ code: SpanStatusCode.ERROR, message: null as never }],
        [{ code: SpanStatusCode.ERROR }],
        [{ code: SpanStatusCode.OK, message: 'not kept' }],
        [{ code: SpanStatusCode.ERROR, message: 'first' }, { code: SpanStatusCode.UNSET }],
        [{ code: SpanStatusCode.ERROR, message: 'first' }, { code: SpanStatusCode.OK }, { code: SpanStatusCode.ERROR, message: 'after OK' }],
        [{ code: SpanStatusCode.ERROR, message: 'first' }, { code: SpanStatusCode.ERROR, message: 'second' }],
        [{ code: SpanStatusCode.UNSET, message: 'ignored' }],
      ];
      const outcomes = runOnBoth({}, ({ tracer, keep }) => {
        for (const [index, statuses] of sequences.entries()) {
          const span = keep(tracer.startSpan(`status ${index}`));
          for (const status of statuses) span.setStatus(status);
          span.end();
        }
      });
      expectSameOutcome(outcomes);
    });

    it('renames, and ignores every operation after end, including a second end', () => {
      const outcomes = runOnBoth({}, ({ tracer, keep, note }) => {
        const span = keep(tracer.startSpan('original', { attributes: { a: 1 } }));
        span.updateName('renamed');
        note('recording before end', span.isRecording());
        span.end(Date.now() + 1);
        note('recording after end', span.isRecording());
        span.updateName('after end');
        span.setAttribute('b', 2).setAttributes({ c: 3 }).addEvent('late').addLink({ context: LINKED_CONTEXT });
        span.setStatus({ code: SpanStatusCode.ERROR, message: 'late' });
        span.recordException(new Error('late'));
        span.end(Date.now() + 60_000);
      });
      expectSameOutcome(outcomes);
    });
  });

  describe('start and end times', () => {
    const nowSeconds = () => Math.floor(Date.now() / 1000);
    const givenTimes: [string, () => TimeInput, () => TimeInput][] = [
      ['epoch milliseconds', () => Date.now() - 5000.125, () => Date.now() - 1234.5],
      ['Dates', () => new Date(Date.now() - 5000), () => new Date(Date.now() - 1000)],
      ['HrTimes', () => [nowSeconds() - 5, 999_999_999], () => [nowSeconds() - 2, 1]],
      ['HrTimes years away', () => [1_000_000_000, 123_456_789], () => [4_102_444_800, 987_654_321]],
      ['epoch milliseconds in 1970', () => 1e10, () => 1e10 + 0.5],
    ];

    it.each(givenTimes)('keeps start and end times given as %s, and the duration between them', (_, start, end) => {
      const startTime = start();
      const endTime = end();
      const outcomes = runOnBoth({}, ({ tracer, keep }) => {
        const span = keep(tracer.startSpan('given times', { startTime }));
        span.addEvent('at start', startTime);
        span.end(endTime);
      });
      expectSameOutcome(outcomes, () => GIVEN_TIMING);
    });

    it('reads a number up to performance.now() as a reading of it, and the clock when no time is given', () => {
      const outcomes = runOnBoth({}, ({ tracer, keep }) => {
        keep(tracer.startSpan('clock start and end')).end();
        keep(tracer.startSpan('performance.now() start', { startTime: performance.now() - 50 })).end(performance.now() - 10);
        keep(tracer.startSpan('performance.now() start, clock end', { startTime: performance.now() - 50 })).end();
        keep(tracer.startSpan('epoch start, clock end', { startTime: Date.now() - 50 })).end();
        keep(tracer.startSpan('clock start, epoch end')).end(Date.now() + 50);
      });
      expectSameOutcome(outcomes);
    });

    it('measures the duration of clock-timed spans on the monotonic clock', async () => {
      const startedSpans: Span[][] = [];
      const sides = (['sdk', 'tracekit'] as const).map((implementation) => createSide(implementation, {}));
      for (const side of sides) startedSpans.push([defaultTracer(side).startSpan('timed')]);
      await new Promise((resolve) => setTimeout(resolve, 30));
      for (const spans of startedSpans) spans[0]!.end();
      const [sdkSpan, ourSpan] = startedSpans.map((spans) => spans[0] as unknown as ReadableSpan);
      expectTimeClose(ourSpan!.duration, sdkSpan!.duration, CLOCK_TOLERANCE_NANOS, 'duration');
      expect(hrTimeToNanos(ourSpan!.duration)).toBeGreaterThanOrEqual(25_000_000n);
    });

    it('clamps an end before the start to the start, with a zero duration', () => {
      const now = Date.now();
      const seconds = nowSeconds();
      const outcomes = runOnBoth({}, ({ tracer, keep }) => {
        keep(tracer.startSpan('epoch', { startTime: now - 1000 })).end(now - 2000);
        keep(tracer.startSpan('hrTime', { startTime: [seconds, 500] })).end([seconds, 400]);
        keep(tracer.startSpan('future start', { startTime: now + 3_600_000 })).end();
      });
      // Every time here is given, or is the given start the end was clamped to.
      expectSameOutcome(outcomes, () => GIVEN_TIMING);
    });
  });

  describe('span processors', () => {
    it('calls onStart, onEnding and onEnd in order, each processor in turn, with the span state the SDK shows', () => {
      const setup: Setup = {
        moreProcessors: (calls) => [
          new RecordingSpanProcessor('second', calls, (hook, span) => {
            // What a processor may still change while the span ends.
            if (hook === 'onEnding') (span as unknown as Span).setAttribute('set.in.onEnding', true).addEvent('added in onEnding', Date.now() - 1);
            if (hook === 'onEnd') (span as unknown as Span).setAttribute('set.in.onEnd', true);
          }),
          new RecordingSpanProcessor('third', calls),
        ],
      };
      const outcomes = runOnBoth(setup, ({ tracer, keep }) => {
        const parent = keep(tracer.startSpan('parent', { attributes: { a: 1 }, links: [{ context: LINKED_CONTEXT }] }));
        const child = keep(tracer.startSpan('child', {}, trace.setSpan(ROOT_CONTEXT, parent)));
        child.setStatus({ code: SpanStatusCode.OK });
        child.end();
        parent.end();
        parent.end();
      });
      expectSameOutcome(outcomes);
    });
  });

  describe('startActiveSpan', () => {
    it.each([2, 3, 4])('with %i arguments, makes the span active inside the callback and returns its result', (argumentCount) => {
      const outcomes = runOnBoth({}, ({ tracer, keep, note }) => {
        const outer = keep(tracer.startSpan('outer'));
        const outerContext = trace.setSpan(ROOT_CONTEXT, outer);
        const callback = (span: Span) => {
          keep(span);
          note('active inside', trace.getActiveSpan() === span);
          keep(tracer.startSpan('started inside')).end();
          span.end();
          return 'result';
        };
        const result =
          argumentCount === 2
            ? tracer.startActiveSpan('active', callback)
            : argumentCount === 3
              ? tracer.startActiveSpan('active', { kind: SpanKind.CLIENT, attributes: { n: 3 } }, callback)
              : tracer.startActiveSpan('active', { kind: SpanKind.CONSUMER }, outerContext, callback);
        note('result', result);
        note('active after', trace.getActiveSpan());
        outer.end();
      });
      expectSameOutcome(outcomes);
    });

    it('runs the callback within the context given, and returns nothing without a callback', () => {
      const outcomes = runOnBoth({}, ({ tracer, keep, note }) => {
        const outer = keep(tracer.startSpan('outer'));
        context.with(trace.setSpan(ROOT_CONTEXT, outer), () => {
          tracer.startActiveSpan('child of the active span', (span) => {
            keep(span);
            tracer.startActiveSpan('grandchild', { root: true }, (grandchild) => keep(grandchild).end());
            span.end();
          });
        });
        tracer.startActiveSpan('suppressed', {}, suppressTracing(ROOT_CONTEXT), (span) => {
          note('suppressed active span', { recording: span.isRecording(), same: trace.getActiveSpan() === span });
        });
        note('one argument', (tracer.startActiveSpan as (name: string) => unknown)('no callback'));
        outer.end();
      });
      expectSameOutcome(outcomes);
    });
  });

  describe('tracers', () => {
    it('carries the instrumentation scope and the resource', () => {
      const outcomes = runOnBoth({}, ({ side, keep, note }) => {
        const provider = side.tracerProvider;
        const scopes: [string, string | undefined, { schemaUrl?: string } | undefined][] = [
          ['a', undefined, undefined],
          ['a', '1.0.0', undefined],
          ['a', '1.0.0', { schemaUrl: 'https://example.com/schema' }],
          ['b', '', {}],
        ];
        for (const [name, version, options] of scopes) keep(provider.getTracer(name, version, options).startSpan(`${name} ${version}`)).end();
        const tracerA = provider.getTracer('a', '1.0.0');
        note('same tracer for the same scope', provider.getTracer('a', '1.0.0') === tracerA);
        note('another tracer for another version', provider.getTracer('a', '1.0.0') === provider.getTracer('a', '2.0.0'));
      });
      expectSameOutcome(outcomes);
    });
  });

  describe('where the sampler adds attributes', () => {
    it('lets sampler attributes with keys of their own join the start attributes under the limits', () => {
      const sampler = () => new ScriptedSampler({ decision: SamplingDecision.RECORD_AND_SAMPLED, attributes: { 'sampler.a': 'abcdefgh', 'sampler.fn': (() => 1) as never, 'sampler.b': 2 } });
      const outcomes = runOnBoth({ sampler, limits: { attributeCountLimit: 3, attributeValueLengthLimit: 4 } }, ({ tracer, keep }) => {
        keep(tracer.startSpan('with sampler attributes', { attributes: { a: 1, bad: { f: () => 1 } as never } })).end();
        keep(tracer.startSpan('sampler attributes only')).end();
      });
      expectSameOutcome(outcomes);
    });

    it('replaces a start attribute by the sampler attribute of the same key, without counting it twice', () => {
      const sampler = () => new ScriptedSampler({ decision: SamplingDecision.RECORD_AND_SAMPLED, attributes: { b: 'from sampler' } });
      const outcomes = runOnBoth({ sampler, limits: { attributeCountLimit: 1 } }, ({ tracer, keep }) => {
        keep(tracer.startSpan('shared key over the limit', { attributes: { a: 1, b: 2 } })).end();
      });
      expectSameOutcome(outcomes);
    });

    it('drops a start attribute that the sampler replaces by an invalid value', () => {
      const sampler = () => new ScriptedSampler({ decision: SamplingDecision.RECORD_AND_SAMPLED, attributes: { a: { f: () => 1 } as never } });
      const outcomes = runOnBoth({ sampler }, ({ tracer, keep }) => {
        keep(tracer.startSpan('replaced by an invalid value', { attributes: { a: 1, b: 2 } })).end();
      });
      expectSameOutcome(outcomes);
    });

    it('drops a start attribute that the sampler replaces by undefined', () => {
      const sampler = () => new ScriptedSampler({ decision: SamplingDecision.RECORD_AND_SAMPLED, attributes: { a: undefined } });
      const outcomes = runOnBoth({ sampler }, ({ tracer, keep }) => {
        keep(tracer.startSpan('replaced by undefined', { attributes: { a: 1, b: 2 } })).end();
      });
      expectSameOutcome(outcomes);
    });

    it('shows the sampler the links with their attributes cleaned and limited', () => {
      const sampler = () => new ScriptedSampler({ decision: SamplingDecision.RECORD_AND_SAMPLED });
      const outcomes = runOnBoth({ sampler, limits: { attributePerLinkCountLimit: 1, attributeValueLengthLimit: 2 } }, ({ tracer, keep }) => {
        keep(tracer.startSpan('links to sample', { links: [{ context: LINKED_CONTEXT, attributes: { fn: (() => 1) as never, a: 'long', b: 'over' } }] })).end();
      });
      expectSameOutcome(outcomes);
      const linksSeen = outcomes.map((outcome) => (outcome.side.sampler as ScriptedSampler).calls.map((call) => call.links));
      expect(linksSeen[1]).toStrictEqual(linksSeen[0]);
    });
  });

  describe('where the sampler changes the links it is shown', () => {
    /** Adds a link to what it is shown for spans named 'add a link', and empties it for spans named 'clear'. */
    class LinkChangingSampler extends ScriptedSampler {
      override shouldSample(parentContext: Context, traceId: string, name: string, kind: SpanKind, attributes: Attributes, links: Link[]): SamplingResult {
        if (name === 'add a link') links.push({ context: LINKED_CONTEXT });
        if (name === 'clear') links.length = 0;
        return super.shouldSample(parentContext, traceId, name, kind, attributes, links);
      }
    }

    it('changes that span only, not the spans started after it', () => {
      const sampler = () => new LinkChangingSampler({ decision: SamplingDecision.RECORD_AND_SAMPLED });
      const outcomes = runOnBoth({ sampler }, ({ tracer, keep }) => {
        keep(tracer.startSpan('add a link')).end();
        keep(tracer.startSpan('started after, without links')).end();
        // Undoes, in ours, what the first span did to the links of every span started without any.
        keep(tracer.startSpan('clear')).end();
      });
      expectSameOutcome(outcomes);
    });
  });

  describe('inputs outside the API types, as JavaScript callers may pass them', () => {
    it.each([
      ['undefined', undefined],
      ['null', null],
    ])('ignores setAttributes(%s)', (_, attributes) => {
      const outcomes = runOnBoth({}, ({ tracer, keep, note }) => {
        const span = keep(tracer.startSpan('setAttributes'));
        try {
          span.setAttributes(attributes as never);
          note('threw', false);
        } catch (error) {
          note('threw', String(error));
        }
        span.end();
      });
      expectSameOutcome(outcomes);
    });

    it.each([
      ['null', null],
      ['a string', '2024-01-01T00:00:00Z'],
      ['an array of three numbers', [1, 2, 3]],
    ])('takes %s as a start, event or end time as no time given', (_, invalidTime) => {
      const outcomes = runOnBoth({}, ({ tracer, keep, note }) => {
        const attempt = (label: string, action: () => void) => {
          try {
            action();
            note(label, 'ok');
          } catch (error) {
            note(label, `threw ${String(error)}`);
          }
        };
        attempt('start', () => keep(tracer.startSpan('invalid start time', { startTime: invalidTime as never })).end());
        attempt('event', () => {
          const span = keep(tracer.startSpan('invalid event time'));
          span.addEvent('event', { a: 1 }, invalidTime as never);
          span.end();
        });
        attempt('end', () => {
          const span = keep(tracer.startSpan('invalid end time'));
          span.end(invalidTime as never);
          if (span.isRecording()) span.end();
        });
      });
      expectSameOutcome(outcomes);
    });

    it('takes links: null as no links', () => {
      const outcomes = runOnBoth({}, ({ tracer, keep }) => {
        keep(tracer.startSpan('null links', { links: null as never })).end();
      });
      expectSameOutcome(outcomes);
    });

    it('applies the default limits where a limit is given as undefined', () => {
      const limits = {
        attributeCountLimit: undefined,
        attributeValueLengthLimit: undefined,
        eventCountLimit: undefined,
        linkCountLimit: undefined,
        attributePerEventCountLimit: undefined,
        attributePerLinkCountLimit: undefined,
      } as never;
      const outcomes = runOnBoth({ limits }, ({ tracer, keep }) => {
        const manyLinks = Array.from({ length: 130 }, () => ({ context: LINKED_CONTEXT }));
        const span = keep(tracer.startSpan('over every default limit', { links: manyLinks }));
        for (let i = 0; i < 130; i++) {
          span.setAttribute(`attribute.${i}`, i);
          span.addEvent(`event ${i}`, { i }, i + 1);
        }
        span.end();
      });
      expectSameOutcome(outcomes);
      const ours = outcomes.find((outcome) => outcome.side.implementation === 'tracekit')!.spans[0] as unknown as ReadableSpan;
      expect([ours.droppedAttributesCount, ours.droppedEventsCount, ours.droppedLinksCount]).toEqual([2, 2, 2]);
    });
  });
});
