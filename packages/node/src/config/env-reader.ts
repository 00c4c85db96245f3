import type { Env, EnvName } from './env-names.js';
import { warningText } from './warnings.js';

/** setTimeout turns larger delays into 1 ms. */
export const MAX_TIMER_MILLIS = 2 ** 31 - 1;

/**
 * Reads OTEL_* / TRACEKIT_* values the way the OpenTelemetry specification says: empty
 * means unset, enums are case-insensitive, a bad value is reported once and ignored.
 * One method per value kind; every warning lands in `warnings`.
 */
export class EnvReader {
  readonly warnings: string[] = [];

  constructor(private readonly env: Env) {}

  /** The trimmed value, or undefined when unset or empty. */
  raw(name: EnvName): string | undefined {
    const value = this.env[name]?.trim();
    return value ? value : undefined;
  }

  /** The first of `names` that is set, with its value (signal-specific before generic). */
  firstSet(...names: EnvName[]): { name: EnvName; value: string } | undefined {
    for (const name of names) {
      const value = this.raw(name);
      if (value !== undefined) return { name, value };
    }
    return undefined;
  }

  warn(message: string): void {
    this.warnings.push(message);
  }

  boolean(name: EnvName, fallback: boolean): boolean {
    return this.optionalBoolean(name, fallback) ?? fallback;
  }

  /**
   * A non-negative integer at least `min`; `fallbackLabel` describes the fallback in the warning.
   * Invalid values read as unset (undefined) after a warning, so a caller can fall back to
   * another variable before the default.
   */
  optionalInteger(name: EnvName, fallbackLabel: string, min = 0): number | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value)) || Number(value) < min) {
      this.warn(
        min > 0
          ? warningText.invalidPositiveInteger(name, value, fallbackLabel)
          : warningText.invalidInteger(name, value, fallbackLabel),
      );
      return undefined;
    }
    return Number(value);
  }

  integer(name: EnvName, fallback: number, fallbackLabel = String(fallback), min = 0): number {
    return this.optionalInteger(name, fallbackLabel, min) ?? fallback;
  }

  /**
   * A duration in milliseconds where 0 means "no limit" (the specification's reading of a
   * zero timeout), capped at the largest delay Node timers accept.
   */
  optionalTimeout(name: EnvName, fallbackLabel: string): number | undefined {
    const value = this.optionalInteger(name, fallbackLabel);
    if (value === undefined) return undefined;
    return value === 0 ? MAX_TIMER_MILLIS : Math.min(value, MAX_TIMER_MILLIS);
  }

  optionalEnum<T extends string>(name: EnvName, allowed: readonly T[], fallbackLabel: string): T | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    const match = allowed.find((candidate) => candidate === value.toLowerCase());
    if (match === undefined) this.warn(warningText.invalidEnum(name, value, allowed, fallbackLabel));
    return match;
  }

  optionalBoolean(name: EnvName, fallbackLabel: boolean): boolean | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    const lower = value.toLowerCase();
    if (lower === 'true') return true;
    if (lower === 'false') return false;
    this.warn(warningText.invalidBoolean(name, value, fallbackLabel));
    return undefined;
  }

  enumOf<T extends string>(name: EnvName, allowed: readonly T[], fallback: T): T {
    return this.optionalEnum(name, allowed, fallback) ?? fallback;
  }

  /**
   * A comma-separated list of enum values: unknown entries are reported and dropped,
   * duplicates removed; when nothing usable is left the fallback applies.
   */
  enumList<T extends string>(name: EnvName, allowed: readonly T[], fallback: readonly T[]): T[] | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    const result: T[] = [];
    for (const entry of splitList(value)) {
      const match = allowed.find((candidate) => candidate === entry.toLowerCase());
      if (match === undefined) this.warn(warningText.invalidListEntry(name, entry, allowed));
      else if (!result.includes(match)) result.push(match);
    }
    if (result.length === 0 && fallback.length > 0) {
      this.warn(warningText.emptyListAfterFiltering(name, fallback.join(',')));
      return [...fallback];
    }
    return result;
  }

  /** A comma-separated list of free-form entries (paths, names). */
  list(name: EnvName): string[] | undefined {
    const value = this.raw(name);
    return value === undefined ? undefined : splitList(value);
  }
}

export function splitList(value: string): string[] {
  return value
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
}
