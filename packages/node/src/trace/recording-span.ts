import {
  SpanStatusCode,
  diag,
  type Attributes,
  type AttributeValue,
  type Context,
  type Exception,
  type HrTime,
  type Link,
  type Span,
  type SpanContext,
  type SpanKind,
  type SpanStatus,
  type TimeInput,
} from '@opentelemetry/api';
import { AddAttributeDecision, cleanAttributes, cleanSimpleAttributes, hrTimeDuration, isTimeInput, type InstrumentationScope } from '@opentelemetry/core';
import type { Resource } from '@opentelemetry/resources';
import type { ReadableSpan, SpanLimits, SpanProcessor, TimedEvent } from '@opentelemetry/sdk-trace';
import { addAttribute, addStartAttributes, type AttributeSet } from './span-attributes.js';
import { durationToHrTime, givenTimeToHrTime, hrTimeToMillis, millisToHrTime, monotonicToMillis, nowMillis } from './span-clock.js';

const UNSET_STATUS: SpanStatus = Object.freeze({ code: SpanStatusCode.UNSET });
// Most spans have no events and no links: they share these until they get one.
const NO_LINKS = Object.freeze([]) as unknown as Link[];
const NO_EVENTS = Object.freeze([]) as unknown as TimedEvent[];
const EXCEPTION_EVENT = 'exception';

/** What a tracer hands every span it starts; shared, so a span carries one reference to it. */
export interface SpanSettings {
  readonly resource: Resource;
  readonly scope: InstrumentationScope;
  readonly limits: Required<SpanLimits>;
  readonly processor: SpanProcessor;
}

/**
 * A recording span: the API's `Span` for instrumentations and the SDK's `ReadableSpan` for span
 * processors and exporters, with the SDK's semantics (limits, warnings, time rules).
 *
 * Written for tracekit instead of the SDK's SpanImpl because of its cost on every request: the
 * SDK sanitizes start attributes twice, converts times through `[seconds, nanoseconds]` arrays
 * at start and end, and records span metrics even with no meter provider. Times read from the
 * clock are milliseconds since the time origin (span-clock.ts), turned into `HrTime` only when a
 * processor or exporter reads them (the OTLP encoder reads the milliseconds directly); times a
 * caller gives are kept as the SDK reads them.
 */
export class RecordingSpan implements Span, ReadableSpan, AttributeSet {
  name: string;
  readonly kind: SpanKind;
  readonly parentSpanContext: SpanContext | undefined;
  readonly attributes: Attributes = {};
  attributeCount = 0;
  links: Link[];
  events: TimedEvent[] = NO_EVENTS;
  status: SpanStatus = UNSET_STATUS;
  /** Start and end, in milliseconds since the time origin (span-clock.ts); end is NaN until set. */
  readonly startMillis: number;
  endMillis = Number.NaN;
  /** Start and end as the caller gave them, kept exactly; undefined when read from the clock. */
  private readonly givenStart: HrTime | undefined;
  private givenEnd: HrTime | undefined = undefined;
  private hasEnded = false;
  /** The monotonic clock at start, or -1 when the start time was given and the end is read from the wall clock. */
  private readonly startMonotonic: number;
  private droppedAttributes: number;
  private droppedEvents = 0;
  private droppedLinks = 0;
  private readonly context: SpanContext;
  private readonly settings: SpanSettings;

