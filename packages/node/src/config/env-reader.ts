import type { Env, EnvName } from './env-names.js';
import { warningText } from './warnings.js';

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
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const lower = value.toLowerCase();
    if (lower === 'true') return true;
    if (lower === 'false') return false;
    this.warn(warningText.invalidBoolean(name, value, fallback));
    return fallback;
  }

  /** A non-negative integer; `fallbackLabel` describes the fallback in the warning. */
  integer(name: EnvName, fallback: number, fallbackLabel = String(fallback)): number {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value))) {
      this.warn(warningText.invalidInteger(name, value, fallbackLabel));
      return fallback;
    }
    return Number(value);
  }

  enumOf<T extends string>(name: EnvName, allowed: readonly T[], fallback: T): T {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const match = allowed.find((candidate) => candidate === value.toLowerCase());
    if (match !== undefined) return match;
    this.warn(warningText.invalidEnum(name, value, allowed, fallback));
    return fallback;
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
