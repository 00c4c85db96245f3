import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LANGUAGES, SERVICES, entrySpan, jaegerOf, order, servicesOf, startShop, type JaegerSpan, type Stack } from './helpers.js';

// frontend → gateway → orders → inventory (Go), pricing (Python), payments (Java), every
// service configured from k8s/base/shop and exporting through a real Collector into Jaeger.
describe('the shop, traced end to end (W3C tracecontext + baggage)', () => {
  let stack: Stack;
  let happy: JaegerSpan[];
  let happyOrder: Awaited<ReturnType<typeof order>>;

  beforeAll(async () => {
    stack = await startShop(20000);
    happyOrder = await order(stack, '42');
    expect(happyOrder.status).toBe(200);
    happy = await jaegerOf(stack).waitForTrace(happyOrder.traceId, (spans) => servicesOf(spans).size === SERVICES.length, 30_000);
  });
  afterAll(() => stack?.stop());

  it('one trace holds spans of all six services in four languages', () => {
    expect([...servicesOf(happy)].sort()).toEqual([...SERVICES].sort());
    const languages = new Set(happy.map((span) => span.resource['telemetry.sdk.language']));
    expect(languages).toEqual(new Set(['nodejs', 'go', 'python', 'java']));
    for (const span of happy) expect(span.resource['telemetry.sdk.language'], span.service).toBe(LANGUAGES[span.service]);
  });

  it('every service is entered from the service that calls it (parent/child links cross each language boundary)', () => {
    const callers: Record<string, string | undefined> = {
      frontend: undefined,
      gateway: 'frontend',
      orders: 'gateway',
      inventory: 'orders',
      pricing: 'orders',
      payments: 'orders',
    };
    const byId = new Map(happy.map((span) => [span.spanId, span]));
    for (const [service, caller] of Object.entries(callers)) {
      const entry = entrySpan(happy, service);
      expect(entry, service).toBeDefined();
      if (caller === undefined) {
        expect(entry!.parentSpanId, 'the frontend continues the trace the client started').toBe(happyOrder.parentId);
      } else {
        const parent = byId.get(entry!.parentSpanId ?? '');
        expect(parent?.service, `${service}'s parent`).toBe(caller);
        expect(parent?.kind, `${service}'s parent span kind`).toBe('client');
      }
      expect(entry!.kind, service).toBe('server');
    }
    for (const span of happy) expect(span.traceId).toBe(happyOrder.traceId);
  });

  it('baggage crosses every language boundary: each service records tenant.id', () => {
    for (const service of SERVICES) {
      expect(entrySpan(happy, service)?.tags['tenant.id'], service).toBe('e2e-tenant');
    }
  });

  it('resources carry service.name, service.version and the k8s.* attributes of the Deployments', () => {
    for (const service of SERVICES) {
      const resource = entrySpan(happy, service)!.resource;
      expect(resource, service).toMatchObject({
        'service.name': service,
        'service.version': '0.1.0',
        'service.namespace': 'shop',
        'k8s.namespace.name': 'shop',
        'k8s.pod.name': `${service}-local-0`,
        'k8s.container.name': service,
      });
      expect(resource['k8s.pod.uid'], service).toMatch(/^[0-9a-f-]{36}$/);
      expect(resource['k8s.node.name'], service).toBeTruthy();
    }
  });

  it('the error path marks the failing spans', async () => {
    const failing = await order(stack, 'fail');
    expect(failing.status).toBe(502);
    const spans = await jaegerOf(stack).waitForTrace(
      failing.traceId,
      (found) => ['frontend', 'gateway', 'orders', 'inventory', 'pricing'].every((service) => servicesOf(found).has(service)),
      30_000,
    );
    expect(entrySpan(spans, 'inventory')?.error, 'inventory answered 503').toBe(true);
    expect(entrySpan(spans, 'orders')?.error, 'orders answered 502').toBe(true);
    expect(entrySpan(spans, 'pricing')?.error, 'pricing answered 200').toBe(false);
    expect(servicesOf(spans).has('payments'), 'payments is never called').toBe(false);
  });

  it('the slow path shows where the time went', async () => {
    const slow = await order(stack, 'slow');
    expect(slow.status).toBe(200);
    const spans = await jaegerOf(stack).waitForTrace(slow.traceId, (found) => servicesOf(found).size === SERVICES.length, 30_000);
    expect(entrySpan(spans, 'pricing')!.durationUs).toBeGreaterThanOrEqual(300_000);
    expect(entrySpan(spans, 'inventory')!.durationUs).toBeLessThan(300_000);
  });
});

describe('the shop behind a Zipkin-header mesh (OTEL_PROPAGATORS=b3multi everywhere)', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startShop(22000, { OTEL_PROPAGATORS: 'b3multi' });
  });
  afterAll(() => stack?.stop());

  it('still yields one connected trace across all six services', async () => {
    const traceId = '5b8aa5a2d2c872e8321cf37308d69df2';
    const response = await fetch(`${stack.urls.frontend}/api/orders/42`, {
      headers: { 'x-b3-traceid': traceId, 'x-b3-spanid': '051581bf3cb55c13', 'x-b3-sampled': '1' },
    });
    expect(response.status).toBe(200);
    const spans = await jaegerOf(stack).waitForTrace(traceId, (found) => servicesOf(found).size === SERVICES.length, 30_000);
    for (const service of SERVICES.slice(1)) expect(entrySpan(spans, service)?.parentSpanId, service).toBeDefined();
    expect(entrySpan(spans, 'frontend')?.parentSpanId).toBe('051581bf3cb55c13');
  });
});

describe('parentbased_traceidratio sampling everywhere', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startShop(24000, { OTEL_TRACES_SAMPLER: 'parentbased_traceidratio', OTEL_TRACES_SAMPLER_ARG: '0.5' });
  });
  afterAll(() => stack?.stop());

  it('keeps traces whole or not at all, never broken', async () => {
    // No incoming traceparent: the frontend's ratio sampler decides, the others follow it.
    const statuses = [];
    for (let i = 0; i < 30; i++) statuses.push((await fetch(`${stack.urls.frontend}/api/orders/${i}`)).status);
    expect(statuses.every((status) => status === 200)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 8000));
    const traces = await jaegerOf(stack).findTraces({ service: 'payments', limit: 100, lookback: '1h' });
    const fromFrontend = await jaegerOf(stack).findTraces({ service: 'frontend', limit: 100, lookback: '1h' });
    expect(fromFrontend.length, 'some traces are kept').toBeGreaterThan(0);
    expect(fromFrontend.length, 'some traces are dropped').toBeLessThan(30);
    for (const spans of fromFrontend) expect([...servicesOf(spans)].sort()).toEqual([...SERVICES].sort());
    expect(traces.length).toBe(fromFrontend.length);
  });
});
