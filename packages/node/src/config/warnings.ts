import { redactUrlCredentials } from './redact.js';

/**
 * Every user-facing configuration warning, as one sentence the user can act on: the
 * variable, the bad value, what is allowed, what is used instead. Tests assert these texts.
 */
export const warningText = {
  invalidEnum: (name: string, value: string, allowed: readonly string[], fallback: string) =>
    `${name}=${quote(value)} is not valid (allowed: ${allowed.join(', ')}); using ${fallback}.`,
  invalidListEntry: (name: string, entry: string, allowed: readonly string[]) =>
    `${name} contains unknown value ${quote(entry)} (allowed: ${allowed.join(', ')}); ignoring it.`,
  emptyListAfterFiltering: (name: string, fallback: string) =>
    `${name} has no usable value; using ${fallback}.`,
  invalidBoolean: (name: string, value: string, fallback: boolean) =>
    `${name}=${quote(value)} is not a boolean (allowed: true, false); using ${String(fallback)}.`,
  invalidInteger: (name: string, value: string, fallback: string) =>
    `${name}=${quote(value)} is not a non-negative integer; using ${fallback}.`,
  invalidPositiveInteger: (name: string, value: string, fallback: string) =>
    `${name}=${quote(value)} is not a positive integer; using ${fallback}.`,
  invalidRatio: (name: string, value: string, fallback: number) =>
    `${name}=${quote(value)} is not a number between 0 and 1; using ${fallback}.`,
  invalidUrl: (name: string, value: string, fallback: string) =>
    `${name}=${quote(redactUrlCredentials(value))} is not a valid http(s) URL; using ${fallback}.`,
  unreadableFile: (name: string, path: string, reason: string) =>
    `${name}=${quote(path)} cannot be read (${reason}); continuing without it.`,
  undecodableResourceAttributes: (value: string) =>
    `OTEL_RESOURCE_ATTRIBUTES=${quote(value)} cannot be decoded (expected key=value pairs separated by commas, values percent-encoded); ignoring the whole variable.`,
  invalidHeaders: (name: string, position: number) =>
    `${name} entry ${position} is not key=value (its text is not shown because headers carry credentials); ignoring that entry.`,
  batchLargerThanQueue: (batch: number, queue: number) =>
    `OTEL_BSP_MAX_EXPORT_BATCH_SIZE=${batch} is larger than OTEL_BSP_MAX_QUEUE_SIZE=${queue}; using ${queue}.`,
  jaegerRemoteArg: (entry: string) =>
    `OTEL_TRACES_SAMPLER_ARG contains ${quote(entry)}, which is not one of endpoint=<url>, pollingIntervalMs=<positive integer>, initialSamplingRate=<0..1>; ignoring the whole argument and using the defaults.`,
  samplerArgIgnored: (sampler: string) =>
    `OTEL_TRACES_SAMPLER_ARG is set but ${sampler} takes no argument; ignoring it.`,
  noneWithOthers: (name: string, others: readonly string[]) =>
    `${name} lists "none" together with ${others.join(', ')}; "none" is ignored.`,
} as const;

function quote(value: string): string {
  const shown = value.length > 200 ? `${value.slice(0, 200)}…` : value;
  return JSON.stringify(shown);
}
