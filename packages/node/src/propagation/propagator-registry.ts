import { diag, type TextMapPropagator } from '@opentelemetry/api';
import { CompositePropagator } from '@opentelemetry/core';
import { requireModule } from '../load-module.js';
import { PROPAGATOR_NAMES, type PropagatorName } from '../types.js';
import { JaegerPropagator } from './jaeger.js';
import { NoopTextMapPropagator } from './noop-propagator.js';
import { W3CBaggagePropagator } from './w3c-baggage.js';
import { W3CTraceContextPropagator } from './w3c-trace-context.js';

export function unknownPropagatorWarning(name: string): string {
  return `Ignoring unknown propagator "${name}"; supported names are: ${PROPAGATOR_NAMES.join(', ')}.`;
}

const diagnostics = diag.createComponentLogger({ namespace: '@tracekit/node/propagation' });

type B3Module = typeof import('@opentelemetry/propagator-b3');

/** Upstream propagators are loaded only when configured, to keep start-up short. */
const PROPAGATOR_FACTORIES: Readonly<Record<Exclude<PropagatorName, 'none'>, () => TextMapPropagator>> = {
  tracecontext: () => new W3CTraceContextPropagator(),
  baggage: () => new W3CBaggagePropagator(),
  // B3 extracts both encodings either way; the name only chooses what inject writes.
  b3: () => {
    const { B3Propagator, B3InjectEncoding } = requireModule('@opentelemetry/propagator-b3') as B3Module;
    return new B3Propagator({ injectEncoding: B3InjectEncoding.SINGLE_HEADER });
  },
  b3multi: () => {
    const { B3Propagator, B3InjectEncoding } = requireModule('@opentelemetry/propagator-b3') as B3Module;
    return new B3Propagator({ injectEncoding: B3InjectEncoding.MULTI_HEADER });
  },
  jaeger: () => new JaegerPropagator(),
  xray: () =>
    new (requireModule('@opentelemetry/propagator-aws-xray') as typeof import('@opentelemetry/propagator-aws-xray')).AWSXRayPropagator(),
  ottrace: () =>
    new (requireModule('@opentelemetry/propagator-ot-trace') as typeof import('@opentelemetry/propagator-ot-trace')).OTTracePropagator(),
};

export function isPropagatorName(name: string): name is PropagatorName {
  return (PROPAGATOR_NAMES as readonly string[]).includes(name);
}

/**
 * Builds the propagator for a resolved `OTEL_PROPAGATORS` list, in list order (a later
 * propagator wins when two extract the same thing). Repeated names count once. `none` only
 * means "no propagation" on its own: next to other names it adds nothing and is ignored, and
 * an empty list also propagates nothing (defaults are the configuration's job).
 * The result is always a `CompositePropagator`, even for one name, because it catches and logs
 * what a propagator throws instead of letting it reach the instrumented request.
 */
export function createPropagator(names: readonly PropagatorName[]): TextMapPropagator {
  const propagators: TextMapPropagator[] = [];
  for (const name of new Set(names)) {
    if (name === 'none') continue;
    const factory = isPropagatorName(name) ? PROPAGATOR_FACTORIES[name] : undefined;
    if (factory) propagators.push(factory());
    else diagnostics.warn(unknownPropagatorWarning(String(name)));
  }
  return propagators.length === 0 ? new NoopTextMapPropagator() : new CompositePropagator({ propagators });
}
