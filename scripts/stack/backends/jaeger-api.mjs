// A small client for the Jaeger query HTTP API (/api/services, /api/traces, /api/traces/{id})
// that turns Jaeger's JSON into plain span objects:
//
//   { traceId, spanId, parentSpanId, service, operation, startUs, durationUs, kind, error,
//     tags: { key: value }, resource: { 'service.name': ..., ...process tags }, links, events }
//
// (links and events are extras: FOLLOWS_FROM references and span logs.)
//
// Jaeger's JSON: envelope { data, total, limit, offset, errors }; a trace is { traceID, spans,
// processes }; a span has spanID, operationName, references [{ refType: CHILD_OF|FOLLOWS_FROM,
// traceID, spanID }], startTime and duration in µs, tags [{ key, type, value }], logs and a
// processID into processes { serviceName, tags }. OTLP spans arrive with the parent as a CHILD_OF
// reference, links as FOLLOWS_FROM, kind as the `span.kind` tag and status as
// `otel.status_code` (plus `error: true` for ERROR).

/**
 * @typedef {object} JaegerSpan
 * @property {string} traceId 32 hex digits
 * @property {string} spanId 16 hex digits
 * @property {string | undefined} parentSpanId
 * @property {string} service
 * @property {string} operation
 * @property {number} startUs
 * @property {number} durationUs
 * @property {'server' | 'client' | 'producer' | 'consumer' | 'internal' | 'unspecified'} kind
 * @property {boolean} error
 * @property {Record<string, unknown>} tags
 * @property {Record<string, unknown>} resource
 * @property {{ traceId: string, spanId: string }[]} links
 * @property {{ timeUs: number, name: unknown, fields: Record<string, unknown> }[]} events OTLP events; the name is the `event` field
 */

/** @typedef {{ traceId: string, spans: JaegerSpan[] }} JaegerTrace */

