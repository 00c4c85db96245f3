import { context, propagation, trace, type DiagLogger } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BaggageAttributesSpanProcessor } from './baggage-attributes.js';
import type { ExportStats } from './export/export-health.js';
import { createExportPipelines, type PipelineOptions } from './export/pipeline.js';
import { installInstrumentations, type InstrumentationSet } from './instrumentations.js';
import { createPropagator } from './propagation/index.js';
import { createResource } from './resource.js';
import { createSampler } from './sampler.js';
import { TracekitTracerProvider } from './trace/tracer-provider.js';
import type { InstrumentationName, ResolvedConfig } from './types.js';

export interface RunningSdk {
  readonly config: ResolvedConfig;
  readonly tracerProvider: TracekitTracerProvider;
  readonly instrumentations: InstrumentationSet;
  /** Export counters per exporter, in configuration order. */
  exportStats(): ExportStats[];
  forceFlush(timeoutMillis: number): Promise<void>;
  /**
   * Flushes and stops; resolves within `timeoutMillis` even if the Collector never answers,
   * with true when the flush completed and false when the deadline passed first.
   */
  shutdown(timeoutMillis: number): Promise<boolean>;
  /**
   * For an `exit` listener (synchronous): sends spans still unsent, blocking at most
   * `timeoutMillis`, and prints the last report of dropped spans.
   */
  flushBeforeExit(timeoutMillis: number): void;
}

/** Builds and installs the global tracer provider, propagator, context manager and instrumentations. */
export function startSdk(config: ResolvedConfig, logger: DiagLogger, pipelineOptions: PipelineOptions = {}): RunningSdk {
  const warn = (message: string) => logger.warn(message);
  const pipelines = createExportPipelines(config, logger, pipelineOptions);
  const resource = createResource(config);
  // Settle asynchronously detected attributes now, so that a synchronous flush at exit can
  // serialize spans without waiting for them.
  resource.waitForAsyncAttributes?.().catch(() => {});
  const tracerProvider = new TracekitTracerProvider({
    resource,
    sampler: createSampler(config.sampler, config.serviceName),
    spanLimits: { ...config.spanLimits },
    spanProcessors: [
      ...(config.baggageAttributes.length > 0 ? [new BaggageAttributesSpanProcessor(config.baggageAttributes)] : []),
      ...pipelines.map((pipeline) => pipeline.processor),
    ],
  });

  context.setGlobalContextManager(new AsyncLocalStorageContextManager());
  propagation.setGlobalPropagator(createPropagator(config.propagators));
  trace.setGlobalTracerProvider(tracerProvider);

  const instrumentations = installInstrumentations(
    config,
    tracerProvider,
    (name: InstrumentationName, error) =>
      warn(`instrumentation ${name} could not be loaded (${String(error)}); ${name} calls are not traced.`),
    (name) => logger.debug(`instrumentation loaded: ${name}`),
  );

  let stopping: Promise<boolean> | undefined;
  return {
    config,
    tracerProvider,
    instrumentations,
    exportStats: () => pipelines.map((pipeline) => pipeline.stats()),
    forceFlush: async (timeoutMillis) => {
      await withDeadline(tracerProvider.forceFlush(), timeoutMillis);
    },
    shutdown(timeoutMillis) {
      stopping ??= (async () => {
        instrumentations.disable();
        const completed = await withDeadline(tracerProvider.shutdown(), timeoutMillis);
        for (const pipeline of pipelines) pipeline.finish();
        trace.disable();
        propagation.disable();
        context.disable();
        return completed;
      })();
      return stopping;
    },
    flushBeforeExit(timeoutMillis) {
      // One budget for all exporters together.
      const end = Date.now() + timeoutMillis;
      for (const pipeline of pipelines) pipeline.flushBeforeExit(Math.max(0, end - Date.now()));
    },
  };
}

/**
 * Resolves when `work` settles (true) or after `millis` (false), whichever is first; never
 * rejects.
 */
async function withDeadline(work: Promise<unknown>, millis: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), millis);
  });
  try {
    return await Promise.race([work.then(() => true, () => true), deadline]);
  } finally {
    clearTimeout(timer);
  }
}
