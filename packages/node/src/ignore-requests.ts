/**
 * Which inbound requests are left untraced (configured paths, Kubernetes probes): one rule,
 * shared with @tracekit/express so both packages always agree.
 */
export { createIgnoreRequest as createIgnoreIncomingRequest } from '@tracekit/express';