  // Positional, not an options object: this runs for every span.
  constructor(
    settings: SpanSettings,
    name: string,
    kind: SpanKind,
    spanContext: SpanContext,
    parentSpanContext: SpanContext | undefined,
    attributes: Attributes | undefined,
    droppedBeforeStart: number,
    links: Link[],
    startTime: TimeInput | undefined,
    parentContext: Context,
  ) {
    this.settings = settings;
    this.context = spanContext;
    this.name = name;
    this.kind = kind;
    this.parentSpanContext = parentSpanContext;
    this.givenStart = startTime == null ? undefined : givenTimeToHrTime(startTime);
    if (this.givenStart === undefined) {
      this.startMonotonic = performance.now();
      this.startMillis = monotonicToMillis(this.startMonotonic);
    } else {
      this.startMillis = hrTimeToMillis(this.givenStart);
      this.startMonotonic = -1;
    }
    this.droppedAttributes = droppedBeforeStart + addStartAttributes(this, attributes, settings.limits);
    // The tracer sanitized the links for the sampler; the last ones within the limit are kept.
    const linkLimit = settings.limits.linkCountLimit;
    if (links.length > linkLimit) {
      this.droppedLinks = links.length - linkLimit;
      this.links = links.slice(links.length - linkLimit);
    } else {
      this.links = links.length === 0 ? NO_LINKS : links;
    }
    settings.processor.onStart(this, parentContext);
  }

  get resource(): Resource {
    return this.settings.resource;
  }

  get instrumentationScope(): InstrumentationScope {
    return this.settings.scope;
  }

  get startTime(): HrTime {
    return this.givenStart ?? millisToHrTime(this.startMillis);
  }

  get endTime(): HrTime {
    if (this.givenEnd !== undefined) return this.givenEnd;
    return Number.isNaN(this.endMillis) ? [0, 0] : millisToHrTime(this.endMillis);
  }

  get duration(): HrTime {
    if (Number.isNaN(this.endMillis)) return [-1, -1];
    if (!this.timesFromClock) return hrTimeDuration(this.startTime, this.endTime);
    return durationToHrTime(this.endMillis - this.startMillis);
  }

  /** Whether start and end were both read from the clock: `startMillis` and `endMillis` are then the times, exactly. */
  get timesFromClock(): boolean {
    return this.givenStart === undefined && this.givenEnd === undefined;
  }

  get ended(): boolean {
    return this.hasEnded;
  }

  get droppedAttributesCount(): number {
    return this.droppedAttributes;
  }

  get droppedEventsCount(): number {
    return this.droppedEvents;
  }

  get droppedLinksCount(): number {
    return this.droppedLinks;
  }

  spanContext(): SpanContext {
    return this.context;
  }

  isRecording(): boolean {
    return !this.hasEnded;
  }

  setAttribute(key: string, value: AttributeValue): this {
    if (this.refuseEnded()) return this;
    if (addAttribute(this, key, value, this.settings.limits) === AddAttributeDecision.DROP_LIMIT_REACHED) {
      this.droppedAttributes += 1;
      if (this.droppedAttributes === 1) diag.warn('Dropping extra attributes.');
    }
    return this;
  }

  setAttributes(attributes: Attributes): this {
    if (attributes == null) return this;
    for (const key of Object.keys(attributes)) this.setAttribute(key, attributes[key] as AttributeValue);
    return this;
  }

  addEvent(name: string, attributesOrStartTime?: Attributes | TimeInput, startTime?: TimeInput): this {
    if (this.refuseEnded()) return this;
    const limits = this.settings.limits;
    if (limits.eventCountLimit === 0) {
      diag.warn('No events allowed.');
      this.droppedEvents += 1;
      return this;
    }
    if (this.events === NO_EVENTS) this.events = [];
    if (this.events.length >= limits.eventCountLimit) {
      if (this.droppedEvents === 0) diag.debug('Dropping extra events.');
      this.events.shift();
      this.droppedEvents += 1;
    }
    let attributes = attributesOrStartTime as Attributes | undefined;
    let time = startTime;
    if (isTimeInput(attributesOrStartTime)) {
      if (!isTimeInput(startTime)) time = attributesOrStartTime;
      attributes = undefined;
    }
    this.events.push({
      name,
      time: (time == null ? undefined : givenTimeToHrTime(time)) ?? millisToHrTime(this.clockMillis()),
      ...cleanSimpleAttributes(attributes, {
        attributeCountLimit: limits.attributePerEventCountLimit,
        attributeValueLengthLimit: limits.attributeValueLengthLimit,
      }),
    });
    return this;
  }