/** @param {string} queryUrl e.g. http://127.0.0.1:15686 */
export function jaegerClient(queryUrl) {
  const base = queryUrl.replace(/\/+$/, '');

  async function get(path, { allowNotFound = false } = {}) {
    const response = await fetch(`${base}${path}`, { signal: AbortSignal.timeout(10_000) });
    if (allowNotFound && response.status === 404) return undefined;
    const text = await response.text();
    let body;
    try {
      body = JSON.parse(text);
    } catch {
      throw new Error(`Jaeger ${path}: HTTP ${response.status}, not JSON: ${text.slice(0, 300)}`);
    }
    if (!response.ok || (body.errors && body.errors.length > 0)) {
      if (allowNotFound && body.errors?.every((e) => e.code === 404)) return undefined;
      throw new Error(`Jaeger ${path}: HTTP ${response.status} ${JSON.stringify(body.errors ?? body).slice(0, 500)}`);
    }
    return body.data;
  }

  /** @returns {Promise<string[]>} */
  async function getServices() {
    return ((await get('/api/services')) ?? []).sort();
  }

  /** @returns {Promise<string[]>} */
  async function getOperations(service) {
    return ((await get(`/api/services/${encodeURIComponent(service)}/operations`)) ?? []).sort();
  }

  /**
   * Traces of a service, newest first as Jaeger returns them.
   * @param {{ service: string, operation?: string, tags?: Record<string, string | number | boolean>,
   *   limit?: number, lookback?: number | string, minDuration?: string, maxDuration?: string }} query
   *   lookback: how far back to search, in ms or as '15m', '1h' (default 1h).
   * @returns {Promise<JaegerTrace[]>}
   */
  async function findTraces({ service, operation, tags, limit = 20, lookback = '1h', minDuration, maxDuration }) {
    if (!service) throw new TypeError('findTraces needs a service');
    const endUs = Date.now() * 1000;
    const params = new URLSearchParams({
      service,
      limit: String(limit),
      start: String(endUs - toMs(lookback) * 1000),
      end: String(endUs),
    });
    if (operation) params.set('operation', operation);
    if (tags && Object.keys(tags).length > 0) {
      params.set('tags', JSON.stringify(Object.fromEntries(Object.entries(tags).map(([k, v]) => [k, String(v)]))));
    }
    if (minDuration) params.set('minDuration', minDuration);
    if (maxDuration) params.set('maxDuration', maxDuration);
    return ((await get(`/api/traces?${params}`)) ?? []).map(toTrace);
  }

  /**
   * @param {string} traceId hex, with or without leading zeros
   * @returns {Promise<JaegerTrace | undefined>} undefined when Jaeger has no such trace
   */
  async function getTrace(traceId) {
    const data = await get(`/api/traces/${normalizeTraceId(traceId)}`, { allowNotFound: true });
    return data && data.length > 0 ? toTrace(data[0]) : undefined;
  }

  /**
   * Polls until the trace exists and predicate(trace) holds (by default: it has a span), so a
   * test can wait for a trace that is still being batched and exported.
   * @param {string} traceId
   * @param {(trace: JaegerTrace) => boolean} [predicate]
   * @param {number} [timeoutMs]
   * @returns {Promise<JaegerTrace>}
   */
  async function waitForTrace(traceId, predicate = (trace) => trace.spans.length > 0, timeoutMs = 10_000) {
    const deadline = Date.now() + timeoutMs;
    let last;
    for (;;) {
      last = await getTrace(traceId);
      if (last && predicate(last)) return last;
      if (Date.now() >= deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const seen = last
      ? `it has ${last.spans.length} span(s): ${last.spans.map((s) => `${s.service}/${s.operation}`).join(', ')}`
      : 'Jaeger has no such trace';
    throw new Error(`trace ${normalizeTraceId(traceId)} did not match within ${timeoutMs} ms; ${seen}`);
  }

  return { getServices, getOperations, findTraces, getTrace, waitForTrace };
}

/** Converts one trace of Jaeger's JSON. Exported for tests of the conversion. */
export function toTrace(jaegerTrace) {
  const processes = jaegerTrace.processes ?? {};
  const spans = (jaegerTrace.spans ?? []).map((span) => toSpan(span, processes[span.processID]));
  spans.sort((a, b) => a.startUs - b.startUs);
  return { traceId: normalizeTraceId(jaegerTrace.traceID), spans };
}

function toSpan(span, process = { serviceName: '', tags: [] }) {
  const tags = toRecord(span.tags);
  const references = span.references ?? [];
  const parent = references.find((ref) => ref.refType === 'CHILD_OF');
  return {
    traceId: normalizeTraceId(span.traceID),
    spanId: span.spanID.padStart(16, '0'),
    parentSpanId: parent ? parent.spanID.padStart(16, '0') : undefined,
    service: process.serviceName,
    operation: span.operationName,
    startUs: span.startTime,
    durationUs: span.duration,
    kind: typeof tags['span.kind'] === 'string' ? tags['span.kind'] : 'unspecified',
    error: tags.error === true || tags['otel.status_code'] === 'ERROR',
    tags,
    resource: { 'service.name': process.serviceName, ...toRecord(process.tags) },
    links: references
      .filter((ref) => ref.refType !== 'CHILD_OF')
      .map((ref) => ({ traceId: normalizeTraceId(ref.traceID), spanId: ref.spanID.padStart(16, '0') })),
    events: (span.logs ?? []).map((log) => {
      const fields = toRecord(log.fields);
      return { timeUs: log.timestamp, name: fields.event, fields };
    }),
  };
}

/** Jaeger key/value list → object; int64 and float64 become numbers, bool stays boolean. */
function toRecord(keyValues = []) {
  const record = {};
  for (const { key, type, value } of keyValues) {
    record[key] = type === 'int64' || type === 'float64' ? Number(value) : value;
  }
  return record;
}

/** Jaeger prints a trace id whose high 64 bits are zero as 16 digits; we always use 32. */
export function normalizeTraceId(traceId) {
  return String(traceId).toLowerCase().padStart(32, '0');
}

function toMs(lookback) {
  if (typeof lookback === 'number') return lookback;
  const match = /^(\d+)(ms|s|m|h|d)$/.exec(lookback);
  if (!match) throw new TypeError(`lookback must be ms or like '15m', '1h', got ${lookback}`);
  return Number(match[1]) * { ms: 1, s: 1e3, m: 6e4, h: 36e5, d: 864e5 }[match[2]];
}
