import type { HrTime, TimeInput } from '@opentelemetry/api';
import { isTimeInputHrTime } from '@opentelemetry/core';

/**
 * Span times as milliseconds since `performance.timeOrigin`: one double per timestamp, small
 * enough to keep nanosecond precision, instead of the SDK's `[seconds, nanoseconds]` arrays
 * (two allocations and several conversions per span). Epoch time is the origin plus this.
 *
 * The monotonic clock drifts from the wall clock (NTP slews it, a suspended VM stops it), so
 * the offset between them is measured again at most once a second, and taken only when it
 * moved by more than the millisecond granularity of `Date.now()`: span durations always come
 * from the monotonic clock alone.
 */
const ORIGIN_MILLIS = performance.timeOrigin;
const ORIGIN_SECONDS = Math.trunc(ORIGIN_MILLIS / 1000);
const ORIGIN_NANOS = Math.round((ORIGIN_MILLIS - ORIGIN_SECONDS * 1000) * 1e6);
const RESYNC_INTERVAL_MILLIS = 1000;
const NANOS_PER_SECOND = 1e9;

let wallClockCorrection = 0;
let correctedAt = Number.NEGATIVE_INFINITY;

/** Now, in milliseconds since the time origin, on the wall clock's time line. */
export function nowMillis(): number {
  return monotonicToMillis(performance.now());
}

/** A `performance.now()` reading just taken, in milliseconds since the time origin on the wall clock's time line. */
export function monotonicToMillis(monotonic: number): number {
  if (monotonic - correctedAt >= RESYNC_INTERVAL_MILLIS) resync(monotonic);
  return monotonic + wallClockCorrection;
}

function resync(monotonic: number): void {
  correctedAt = monotonic;
  const measured = Date.now() - ORIGIN_MILLIS - monotonic;
  if (Math.abs(measured - wallClockCorrection) > 1) wallClockCorrection = measured;
}

/**
 * A user-given start or end time as milliseconds since the time origin, read as the SDK reads
 * it; undefined for a value that is no time input (the SDK then uses the clock).
 */
export function timeInputToMillis(input: TimeInput): number | undefined {
  if (typeof input === 'number') {
    // A number up to now is a `performance.now()` reading; a larger one is epoch milliseconds.
    return input <= performance.now() ? input + wallClockCorrection : input - ORIGIN_MILLIS;
  }
  if (input instanceof Date) return input.getTime() - ORIGIN_MILLIS;
  if (!isTimeInputHrTime(input)) return undefined;
  return (input[0] - ORIGIN_SECONDS) * 1000 + (input[1] - ORIGIN_NANOS) / 1e6;
}

/** Epoch seconds and nanoseconds of a time in milliseconds since the origin. */
export function millisToHrTime(millis: number): HrTime {
  const nanos = ORIGIN_NANOS + Math.round(millis * 1e6);
  const carry = Math.floor(nanos / NANOS_PER_SECOND);
  return [ORIGIN_SECONDS + carry, nanos - carry * NANOS_PER_SECOND];
}

/** A duration in milliseconds as `[seconds, nanoseconds]`. */
export function durationToHrTime(millis: number): HrTime {
  const nanos = Math.round(millis * 1e6);
  const seconds = Math.floor(nanos / NANOS_PER_SECOND);
  return [seconds, nanos - seconds * NANOS_PER_SECOND];
}

/** For the encoder: the origin's epoch seconds and the nanoseconds to add for a time. */
export const TIME_ORIGIN_SECONDS = ORIGIN_SECONDS;
export function nanosAfterOriginSecond(millis: number): number {
  return ORIGIN_NANOS + Math.round(millis * 1e6);
}
