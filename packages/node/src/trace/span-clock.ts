import type { HrTime, TimeInput } from '@opentelemetry/api';
import { millisToHrTime as epochMillisToHrTime, isTimeInputHrTime } from '@opentelemetry/core';

/**
 * Span times read from the clock, as milliseconds since `performance.timeOrigin`: one double per
 * timestamp, precise to the nanosecond for months of uptime, instead of the SDK's
 * `[seconds, nanoseconds]` arrays (two allocations and several conversions per span). Epoch
 * time is the origin plus this. Times a caller gives are kept as the SDK reads them (HrTime).
 *
 * The monotonic clock and the wall clock part when the wall clock is stepped or the machine
 * was suspended, so the offset between them is measured again at most once a second, and taken
 * only when it moved by more than the millisecond granularity of `Date.now()`: span durations
 * always come from the monotonic clock alone.
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
  return monotonic + correctionAt(monotonic);
}

/** What to add to a `performance.now()` reading to put it on the wall clock's time line. */
function correctionAt(monotonic: number): number {
  if (monotonic - correctedAt >= RESYNC_INTERVAL_MILLIS) resync(monotonic);
  return wallClockCorrection;
}

function resync(monotonic: number): void {
  correctedAt = monotonic;
  const measured = Date.now() - ORIGIN_MILLIS - monotonic;
  if (Math.abs(measured - wallClockCorrection) > 1) wallClockCorrection = measured;
}

/**
 * A time a caller gave (start, end, event) as the SDK reads it: a number up to now is a
 * `performance.now()` reading, a larger one epoch milliseconds; a Date; an HrTime as it is.
 * Undefined for a value that is no time input (the clock is used instead, as the SDK does).
 */
export function givenTimeToHrTime(input: TimeInput): HrTime | undefined {
  if (typeof input === 'number') {
    const monotonic = performance.now();
    if (input > monotonic) return epochMillisToHrTime(input);
    return millisToHrTime(input + correctionAt(monotonic));
  }
  if (input instanceof Date) return epochMillisToHrTime(input.getTime());
  return isTimeInputHrTime(input) ? input : undefined;
}

/** An HrTime as milliseconds since the origin (for ordering; not exact years away from now). */
export function hrTimeToMillis(time: HrTime): number {
  return (time[0] - ORIGIN_SECONDS) * 1000 + (time[1] - ORIGIN_NANOS) / 1e6;
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
