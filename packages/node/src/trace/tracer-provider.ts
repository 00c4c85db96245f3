import type { TracerOptions, TracerProvider } from '@opentelemetry/api';
import type { Resource } from '@opentelemetry/resources';
import type { Sampler, SpanLimits, SpanProcessor } from '@opentelemetry/sdk-trace';
import { PooledRandomIdGenerator } from './random-ids.js';
import type { SpanSettings } from './recording-span.js';
import { combineSpanProcessors } from './span-processors.js';
import { TracekitTracer } from './tracer.js';

export interface TracekitTracerProviderOptions {
  readonly resource: Resource;
  readonly sampler: Sampler;
  /** A limit left out (or undefined) takes the SDK's default. */
  readonly spanLimits: SpanLimits;
  readonly spanProcessors: readonly SpanProcessor[];
}

/** The SDK TracerProvider's defaults, the OpenTelemetry specification's. */
function withDefaults(limits: SpanLimits): Required<SpanLimits> {
  return {
    attributeCountLimit: limits.attributeCountLimit ?? 128,
    attributeValueLengthLimit: limits.attributeValueLengthLimit ?? Number.POSITIVE_INFINITY,
    eventCountLimit: limits.eventCountLimit ?? 128,
    linkCountLimit: limits.linkCountLimit ?? 128,
    attributePerEventCountLimit: limits.attributePerEventCountLimit ?? 128,
    attributePerLinkCountLimit: limits.attributePerLinkCountLimit ?? 128,
  };
}

/** One tracer per instrumentation scope, all sharing the resource, sampler, limits and processors. */
export class TracekitTracerProvider implements TracerProvider {
  private readonly tracers = new Map<string, TracekitTracer>();
  private readonly processor: SpanProcessor;
  private readonly ids = new PooledRandomIdGenerator();
  private readonly limits: Required<SpanLimits>;

  constructor(private readonly options: TracekitTracerProviderOptions) {
    this.processor = combineSpanProcessors(options.spanProcessors);
    this.limits = withDefaults(options.spanLimits);
  }

  getTracer(name: string, version?: string, options?: TracerOptions): TracekitTracer {
    const key = `${name}@${version ?? ''}:${options?.schemaUrl ?? ''}`;
    let tracer = this.tracers.get(key);
    if (tracer === undefined) {
      const settings: SpanSettings = {
        resource: this.options.resource,
        scope: { name, version, schemaUrl: options?.schemaUrl },
        limits: this.limits,
        processor: this.processor,
      };
      tracer = new TracekitTracer(settings, this.options.sampler, this.ids);
      this.tracers.set(key, tracer);
    }
    return tracer;
  }

  forceFlush(): Promise<void> {
    return this.processor.forceFlush();
  }

  shutdown(): Promise<void> {
    return this.processor.shutdown();
  }
}
