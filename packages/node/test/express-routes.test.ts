/**
 * Route naming by @tracekit/node/register alone (no tracekit() middleware, Express layer spans
 * off): tracekit's own Express route instrumentation, for Express 4 and 5.
 */
import { describe, expect, it } from 'vitest';
import { exportTo, startTracedApp, useOtlpReceiver } from './helpers/traced-app.js';

const receiver = useOtlpReceiver();

function startApp(major: 'express4' | 'express5', env: Record<string, string> = {}) {
  return startTracedApp({ fixture: 'express-routes-app.mjs', expressMajor: major, env: { ...exportTo(receiver), ...env } });
}

const body = (response: Response) => response.json() as Promise<unknown>;

describe.each(['express4', 'express5'] as const)('%s under @tracekit/node/register, no middleware', (major) => {
  it('names each server span by its full route template, and the app still reads its routing', async () => {
    const app = await startApp(major);
    // Twice each: the first request of an app and the later ones take different paths.
    const answers: unknown[] = [];
    for (let round = 0; round < 2; round++) {
      answers.push(await body(await fetch(app.url('/tenants/acme/orders/7'))));
      answers.push(await body(await fetch(app.url('/admin/users/ada'))));
      answers.push(await body(await fetch(app.url('/items/5'))));
      expect((await fetch(app.url('/tenants/acme/orders/7/fail'))).status).toBe(500);
      expect((await fetch(app.url('/pass/1'))).status).toBe(404);
      expect((await fetch(app.url('/invalid/3'))).status).toBe(422);
    }
    const spans = await receiver.waitForSpans(12);
    await app.stop();
    const named = spans.map((span) => `${span.attributes['url.path']} → ${span.name} ${span.attributes['http.route'] ?? '(no http.route)'}`);
    const expected = [
      '/tenants/acme/orders/7 → GET /tenants/:tenant/orders/:orderId /tenants/:tenant/orders/:orderId',
      '/admin/users/ada → GET /admin/users/:userId /admin/users/:userId',
      '/items/5 → GET /items/:id /items/:id',
      '/tenants/acme/orders/7/fail → GET /tenants/:tenant/orders/:orderId/fail /tenants/:tenant/orders/:orderId/fail',
      '/pass/1 → GET (no http.route)',
      '/invalid/3 → GET /invalid/:id /invalid/:id',
    ];
    expect(named.sort()).toEqual([...expected, ...expected].sort());
    expect(answers).toEqual([0, 1].flatMap(() => [
      { tenant: 'acme', orderId: '7' },
      { userId: 'ada', baseUrl: '/admin' },
      // Both majors take the fast path: routing values live behind the prototype's accessors.
      { params: { id: '5' }, baseUrl: '', route: '/items/:id', ownParams: false },
    ]));
  });

  it('uses the upstream Express instrumentation, with its layer spans, when TRACEKIT_EXPRESS_LAYER_SPANS=true', async () => {
    const app = await startApp(major, { TRACEKIT_EXPRESS_LAYER_SPANS: 'true' });
    await fetch(app.url('/items/5')).then(body);
    const spans = await receiver.waitForSpans((received) => received.some((span) => span.name === 'GET /items/:id'));
    await app.stop();
    expect(spans.find((span) => span.kind === 'SERVER')).toMatchObject({ name: 'GET /items/:id', attributes: { 'http.route': '/items/:id' } });
    expect(spans.some((span) => span.kind === 'INTERNAL' && String(span.name).startsWith('request handler'))).toBe(true);
  });
});