  addLink(link: Link): this {
    if (this.refuseEnded()) return this;
    const limits = this.settings.limits;
    if (limits.linkCountLimit === 0) {
      this.droppedLinks += 1;
      return this;
    }
    if (this.links === NO_LINKS) this.links = [];
    if (this.links.length >= limits.linkCountLimit) {
      if (this.droppedLinks === 0) diag.debug('Dropping extra links.');
      this.links.shift();
      this.droppedLinks += 1;
    }
    this.links.push({
      context: link.context,
      ...cleanAttributes(link.attributes, {
        attributeCountLimit: limits.attributePerLinkCountLimit,
        attributeValueLengthLimit: limits.attributeValueLengthLimit,
      }),
    });
    return this;
  }

  addLinks(links: readonly Link[]): this {
    for (const link of links) this.addLink(link);
    return this;
  }

  setStatus(status: SpanStatus): this {
    if (this.refuseEnded()) return this;
    if (status.code === SpanStatusCode.UNSET || this.status.code === SpanStatusCode.OK) return this;
    if (status.code === SpanStatusCode.ERROR && status.message != null) {
      if (typeof status.message === 'string') {
        this.status = { code: status.code, message: status.message };
        return this;
      }
      diag.warn(`Dropping invalid status.message of type '${typeof status.message}', expected 'string'`);
    }
    this.status = { code: status.code };
    return this;
  }

  updateName(name: string): this {
    if (this.refuseEnded()) return this;
    this.name = name;
    return this;
  }

  end(endTime?: TimeInput): void {
    if (this.hasEnded) {
      diag.error(`${this.name} ${this.context.traceId}-${this.context.spanId} - You can only call end() on a span once.`);
      return;
    }
    let givenEnd = endTime == null ? undefined : givenTimeToHrTime(endTime);
    let end = givenEnd === undefined ? this.clockMillis() : hrTimeToMillis(givenEnd);
    const backwards =
      givenEnd === undefined && this.givenStart === undefined
        ? end < this.startMillis
        : hrTimeDuration(this.startTime, givenEnd ?? millisToHrTime(end))[0] < 0;
    if (backwards) {
      diag.warn('Inconsistent start and end time, startTime > endTime. Setting span duration to 0ms.');
      end = this.startMillis;
      givenEnd = this.givenStart === undefined ? undefined : [this.givenStart[0], this.givenStart[1]];
    }
    this.givenEnd = givenEnd;
    if (this.droppedEvents > 0) diag.warn(`Dropped ${this.droppedEvents} events because eventCountLimit reached`);
    if (this.droppedLinks > 0) diag.warn(`Dropped ${this.droppedLinks} links because linkCountLimit reached`);
    const processor = this.settings.processor;
    this.endMillis = end;
    // onEnding sees the span with its end time and still writable, as the SDK does.
    processor.onEnding?.(this);
    this.hasEnded = true;
    processor.onEnd(this);
  }

  recordException(exception: Exception, time?: TimeInput): void {
    const attributes: Attributes = {};
    if (typeof exception === 'string') {
      attributes['exception.message'] = exception;
    } else if (exception) {
      if (exception.code) attributes['exception.type'] = exception.code.toString();
      else if (exception.name) attributes['exception.type'] = exception.name;
      if (exception.message) attributes['exception.message'] = exception.message;
      if (exception.stack) attributes['exception.stacktrace'] = exception.stack;
    }
    if (attributes['exception.type'] || attributes['exception.message']) this.addEvent(EXCEPTION_EVENT, attributes, time);
    else diag.warn(`Failed to record an exception ${String(exception)}`);
  }

  /** Now, for an end or event time not given: on the monotonic clock from the start, as the SDK times them. */
  private clockMillis(): number {
    return this.startMonotonic >= 0 ? this.startMillis + (performance.now() - this.startMonotonic) : nowMillis();
  }

  private refuseEnded(): boolean {
    if (!this.hasEnded) return false;
    diag.warn(`Cannot execute the operation on ended Span {traceId: ${this.context.traceId}, spanId: ${this.context.spanId}}`);
    return true;
  }
}
