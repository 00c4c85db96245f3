import {
  INVALID_SPAN_CONTEXT,
  SamplingDecision,
  SpanKind,
  TraceFlags,
  context as contextApi,
  trace,
  type Context,
  type Link,
  type Span,
  type SpanContext,
  type SpanOptions,
  type Tracer,
} from '@opentelemetry/api';
import { cleanAttributes, isTracingSuppressed } from '@opentelemetry/core';
import type { IdGenerator, Sampler } from '@opentelemetry/sdk-trace';
import { RecordingSpan, type SpanSettings } from './recording-span.js';

const NO_LIMITS = { attributeCountLimit: Number.POSITIVE_INFINITY, attributeValueLengthLimit: Number.POSITIVE_INFINITY };

/** Start links with their attributes under the per-link limits, in a new array (the sampler may add to it). */
function sanitizeLinks(links: readonly Link[] | null | undefined, limits: SpanSettings['limits']): Link[] {
  if (links == null || links.length === 0) return [];
  const linkLimits = { attributeCountLimit: limits.attributePerLinkCountLimit, attributeValueLengthLimit: limits.attributeValueLengthLimit };
  return links.map((link) => ({ context: link.context, ...cleanAttributes(link.attributes, linkLimits) }));
}

/**
 * The SDK tracer's decisions (suppression, parent, ids, sampler, trace state), starting
 * tracekit's {@link RecordingSpan}s.
 */
export class TracekitTracer implements Tracer {
  constructor(
    private readonly settings: SpanSettings,
    private readonly sampler: Sampler,
    private readonly ids: IdGenerator,
  ) {}

  startSpan(name: string, options: SpanOptions = {}, parent: Context = contextApi.active()): Span {
    let context = parent;
    if (options.root) context = trace.deleteSpan(context);
    if (isTracingSuppressed(context)) return trace.wrapSpanContext(INVALID_SPAN_CONTEXT);
    const parentSpan = trace.getSpan(context);
    const parentSpanContext = parentSpan?.spanContext();
    const spanId = this.ids.generateSpanId();
    let traceId: string;
    let traceState: SpanContext['traceState'];
    let validParent: SpanContext | undefined;
    // A RecordingSpan's context is valid by construction: no need to test its ids again.
    if (parentSpanContext === undefined || !(parentSpan instanceof RecordingSpan || trace.isSpanContextValid(parentSpanContext))) {
      traceId = this.ids.generateTraceId();
    } else {
      traceId = parentSpanContext.traceId;
      traceState = parentSpanContext.traceState;
      validParent = parentSpanContext;
    }
    const kind = options.kind ?? SpanKind.INTERNAL;
    const links = sanitizeLinks(options.links, this.settings.limits);
    // The sampler gets the attributes as given; the span applies the limits once, below.
    const sampling = this.sampler.shouldSample(context, traceId, name, kind, options.attributes ?? {}, links);
    const spanContext: SpanContext = {
      traceId,
      spanId,
      traceFlags: sampling.decision === SamplingDecision.RECORD_AND_SAMPLED ? TraceFlags.SAMPLED : TraceFlags.NONE,
      traceState: sampling.traceState ?? traceState,
    };
    if (sampling.decision === SamplingDecision.NOT_RECORD) return trace.wrapSpanContext(spanContext);
    let attributes = options.attributes;
    let droppedBeforeStart = 0;
    if (sampling.attributes !== undefined) {
      // As the SDK does: invalid start attributes are dropped (and counted) first, then the
      // sampler's attributes override those of the same key, then the limits apply.
      const valid = cleanAttributes(attributes, NO_LIMITS);
      attributes = Object.assign(valid.attributes ?? {}, sampling.attributes);
      droppedBeforeStart = valid.droppedAttributesCount ?? 0;
    }
    return new RecordingSpan(
      this.settings,
      name,
      kind,
      spanContext,
      validParent,
      attributes,
      droppedBeforeStart,
      links,
      options.startTime,
      context,
    );
  }

  startActiveSpan<F extends (span: Span) => unknown>(name: string, fn: F): ReturnType<F>;
  startActiveSpan<F extends (span: Span) => unknown>(name: string, options: SpanOptions, fn: F): ReturnType<F>;
  startActiveSpan<F extends (span: Span) => unknown>(name: string, options: SpanOptions, context: Context, fn: F): ReturnType<F>;
  startActiveSpan<F extends (span: Span) => unknown>(
    name: string,
    ...rest: [F] | [SpanOptions, F] | [SpanOptions, Context, F]
  ): ReturnType<F> | undefined {
    let options: SpanOptions | undefined;
    let parent: Context | undefined;
    let fn: F;
    if (rest.length === 1) [fn] = rest;
    else if (rest.length === 2) [options, fn] = rest;
    else if (rest.length === 3) [options, parent, fn] = rest;
    else return undefined;
    const parentContext = parent ?? contextApi.active();
    const span = this.startSpan(name, options, parentContext);
    return contextApi.with(trace.setSpan(parentContext, span), fn as (span: Span) => ReturnType<F>, undefined, span);
  }
}
