/**
 * Exponential backoff with jitter, as the OTLP exporter specification asks for transient
 * failures. The numbers match the upstream OTLP/HTTP exporter's, so a gRPC Collector and an
 * HTTP one are retried on the same schedule.
 */
export interface BackoffPolicy {
  /** Delay before the first retry. */
  readonly initialMillis: number;
  readonly maxMillis: number;
  readonly multiplier: number;
  /** Each delay is moved by up to ± this share of itself, so clients do not retry in lockstep. */
  readonly jitter: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = Object.freeze({
  initialMillis: 1000,
  maxMillis: 5000,
  multiplier: 1.5,
  jitter: 0.2,
});

/** The delay before retry number `retry` (1 for the first retry); never negative. */
export function backoffDelay(retry: number, policy: BackoffPolicy = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const exponential = policy.initialMillis * policy.multiplier ** Math.max(0, retry - 1);
  const capped = Math.min(exponential, policy.maxMillis);
  return Math.max(0, capped * (1 + policy.jitter * (2 * random() - 1)));
}
