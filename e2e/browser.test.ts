import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { CORS_ALLOW_HEADERS } from '@tracekit/web';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM helpers shared with the demo
import { jaegerClient } from '../scripts/stack/backends/jaeger-api.mjs';
import { CHROMIUM_ARGS, ensureChromium } from './chromium.js';
import { entrySpan, type JaegerSpan, jaegerOf, SERVICES, type Stack, servicesOf, startShop } from './helpers.js';

// The shop's page (examples/frontend/public) in headless Chromium, traced by @tracekit/web's
// script tag, exporting through the frontend's /v1/traces proxy and the real Collector into
// Jaeger. Port base 26000: e2e/shop.test.ts uses 20000, 22000 and 24000 (see e2e/README.md).
const WEB_SERVICE = 'shop-web';

let browser: Browser;

beforeAll(async () => {
  const executablePath = ensureChromium((line) => console.log(`[chromium] ${line}`));
  browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
});
afterAll(() => browser?.close());

/** A fresh profile per test: its own localStorage, so its own session id. */
async function newPage(): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'warning' || message.type() === 'error') console.log(`[page ${message.type()}] ${message.text()}`);
  });
  page.on('pageerror', (error) => console.log(`[page error] ${error.message}`));
  return page;
}

const byId = (spans: JaegerSpan[]) => new Map(spans.map((span) => [span.spanId, span]));
const webSpans = (spans: JaegerSpan[], operation: string) => spans.filter((span) => span.service === WEB_SERVICE && span.operation === operation);

