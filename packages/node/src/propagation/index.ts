export { BAGGAGE_MAX_BYTES, BAGGAGE_MAX_MEMBERS } from './baggage-limits.js';
export { JaegerPropagator, UBER_BAGGAGE_HEADER_PREFIX, UBER_TRACE_ID_HEADER } from './jaeger.js';
export { NoopTextMapPropagator } from './noop-propagator.js';
export {
  createPropagator,
  isPropagatorName,
  unknownPropagatorWarning,
} from './propagator-registry.js';
export { PROPAGATOR_NAMES } from '../types.js';
export type { PropagatorName } from '../types.js';
export {
  isValidTraceStateKey,
  isValidTraceStateValue,
  TRACE_STATE_MAX_MEMBERS,
  TRACE_STATE_MAX_PROPAGATED_LENGTH,
  W3CTraceState,
} from './trace-state.js';
export { BAGGAGE_HEADER, W3CBaggagePropagator } from './w3c-baggage.js';
export { TRACEPARENT_HEADER, TRACESTATE_HEADER, W3CTraceContextPropagator } from './w3c-trace-context.js';
