import { diag, type TextMapPropagator } from '@opentelemetry/api';
import { CompositePropagator } from '@opentelemetry/core';
import { AWSXRayPropagator } from '@opentelemetry/propagator-aws-xray';
import { B3InjectEncoding, B3Propagator } from '@opentelemetry/propagator-b3';
import { OTTracePropagator } from '@opentelemetry/propagator-ot-trace';
import { JaegerPropagator } from './jaeger.js';
import { NoopTextMapPropagator } from './noop-propagator.js';
import { W3CBaggagePropagator } from './w3c-baggage.js';
import { W3CTraceContextPropagator } from './w3c-trace-context.js';

/** The `OTEL_PROPAGATORS` values we support, as the OpenTelemetry specification names them. */
export const PROPAGATOR_NAMES = [
  'tracecontext',
  'baggage',
  'b3',
  'b3multi',
  'jaeger',
  'xray',
  'ottrace',
  'none',
] as const;

export type PropagatorName = (typeof PROPAGATOR_NAMES)[number];

export const UNKNOWN_PROPAGATOR_WARNING =
  'Ignoring unknown propagator name "%s"; supported names are: ' + PROPAGATOR_NAMES.join(', ') + '.';

const diagnostics = diag.createComponentLogger({ namespace: '@tracekit/node/propagation' });

const PROPAGATOR_FACTORIES: Readonly<Record<Exclude<PropagatorName, 'none'>, () => TextMapPropagator>> = {
  tracecontext: () => new W3CTraceContextPropagator(),
  baggage: () => new W3CBaggagePropagator(),
  // B3 extracts both encodings either way; the name only chooses what inject writes.
  b3: () => new B3Propagator({ injectEncoding: B3InjectEncoding.SINGLE_HEADER }),
  b3multi: () => new B3Propagator({ injectEncoding: B3InjectEncoding.MULTI_HEADER }),
  jaeger: () => new JaegerPropagator(),
  xray: () => new AWSXRayPropagator(),
  ottrace: () => new OTTracePropagator(),
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
    else diagnostics.warn(UNKNOWN_PROPAGATOR_WARNING, String(name));
  }
  return propagators.length === 0 ? new NoopTextMapPropagator() : new CompositePropagator({ propagators });
}