describe('the shop page in Chromium: browser spans and backend spans form one trace', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startShop(26000);
  });
  afterAll(() => stack?.stop());

  it('a click on "Place order" → fetch → frontend → gateway → orders → inventory, pricing, payments: one trace', async () => {
    const page = await newPage();
    await page.goto(`${stack.urls.frontend}/`);
    const sessionId = await page.evaluate(() => (window as { tracekit?: { sessionId?: string } }).tracekit?.sessionId);
    expect(sessionId, 'the script tag started tracing (window.tracekit)').toMatch(/^[0-9a-f]{32}$/);
    await page.click('#order');
    const trace = page.locator('#trace[data-trace-id]');
    await trace.waitFor({ timeout: 30_000 });
    const traceId = (await trace.getAttribute('data-trace-id'))!;
    expect(await page.textContent('#result')).toMatch(/^200/);

    // Normal batching (5 s), no page close: the browser's spans arrive on their own.
    const spans = await jaegerOf(stack).waitForTrace(
      traceId,
      (found) => servicesOf(found).size === SERVICES.length + 1 && webSpans(found, 'click').length === 1,
      40_000,
    );
    await page.context().close();

    const ids = byId(spans);
    const [click] = webSpans(spans, 'click');
    const fetchSpan = spans.find((span) => span.service === WEB_SERVICE && span.kind === 'client');
    expect(click!.parentSpanId, 'the click starts the trace').toBeUndefined();
    expect(click!.tags).toMatchObject({ event_type: 'click', target_element: 'BUTTON', 'session.id': sessionId });
    expect(fetchSpan, 'the fetch span').toBeDefined();
    expect(fetchSpan!.operation).toBe('GET');
    expect(fetchSpan!.parentSpanId, 'the fetch is a child of the click').toBe(click!.spanId);
    expect(fetchSpan!.tags).toMatchObject({ 'http.request.method': 'GET', 'http.response.status_code': 200, 'session.id': sessionId });
    expect(String(fetchSpan!.tags['url.full'])).toBe(`${stack.urls.frontend}/api/orders/42`);
    expect(fetchSpan!.resource).toMatchObject({
      'service.name': WEB_SERVICE,
      'service.namespace': 'shop',
      'service.version': '0.1.0',
      'telemetry.sdk.language': 'webjs',
      'telemetry.distro.name': '@tracekit/web',
    });

    // The backend continues the browser's trace: each service entered from its caller.
    const callers: Record<string, string> = {
      frontend: WEB_SERVICE,
      gateway: 'frontend',
      orders: 'gateway',
      inventory: 'orders',
      pricing: 'orders',
      payments: 'orders',
    };
    for (const [service, caller] of Object.entries(callers)) {
      const entry = entrySpan(spans, service);
      expect(entry, service).toBeDefined();
      expect(entry!.kind, service).toBe('server');
      const parent = ids.get(entry!.parentSpanId ?? '');
      expect(parent?.service, `${service}'s parent`).toBe(caller);
      expect(parent?.kind, `${service}'s parent span kind`).toBe('client');
    }
    expect(entrySpan(spans, 'frontend')!.parentSpanId).toBe(fetchSpan!.spanId);
    for (const span of spans) expect(span.traceId).toBe(traceId);
    // The page's own baggage header reached every service.
    expect(entrySpan(spans, 'payments')!.tags['tenant.id']).toBe('web-shop');
  });

  it('the page load continues the trace of the server span that rendered the page (Server-Timing: traceparent)', async () => {
    const page = await newPage();
    const response = await page.goto(`${stack.urls.frontend}/`);
    const serverTiming = (await response!.allHeaders())['server-timing'] ?? '';
    const match = /traceparent;desc="?00-([0-9a-f]{32})-([0-9a-f]{16})-01/.exec(serverTiming);
    expect(match, `Server-Timing: ${serverTiming}`).not.toBeNull();
    const [, traceId, serverSpanId] = match!;
    // Closing the tab flushes the page-load spans at once instead of after the batch delay.
    await page.waitForFunction(() => document.readyState === 'complete');
    await page.waitForTimeout(500);
    await page.context().close();

    const spans = await jaegerOf(stack).waitForTrace(
      traceId!,
      (found) => webSpans(found, 'documentLoad').length === 1 && found.some((span) => span.spanId === serverSpanId),
      30_000,
    );
    const ids = byId(spans);
    const [documentLoad] = webSpans(spans, 'documentLoad');
    expect(ids.get(documentLoad!.parentSpanId ?? '')?.service, 'documentLoad is a child of the frontend span').toBe('frontend');
    expect(documentLoad!.parentSpanId).toBe(serverSpanId);
    const children = spans.filter((span) => span.parentSpanId === documentLoad!.spanId).map((span) => span.operation);
    expect(children).toContain('documentFetch');
    expect(children).toContain('resourceFetch');
    const script = spans.find((span) => span.operation === 'resourceFetch' && String(span.tags['url.full']).endsWith('/tracekit/tracekit-web.js'));
    expect(script, 'a resourceFetch span for the tracekit script').toBeDefined();
  });

  it('closing the tab right after a click still delivers the click and its unfinished fetch (pagehide + keepalive)', async () => {
    const page = await newPage();
    await page.goto(`${stack.urls.frontend}/`);
    const sessionId = await page.evaluate(() => (window as { tracekit?: { sessionId?: string } }).tracekit?.sessionId);
    await page.click('#slow'); // pricing answers after 400 ms: the fetch is still running
    await page.close();

    const jaeger = jaegerClient(stack.backends.jaeger.queryUrl) as {
      findTraces(query: { service: string; tags: Record<string, string>; lookback: string; limit: number }): Promise<{ spans: JaegerSpan[] }[]>;
    };
    const deadline = Date.now() + 30_000;
    let spans: JaegerSpan[] = [];
    for (;;) {
      const traces = await jaeger.findTraces({ service: WEB_SERVICE, lookback: '15m', limit: 50, tags: { 'session.id': sessionId! } });
      spans = traces.map((found) => found.spans).find((found) => webSpans(found, 'click').length > 0 && webSpans(found, 'GET').length > 0) ?? [];
      if (spans.length > 0 || Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const [click] = webSpans(spans, 'click');
    const [fetchSpan] = webSpans(spans, 'GET');
    expect(click, 'the click span arrived after the tab closed').toBeDefined();
    expect(fetchSpan, 'the fetch span arrived after the tab closed').toBeDefined();
    expect(fetchSpan!.parentSpanId).toBe(click!.spanId);
    expect(String(fetchSpan!.tags['url.full'])).toMatch(/\/api\/orders\/slow$/);
    expect(fetchSpan!.tags['tracekit.ended_by_pagehide'], 'the fetch was still running: ended when the page went away').toBe(true);
  });
});

