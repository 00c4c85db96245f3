import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTracing } from './helpers.js';

/** Just enough XMLHttpRequest: records headers, answers `status` on the next task. */
class FakeXhr extends EventTarget {
  static answers: number[] = [];
  static sent: FakeXhr[] = [];
  status = 0;
  method = '';
  url = '';
  headers: Record<string, string> = {};
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  send() {
    FakeXhr.sent.push(this);
    const status = FakeXhr.answers.shift() ?? 200;
    setTimeout(() => {
      this.status = status;
      this.dispatchEvent(new Event(status === 0 ? 'error' : 'load'));
      this.dispatchEvent(new Event('loadend'));
    });
  }
}

const request = (method: string, url: string) =>
  new Promise<void>((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open(method, url);
    xhr.addEventListener('loadend', () => resolve());
    xhr.send();
  });

describe('XMLHttpRequest spans', () => {
  const original = globalThis.XMLHttpRequest;
  let tracing: ReturnType<typeof startTracing> | undefined;
  beforeEach(() => {
    FakeXhr.answers = [];
    FakeXhr.sent = [];
    globalThis.XMLHttpRequest = FakeXhr as unknown as typeof XMLHttpRequest;
  });
  afterEach(async () => {
    await tracing?.stop();
    globalThis.XMLHttpRequest = original;
  });

  it('one CLIENT span per request, with the HTTP attributes, and trace headers to allowed origins only', async () => {
    tracing = startTracing({ propagateTo: ['https://api.shop.example'] });
    await request('GET', '/api/orders/42');
    await request('post', 'https://api.shop.example/orders');
    await request('GET', 'https://ads.thirdparty.net/pixel');
    const [own, api, thirdParty] = FakeXhr.sent;
    expect(own!.headers.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    expect(api!.headers.traceparent).toMatch(/^00-/);
    expect(thirdParty!.headers).toEqual({});

    const spans = tracing.spans();
    expect(spans.map((span) => span.name)).toEqual(['GET', 'POST', 'GET']);
    expect(spans[0]!.kind).toBe(SpanKind.CLIENT);
    expect(spans[0]!.attributes).toMatchObject({
      'http.request.method': 'GET',
      'url.full': 'https://shop.example/api/orders/42',
      'server.address': 'shop.example',
      'server.port': 443,
      'http.response.status_code': 200,
    });
    expect(own!.headers.traceparent).toContain(spans[0]!.spanContext().spanId);
  });

  it('marks 5xx answers and network errors as errors', async () => {
    tracing = startTracing();
    FakeXhr.answers = [503, 0];
    await request('GET', '/api/orders/fail');
    await request('GET', '/api/offline');
    const [failed, offline] = tracing.spans();
    expect(failed!.status.code).toBe(SpanStatusCode.ERROR);
    expect(failed!.attributes['error.type']).toBe('503');
    expect(offline!.status.code).toBe(SpanStatusCode.ERROR);
    expect(offline!.attributes['error.type']).toBe('error');
    expect(offline!.attributes['http.response.status_code']).toBeUndefined();
  });

  it('does not trace the exporter, and restores XMLHttpRequest on shutdown', async () => {
    tracing = startTracing();
    await request('POST', '/v1/traces');
    expect(tracing.spans()).toEqual([]);
    const patchedSend = FakeXhr.prototype.send;
    await tracing.stop();
    tracing = undefined;
    expect(FakeXhr.prototype.send).not.toBe(patchedSend);
  });
});
