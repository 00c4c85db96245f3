import { context, DiagConsoleLogger, DiagLogLevel, diag, propagation, type Tracer, trace } from '@opentelemetry/api';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { DocumentLoadInstrumentation } from '@opentelemetry/instrumentation-document-load';
import { FetchInstrumentation } from '@opentelemetry/instrumentation-fetch';
import { defaultResource, resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, type SpanProcessor, StackContextManager, TracerProvider } from '@opentelemetry/sdk-trace';
import { type ResolvedConfig, resolveConfig } from './config.js';
import { captureErrors } from './errors.js';
import { OtlpJsonExporter } from './exporter.js';
import { messages, WARNING_PREFIX } from './messages.js';
import { OpenSpans } from './open-spans.js';
import { onPageHidden } from './page-lifecycle.js';
import { createPropagator, shouldPropagate, toUrlPatterns } from './propagation.js';
import { createSampler } from './sampler.js';
import { continueServerTrace } from './server-timing.js';
import { Session, SessionSpanProcessor } from './session.js';
import type { TracekitWeb, TracekitWebOptions } from './types.js';
import { UserInteractions } from './user-interaction.js';
import { PACKAGE_NAME, PACKAGE_VERSION } from './version.js';
import { instrumentXhr } from './xhr.js';

let running: TracekitWeb | undefined;

/**
 * Starts browser tracing: registers a tracer provider, W3C Trace Context + Baggage propagation
 * (to `propagateTo` origins only), the instrumentations, and OTLP/HTTP JSON export to
 * `collectorUrl` that flushes when the page is hidden or closed. Call it once, as early as
 * possible. Configuration problems are reported with `console.warn` and never throw.
 */
export function init(options: TracekitWebOptions): TracekitWeb {
  if (running) {
    console.warn(`${WARNING_PREFIX} ${messages.alreadyInitialized()}`);
    return running;
  }
  if (typeof window === 'undefined' || typeof document === 'undefined' || typeof location === 'undefined') {
    console.warn(`${WARNING_PREFIX} ${messages.noBrowser()}`);
    return disabledHandle();
  }
  const { config, warnings } = resolveConfig(options, location.href);
  for (const warning of warnings) console.warn(`${WARNING_PREFIX} ${warning}`);
  if (config.debug) {
    diag.setLogger(new DiagConsoleLogger(), DiagLogLevel.DEBUG);
    console.info(`${WARNING_PREFIX} effective configuration`, describeConfig(config));
  }
  running = start(config, options.spanProcessors ?? []);
  return running;
}

function start(config: ResolvedConfig, extraProcessors: SpanProcessor[]): TracekitWeb {
  const pageUrl = location.href;
  const pageFetch = typeof fetch === 'function' ? fetch.bind(globalThis) : undefined;
  const sendBeacon = typeof navigator !== 'undefined' && typeof navigator.sendBeacon === 'function' ? navigator.sendBeacon.bind(navigator) : undefined;
  const exporter = new OtlpJsonExporter({ url: config.collectorUrl, fetch: pageFetch, sendBeacon });
  const session = config.session ? new Session(config.session) : undefined;
  const openSpans = new OpenSpans();
  const interactions = config.userInteraction.length > 0 ? new UserInteractions(config.userInteraction) : undefined;
  const spanProcessors: SpanProcessor[] = [
    ...(session ? [new SessionSpanProcessor(session)] : []),
    ...extraProcessors,
    openSpans,
    ...(interactions ? [interactions] : []),
    new BatchSpanProcessor({ exporter, ...config.batch, disableAutoFlushOnDocumentHide: true }),
  ];
  const provider = new TracerProvider({
    resource: defaultResource().merge(
      resourceFromAttributes({
        ...config.resourceAttributes,
        'service.name': config.serviceName,
        'telemetry.distro.name': PACKAGE_NAME,
        'telemetry.distro.version': PACKAGE_VERSION,
      }),
    ),
    sampler: createSampler(config.sampler, config.sampleRatio),
    spanProcessors,
  });
  trace.setGlobalTracerProvider(provider);
  context.setGlobalContextManager(new StackContextManager().enable());
  propagation.setGlobalPropagator(createPropagator());

  const tracer = provider.getTracer(PACKAGE_NAME, PACKAGE_VERSION);
  const isCollector = (url: string) => url.split(/[?#]/)[0] === config.collectorUrl;
  const stops: (() => void)[] = [];
  stops.push(onPageHidden(window, document, (unloading) => {
    if (unloading) openSpans.endAll();
    provider.forceFlush().catch(() => {});
  }));
  if (config.documentLoad && config.serverTiming) continueServerTrace(document, globalThis.performance);
  const instrumentations = [];
  if (config.documentLoad) instrumentations.push(new DocumentLoadInstrumentation());
  if (config.fetch) {
    instrumentations.push(
      new FetchInstrumentation({
        propagateTraceHeaderCorsUrls: toUrlPatterns(config.propagateTo),
        ignoreUrls: toUrlPatterns([config.collectorUrl]),
      }),
    );
  }
  if (instrumentations.length > 0) stops.push(registerInstrumentations({ tracerProvider: provider, instrumentations }));
  if (config.xhr) {
    stops.push(
      instrumentXhr(tracer, { pageUrl, ignore: isCollector, propagate: (url) => shouldPropagate(url, config.propagateTo, pageUrl) }),
    );
  }
  if (interactions) {
    interactions.enable(tracer, window.EventTarget);
    stops.push(() => interactions.disable());
  }
  if (config.errors) stops.push(captureErrors(tracer, window));

  const handle: TracekitWeb = {
    tracerProvider: provider,
    getTracer: (name = PACKAGE_NAME, version?: string): Tracer => provider.getTracer(name, version),
    get sessionId() {
      return session?.id();
    },
    flush: () => provider.forceFlush(),
    shutdown: async () => {
      for (const stop of stops.reverse()) stop();
      try {
        await provider.shutdown();
      } finally {
        trace.disable();
        context.disable();
        propagation.disable();
        if (running === handle) running = undefined;
      }
    },
  };
  return handle;
}

function disabledHandle(): TracekitWeb {
  return {
    tracerProvider: trace.getTracerProvider(),
    getTracer: (name = PACKAGE_NAME, version?: string) => trace.getTracer(name, version),
    sessionId: undefined,
    flush: () => Promise.resolve(),
    shutdown: () => Promise.resolve(),
  };
}

function describeConfig(config: ResolvedConfig): Record<string, unknown> {
  const collectorUrl = new URL(config.collectorUrl);
  if (collectorUrl.username || collectorUrl.password) {
    collectorUrl.username = 'REDACTED';
    collectorUrl.password = '';
  }
  return {
    ...config,
    collectorUrl: collectorUrl.href,
    propagateTo: config.propagateTo.map(String),
    sampler: typeof config.sampler === 'string' ? config.sampler : config.sampler.toString(),
  };
}