describe('trace headers go to configured backend origins only, through the documented CORS allowlist', () => {
  // Three loopback origins: the site (serving a page and the built script), its API on another
  // origin (listed in data-propagate-to, answering CORS with the README's allowlist) and a
  // third party (not listed).
  const seen: Record<'api' | 'thirdParty', IncomingHttpHeaders[]> = { api: [], thirdParty: [] };
  const servers: Server[] = [];
  const origins = { site: '', api: '', thirdParty: '' };
  const script = readFileSync(fileURLToPath(import.meta.resolve('@tracekit/web/script')));

  const listen = async (server: Server) => {
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  };

  beforeAll(async () => {
    origins.api = await listen(
      createServer((req, res) => {
        res.setHeader('Access-Control-Allow-Origin', origins.site);
        if (req.method === 'OPTIONS') {
          res.setHeader('Access-Control-Allow-Headers', CORS_ALLOW_HEADERS.join(', '));
          res.setHeader('Access-Control-Allow-Methods', 'GET, POST');
          res.writeHead(204).end();
          return;
        }
        seen.api.push(req.headers);
        res.setHeader('Timing-Allow-Origin', origins.site);
        res.end('{"ok":true}');
      }),
    );
    origins.thirdParty = await listen(
      createServer((req, res) => {
        res.setHeader('Access-Control-Allow-Origin', '*');
        if (req.method === 'OPTIONS') {
          res.setHeader('Access-Control-Allow-Headers', '*');
          res.writeHead(204).end();
          return;
        }
        seen.thirdParty.push(req.headers);
        res.end('pixel');
      }),
    );
    origins.site = await listen(
      createServer((req, res) => {
        if (req.url === '/tracekit-web.js') {
          res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(script);
        } else if (req.url === '/v1/traces') {
          req.resume();
          res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
        } else {
          res.writeHead(200, { 'Content-Type': 'text/html' }).end(`<!doctype html><html><head>
<script src="/tracekit-web.js" data-service-name="cors-check" data-collector-url="/v1/traces" data-propagate-to="self ${origins.api}"></script>
</head><body><button id="go">go</button></body></html>`);
        }
      }),
    );
  });
  afterAll(() => Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve)))));

  it('the API origin gets traceparent (its preflight allows exactly CORS_ALLOW_HEADERS); the third party gets no trace header, by fetch or XHR', async () => {
    const page = await newPage();
    await page.goto(`${origins.site}/`);
    const outcome = await page.evaluate(async ({ api, thirdParty }) => {
      const xhr = (url: string) =>
        new Promise<number>((resolve) => {
          const request = new XMLHttpRequest();
          request.open('GET', url);
          request.onloadend = () => resolve(request.status);
          request.send();
        });
      return {
        apiFetch: (await fetch(`${api}/orders`)).status,
        apiXhr: await xhr(`${api}/orders?via=xhr`),
        thirdPartyFetch: (await fetch(`${thirdParty}/pixel`)).status,
        thirdPartyXhr: await xhr(`${thirdParty}/pixel?via=xhr`),
      };
    }, origins);
    await page.context().close();

    expect(outcome, 'every request succeeded (the preflight allowed the trace headers)').toEqual({
      apiFetch: 200,
      apiXhr: 200,
      thirdPartyFetch: 200,
      thirdPartyXhr: 200,
    });
    expect(seen.api).toHaveLength(2);
    for (const headers of seen.api) expect(headers.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    expect(seen.thirdParty).toHaveLength(2);
    for (const headers of seen.thirdParty) {
      for (const name of CORS_ALLOW_HEADERS) expect(headers[name], `${name} sent to a third party`).toBeUndefined();
    }
  });
});
