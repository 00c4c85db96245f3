import type { Sampler } from '@opentelemetry/sdk-trace';
import type { SamplerConfig } from './types.js';
import { requireModule } from './load-module.js';
import { DEFAULT_JAEGER_REMOTE } from './config/resolve-sampler.js';

type SdkTrace = typeof import('@opentelemetry/sdk-trace');

export function createSampler(config: SamplerConfig, serviceName: string): Sampler {
  const sdk = requireModule('@opentelemetry/sdk-trace') as SdkTrace;
  const parentBased = (root: Sampler) => new sdk.ParentBasedSampler({ root });
  switch (config.name) {
    case 'always_on':
      return new sdk.AlwaysOnSampler();
    case 'always_off':
      return new sdk.AlwaysOffSampler();
    case 'traceidratio':
      return new sdk.TraceIdRatioBasedSampler(config.ratio ?? 1);
    case 'parentbased_always_on':
      return parentBased(new sdk.AlwaysOnSampler());
    case 'parentbased_always_off':
      return parentBased(new sdk.AlwaysOffSampler());
    case 'parentbased_traceidratio':
      return parentBased(new sdk.TraceIdRatioBasedSampler(config.ratio ?? 1));
    case 'jaeger_remote':
      return createJaegerRemote(config, serviceName, sdk);
    case 'parentbased_jaeger_remote':
      return parentBased(createJaegerRemote(config, serviceName, sdk));
  }
}

function createJaegerRemote(config: SamplerConfig, serviceName: string, sdk: SdkTrace): Sampler {
  const remote = config.jaegerRemote ?? DEFAULT_JAEGER_REMOTE;
  const { JaegerRemoteSampler } = requireModule('@opentelemetry/sampler-jaeger-remote') as typeof import('@opentelemetry/sampler-jaeger-remote');
  return withUnrefTimers(
    () =>
      new JaegerRemoteSampler({
        endpoint: remote.endpoint,
        serviceName,
        poolingInterval: remote.pollingIntervalMs,
        initialSampler: new sdk.TraceIdRatioBasedSampler(remote.initialSamplingRate) as never,
      }) as unknown as Sampler,
  );
}

/**
 * The upstream remote sampler starts a polling interval it never unrefs, which would keep a
 * finished app alive forever; the interval is created synchronously in its constructor, so
 * it is caught here and unref'd.
 */
function withUnrefTimers<T>(construct: () => T): T {
  const originalSetInterval = globalThis.setInterval;
  const timers: NodeJS.Timeout[] = [];
  globalThis.setInterval = ((...args: Parameters<typeof setInterval>) => {
    const timer = originalSetInterval(...args);
    timers.push(timer);
    return timer;
  }) as typeof setInterval;
  try {
    return construct();
  } finally {
    globalThis.setInterval = originalSetInterval;
    for (const timer of timers) timer.unref();
  }
}
