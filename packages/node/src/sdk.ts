import { context, propagation, trace, type DiagLogger } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BatchSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { BaggageAttributesSpanProcessor } from './baggage-attributes.js';
import { redactUrlCredentials } from './config/redact.js';
import { HealthReportingExporter, type ExportStats } from './export-health.js';
import { createSpanExporters } from './exporters.js';
import { installInstrumentations, type InstrumentationSet } from './instrumentations.js';
import { createPropagator } from './propagation/index.js';
import { createResource } from './resource.js';
import { createSampler } from './sampler.js';
import type { InstrumentationName, ResolvedConfig } from './types.js';

export interface RunningSdk {
  readonly config: ResolvedConfig;
  readonly tracerProvider: TracerProvider;
  readonly instrumentations: InstrumentationSet;
  /** Export counters per exporter, in configuration order. */
  exportStats(): ExportStats[];
  forceFlush(timeoutMillis: number): Promise<void>;
  /** Flushes and stops; resolves within `timeoutMillis` even if the Collector never answers. */
  shutdown(timeoutMillis: number): Promise<void>;
}

/** Builds and installs the global tracer provider, propagator, context manager and instrumentations. */
export function startSdk(config: ResolvedConfig, logger: DiagLogger): RunningSdk {
  const warn = (message: string) => logger.warn(message);
  const exporters = createSpanExporters(config, warn).map(
    (exporter, index) =>
      new HealthReportingExporter(exporter, exportTarget(config, index), {
        warn,
        info: (message) => logger.info(message),
      }),
  );
  const tracerProvider = new TracerProvider({
    resource: createResource(config),
    sampler: createSampler(config.sampler, config.serviceName),
    spanLimits: { ...config.spanLimits },
    spanProcessors: [
      ...(config.baggageAttributes.length > 0 ? [new BaggageAttributesSpanProcessor(config.baggageAttributes)] : []),
      ...exporters.map((exporter) => new BatchSpanProcessor({ exporter, ...config.batch })),
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

  let stopping: Promise<void> | undefined;
  return {
    config,
    tracerProvider,
    instrumentations,
    exportStats: () => exporters.map((exporter) => exporter.stats),
    forceFlush: (timeoutMillis) => withDeadline(tracerProvider.forceFlush({ timeoutMillis }), timeoutMillis),
    shutdown(timeoutMillis) {
      stopping ??= (async () => {
        instrumentations.disable();
        await withDeadline(tracerProvider.shutdown(), timeoutMillis);
        trace.disable();
        propagation.disable();
        context.disable();
      })();
      return stopping;
    },
  };
}

function exportTarget(config: ResolvedConfig, index: number): string {
  return config.tracesExporters[index] === 'console' ? 'the console' : redactUrlCredentials(config.otlp.endpoint);
}

/** Resolves when `work` settles or after `millis`, whichever is first; never rejects. */
async function withDeadline(work: Promise<unknown>, millis: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, millis);
  });
  try {
    await Promise.race([work.then(() => undefined, () => undefined), deadline]);
  } finally {
    clearTimeout(timer);
  }
}
