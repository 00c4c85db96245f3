import type { TextMapPropagator } from '@opentelemetry/api';
import { CompositePropagator, W3CBaggagePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import { messages } from './messages.js';
import type { PropagationTarget } from './types.js';

/**
 * The request headers this package adds for a backend origin. A backend on another origin
 * must allow them in its CORS preflight answer (`Access-Control-Allow-Headers`).
 */
export const CORS_ALLOW_HEADERS: readonly string[] = Object.freeze(['traceparent', 'tracestate', 'baggage']);

/**
 * Response headers that @tracekit/express sends and a script may read only when a backend on
 * another origin lists them in `Access-Control-Expose-Headers`.
 */
export const CORS_EXPOSE_HEADERS: readonly string[] = Object.freeze(['traceresponse', 'Server-Timing']);

/** W3C Trace Context and Baggage: the headers of `CORS_ALLOW_HEADERS`, nothing else. */
export function createPropagator(): TextMapPropagator {
  return new CompositePropagator({ propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()] });
}

/**
 * Validates `propagateTo`: origins are normalised (`https://API.example.com:443/x` →
 * `https://api.example.com`), `'self'` becomes the page's origin, RegExps are kept.
 */
export function resolvePropagationTargets(entries: readonly unknown[], pageUrl: string): { targets: (string | RegExp)[]; warnings: string[] } {
  const targets: (string | RegExp)[] = [];
  const warnings: string[] = [];
  for (const entry of entries) {
    if (entry instanceof RegExp) {
      targets.push(entry);
      continue;
    }
    if (typeof entry !== 'string' || entry.trim() === '') {
      warnings.push(messages.badPropagationTarget(entry));
      continue;
    }
    const value = entry.trim();
    if (value === '*' || value.includes('*')) {
      warnings.push(messages.wildcardPropagationTarget(value));
      continue;
    }
    if (value.toLowerCase() === 'self') {
      targets.push(new URL(pageUrl).origin);
      continue;
    }
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      warnings.push(messages.badPropagationTarget(entry));
      continue;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      warnings.push(messages.badPropagationTarget(entry));
      continue;
    }
    if (url.pathname !== '/' || url.search !== '' || url.hash !== '') warnings.push(messages.propagationTargetHasPath(value, url.origin));
    targets.push(url.origin);
  }
  return { targets: [...new Set(targets)], warnings };
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * One anchored RegExp per target, for the fetch instrumentation: an origin matches its own
 * URLs only (`https://api.example.com` never matches `https://api.example.com.evil.net/`).
 */
export function toUrlPatterns(targets: readonly PropagationTarget[]): RegExp[] {
  return targets.map((target) => (target instanceof RegExp ? target : new RegExp(`^${escapeRegExp(target)}(?:[/?#]|$)`, 'i')));
}

/** Whether a request to `url` (absolute, or relative to the page) may carry trace headers. */
export function shouldPropagate(url: string, targets: readonly PropagationTarget[], pageUrl: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url, pageUrl);
  } catch {
    return false;
  }
  return targets.some((target) => {
    if (!(target instanceof RegExp)) return target === parsed.origin;
    target.lastIndex = 0;
    return target.test(parsed.href);
  });
}
