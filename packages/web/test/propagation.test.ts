import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { CORS_ALLOW_HEADERS, CORS_EXPOSE_HEADERS, shouldPropagate } from '../src/index.js';
import { createPropagator, toUrlPatterns } from '../src/propagation.js';
import { settle, startTracing } from './helpers.js';

const PAGE = 'https://shop.example/checkout';
const targets = ['https://shop.example', 'https://api.shop.example'];

describe('which URLs get trace headers', () => {
  const cases: [string, boolean][] = [
    ['/api/orders/42', true],
    ['https://shop.example/api', true],
    ['https://api.shop.example/orders?x=1', true],
    ['https://api.shop.example', true],
    ['https://api.shop.example.evil.net/orders', false],
    ['https://evil.net/https://api.shop.example/', false],
    ['http://api.shop.example/orders', false],
    ['https://api.shop.example:8443/orders', false],
    ['https://cdn.thirdparty.net/pixel.gif', false],
  ];
  for (const [url, expected] of cases) {
    it(`${url} → ${expected}`, () => {
      expect(shouldPropagate(url, targets, PAGE)).toBe(expected);
      const absolute = new URL(url, PAGE).href;
      expect(toUrlPatterns(targets).some((pattern) => pattern.test(absolute)), 'the fetch instrumentation sees the same').toBe(expected);
    });
  }
});

describe('fetch from a traced page', () => {
  let tracing: ReturnType<typeof startTracing> | undefined;
  afterEach(() => tracing?.stop());

  it('sends traceparent to the page and its API, and no trace header to third parties or look-alike hosts', async () => {
    tracing = startTracing({ propagateTo: ['https://api.shop.example'] });
    await fetch('/api/orders/42');
    await fetch('https://api.shop.example/orders');
    await fetch('https://cdn.thirdparty.net/pixel.gif');
    await fetch('https://api.shop.example.evil.net/orders');
    await settle();
    const [own, api, thirdParty, lookalike] = tracing.pageRequests();
    expect(own!.headers.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    expect(api!.headers.traceparent).toMatch(/^00-/);
    for (const request of [thirdParty!, lookalike!]) {
      for (const name of CORS_ALLOW_HEADERS) expect(request.headers[name], `${name} to ${request.url}`).toBeUndefined();
    }
    const spans = tracing.spans().filter((span) => span.name === 'GET');
    expect(spans).toHaveLength(4);
    const ownSpan = spans.find((span) => span.attributes['url.full'] === 'https://shop.example/api/orders/42')!;
    expect(own!.headers.traceparent).toContain(ownSpan.spanContext().spanId);
  });
});

describe('the CORS allowlist', () => {
  it('is exactly the headers the propagator can write', () => {
    expect([...createPropagator().fields()].sort()).toEqual([...CORS_ALLOW_HEADERS].sort());
  });

  it('is the one the README tells backends to send', () => {
    const readme = readFileSync(`${import.meta.dirname}/../README.md`, 'utf8');
    expect(readme).toContain(`Access-Control-Allow-Headers: ${CORS_ALLOW_HEADERS.join(', ')}`);
    expect(readme).toContain(`Access-Control-Expose-Headers: ${CORS_EXPOSE_HEADERS.join(', ')}`);
  });
});
