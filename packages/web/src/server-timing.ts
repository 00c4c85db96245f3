/** The Server-Timing metric @tracekit/express uses to hand the page's trace to the browser. */
export const SERVER_TIMING_TRACEPARENT = 'traceparent';

const TRACEPARENT = /^00-(?!0{32})[0-9a-f]{32}-(?!0{16})[0-9a-f]{16}-[0-9a-f]{2}$/;

interface NavigationTiming {
  serverTiming?: readonly { name: string; description: string }[];
}

/**
 * The `traceparent` of the server span that answered the page itself, from the navigation
 * entry's Server-Timing (`Server-Timing: traceparent;desc="00-…-…-01"`), or undefined.
 */
export function serverTraceparent(perf: Pick<Performance, 'getEntriesByType'> | undefined): string | undefined {
  const [navigation] = (perf?.getEntriesByType?.('navigation') ?? []) as NavigationTiming[];
  const entry = navigation?.serverTiming?.find((timing) => timing.name === SERVER_TIMING_TRACEPARENT);
  const value = entry?.description?.trim().toLowerCase();
  return value && TRACEPARENT.test(value) ? value : undefined;
}

/**
 * Makes the page-load spans children of the server span that rendered the page: the
 * document-load instrumentation takes its parent from `<meta name="traceparent">`, so when the
 * page has none, one is added with the value from Server-Timing. A meta tag the page rendered
 * itself wins. Returns the traceparent now in effect, if any.
 */
export function continueServerTrace(doc: Document, perf: Pick<Performance, 'getEntriesByType'> | undefined): string | undefined {
  const existing = doc.querySelector<HTMLMetaElement>('meta[name="traceparent"]');
  if (existing) return existing.content || undefined;
  const traceparent = serverTraceparent(perf);
  if (!traceparent) return undefined;
  const meta = doc.createElement('meta');
  meta.name = 'traceparent';
  meta.content = traceparent;
  (doc.head ?? doc.documentElement).appendChild(meta);
  return traceparent;
}
