/** Every sentence @tracekit/web shows a user, named so tests can assert them. */

function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value instanceof RegExp) return String(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

export const WARNING_PREFIX = '[@tracekit/web]';

export const messages = {
  missingServiceName: (value: unknown) =>
    `serviceName is ${value === undefined ? 'missing' : `${show(value)}, not a non-empty string`}; spans are sent as "unknown_service". ` +
    'Set serviceName (data-service-name on the script tag) to the name you want to find them under.',
  unknownOption: (name: string, known: readonly string[]) =>
    `unknown option ${show(name)} is ignored; the options are ${known.join(', ')}.`,
  badCollectorUrl: (value: unknown, fallback: string) =>
    `collectorUrl ${show(value)} is not a URL; spans go to ${fallback} instead.`,
  badPropagationTarget: (value: unknown) =>
    `propagateTo entry ${show(value)} is not an origin (like "https://api.example.com"), "self" or a RegExp; ` +
    'it is skipped, so no trace headers go there. The other entries still apply.',
  propagationTargetHasPath: (value: string, origin: string) =>
    `propagateTo entry ${show(value)} has a path; trace headers go to its whole origin ${origin}. Write the origin alone to silence this warning.`,
  wildcardPropagationTarget: (value: string) =>
    `propagateTo entry ${show(value)} would send trace headers to every origin, third parties included; it is skipped. List your backends' origins instead.`,
  badPropagateTo: (value: unknown) =>
    `propagateTo ${show(value)} is not a list; trace headers go to the page's own origin only.`,
  badSampler: (value: unknown, allowed: readonly string[], fallback: string) =>
    `sampler ${show(value)} is not one of ${allowed.join(', ')} nor a Sampler object; ${fallback} is used instead.`,
  badSampleRatio: (value: unknown) =>
    `sampleRatio ${show(value)} is not a number from 0 to 1; 1 (keep every trace) is used instead.`,
  badBoolean: (name: string, value: unknown, fallback: boolean) =>
    `${name} ${show(value)} is not true or false; ${fallback} is used instead.`,
  badUserInteraction: (value: unknown) =>
    `userInteraction ${show(value)} is not true, false or a list of event types like ["click", "submit"]; user interactions are not traced.`,
  badSessionStorage: (value: unknown, allowed: readonly string[]) =>
    `session.storage ${show(value)} is not one of ${allowed.join(', ')}; localStorage is used instead.`,
  badPositiveNumber: (name: string, value: unknown, fallback: number) =>
    `${name} ${show(value)} is not a positive number; ${fallback} is used instead.`,
  badResourceAttributes: (value: unknown) =>
    `resourceAttributes ${show(value)} is not an object of attribute values; it is ignored.`,
  badResourceAttributeEntry: (entry: string) =>
    `resource attribute ${show(entry)} is not key=value; it is skipped.`,
  alreadyInitialized: () =>
    'init() was called again: tracing is already running, so the first configuration stays. Call shutdown() on the first one to start over.',
  noBrowser: () => 'init() needs a browser window (document and location); tracing stays off.',
  exportFailed: (url: string, detail: string) => `sending spans to ${url} failed (${detail}); that batch is dropped.`,
} as const;
