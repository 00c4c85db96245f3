import { SpanKind } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { tracekit, tracekitErrorHandler } from '../src/index.js';
import { EXPRESS_MAJORS, get, serve } from './helpers/serve.js';
import { useTestTracing } from './helpers/tracing.js';

const tracing = useTestTracing();

/** Requests `path` on `app` and returns the one server span's name and http.route. */
async function nameOf(app: import('http').RequestListener, path: string) {
  const served = await serve(app);
  await get(served.url(path));
  const spans = await tracing.spans(1);
  expect(spans).toHaveLength(1);
  const [span] = spans;
  expect(span!.kind).toBe(SpanKind.SERVER);
  return { name: span!.name, route: span!.attributes['http.route'] };
}

describe.each(EXPRESS_MAJORS)('%s: the span is named by the matched route template', (_, express) => {
  it('names a route with parameters by its template', async () => {
    const app = express();
    app.use(tracekit());
    app.get('/users/:id', (_req, res) => res.send('ok'));
    expect(await nameOf(app, '/users/42?tab=1')).toEqual({ name: 'GET /users/:id', route: '/users/:id' });
  });

  it('joins the mount paths of nested routers', async () => {
    const app = express();
    const api = express.Router();
    const users = express.Router();
    users.get('/:id/orders', (_req, res) => res.send('ok'));
    api.use('/users', users);
    app.use(tracekit());
    app.use('/api', api);
    expect(await nameOf(app, '/api/users/7/orders')).toEqual({ name: 'GET /api/users/:id/orders', route: '/api/users/:id/orders' });
  });

  it('keeps parameters of mount paths out of the name (the values would explode cardinality)', async () => {
    const app = express();
    const orders = express.Router();
    orders.get('/:orderId', (_req, res) => res.send('ok'));
    app.use(tracekit());
    app.use('/tenants/:tenant/orders', orders);
    expect(await nameOf(app, '/tenants/acme/orders/9')).toEqual({
      name: 'GET /tenants/:tenant/orders/:orderId',
      route: '/tenants/:tenant/orders/:orderId',
    });
  });

  it('does the same with mergeParams routers nested twice', async () => {
    const app = express();
    const tenants = express.Router({ mergeParams: true });
    const items = express.Router({ mergeParams: true });
    items.get('/:item', (_req, res) => res.send('ok'));
    tenants.use('/:tenant/items', items);
    app.use(tracekit());
    app.use('/t', tenants);
    expect(await nameOf(app, '/t/42/items/42')).toEqual({ name: 'GET /t/:tenant/items/:item', route: '/t/:tenant/items/:item' });
  });

  it('names a route at a router root by the mount path', async () => {
    const app = express();
    const api = express.Router();
    api.get('/', (_req, res) => res.send('ok'));
    app.use(tracekit());
    app.use('/api', api);
    expect(await nameOf(app, '/api')).toEqual({ name: 'GET /api', route: '/api' });
  });

  it('uses the route that answered after others fell through', async () => {
    const app = express();
    const first = express.Router();
    first.get('/other', (_req, res) => res.send('no'));
    app.use(tracekit());
    app.use('/a/:x', first);
    app.get('/a/:x/b', (_req, res) => res.send('ok'));
    expect(await nameOf(app, '/a/1/b')).toEqual({ name: 'GET /a/:x/b', route: '/a/:x/b' });
  });

  it('keeps the route of a nested router whose handler failed, though an outer handler answers', async () => {
    const app = express();
    const orders = express.Router();
    orders.get('/:orderId', () => {
      throw new Error('broken');
    });
    app.use(tracekit());
    app.use('/shops/:shop/orders', orders);
    app.use(tracekitErrorHandler());
    expect(await nameOf(app, '/shops/s1/orders/9')).toEqual({ name: 'GET /shops/:shop/orders/:orderId', route: '/shops/:shop/orders/:orderId' });
  });

  it('does not name a 404 by a route that matched first and called next()', async () => {
    const app = express();
    const api = express.Router();
    api.get('/items/:id', (_req, _res, next) => next());
    app.use(tracekit());
    app.use('/api', api);
    app.use((_req, res) => {
      res.status(404).send('nothing here');
    });
    expect(await nameOf(app, '/api/items/1')).toEqual({ name: 'GET', route: undefined });
  });

  it('names a sub-app route by its mount path and route', async () => {
    const app = express();
    const admin = express();
    admin.get('/stats/:day', (_req, res) => res.send('ok'));
    app.use(tracekit());
    app.use('/admin', admin);
    expect(await nameOf(app, '/admin/stats/monday')).toEqual({ name: 'GET /admin/stats/:day', route: '/admin/stats/:day' });
  });

  it('names an unmatched request (404) by its method only, without http.route', async () => {
    const app = express();
    const api = express.Router();
    api.get('/known', (_req, res) => res.send('ok'));
    app.use(tracekit());
    app.use('/api', api);
    expect(await nameOf(app, '/api/unknown/123')).toEqual({ name: 'GET', route: undefined });
  });

  it('names by method only when a middleware answers before any route', async () => {
    const app = express();
    app.use(tracekit());
    app.use((_req, res) => {
      res.status(401).send('who are you');
    });
    app.get('/secret', (_req, res) => res.send('ok'));
    expect(await nameOf(app, '/secret')).toEqual({ name: 'GET', route: undefined });
  });

  it('uses the registered pattern of a RegExp route', async () => {
    const app = express();
    app.use(tracekit());
    app.get(/^\/files\/.+\.txt$/, (_req, res) => res.send('ok'));
    expect(await nameOf(app, '/files/a/b.txt')).toEqual({ name: 'GET /^\\/files\\/.+\\.txt$/', route: '/^\\/files\\/.+\\.txt$/' });
  });

  it('names other methods the same way and HEAD by the GET route', async () => {
    const app = express();
    app.use(tracekit());
    app.get('/items/:id', (_req, res) => res.send('ok'));
    const served = await serve(app);
    await get(served.url('/items/1'), { method: 'HEAD' });
    const [span] = await tracing.spans(1);
    expect(span!.name).toBe('HEAD /items/:id');
  });

  it('names a method outside the known list HTTP, with _OTHER and the original method', async () => {
    const app = express();
    app.use(tracekit());
    app.all('/dav/:file', (_req, res) => res.send('ok'));
    const served = await serve(app);
    await get(served.url('/dav/a'), { method: 'PROPFIND' });
    const [span] = await tracing.spans(1);
    expect(span!.name).toBe('HTTP /dav/:file');
    expect(span!.attributes).toMatchObject({ 'http.request.method': '_OTHER', 'http.request.method_original': 'PROPFIND' });
  });

  it('creates one span when tracekit() is used in both an app and its sub-app', async () => {
    const app = express();
    const sub = express();
    sub.use(tracekit());
    sub.get('/x/:id', (_req, res) => res.send('ok'));
    app.use(tracekit());
    app.use('/sub', sub);
    expect(await nameOf(app, '/sub/x/1')).toEqual({ name: 'GET /sub/x/:id', route: '/sub/x/:id' });
  });
});

describe.each(EXPRESS_MAJORS)('%s: routing is followed on every request, not only the first', (major, express) => {
  it('names repeated requests alike, and the app still reads req.params, req.baseUrl and req.route', async () => {
    const app = express();
    const orders = express.Router({ mergeParams: true });
    orders.get('/:orderId', (req, res) => {
      res.json({ params: req.params, baseUrl: req.baseUrl, route: req.route?.path, ownParams: Object.hasOwn(req, 'params') });
    });
    app.use(tracekit());
    app.use('/tenants/:tenant/orders', orders);
    const served = await serve(app);
    const answers = [];
    for (let i = 1; i <= 3; i++) answers.push(JSON.parse((await get(served.url(`/tenants/acme/orders/${i}`))).body));
    const spans = await tracing.spans(3);
    expect(spans.map((span) => span.name)).toEqual(Array(3).fill('GET /tenants/:tenant/orders/:orderId'));
    expect(answers.map(({ ownParams: _, ...seen }) => seen)).toEqual(
      [1, 2, 3].map((i) => ({ params: { tenant: 'acme', orderId: String(i) }, baseUrl: '/tenants/acme/orders', route: '/:orderId' })),
    );
    // Express 5: from the second request on, the accessors on Express's request prototype do
    // the work and nothing is redefined on the request object itself. Express 4 assigns
    // req.params before it gives the request its prototype, so there they are defined on each
    // request (slower, same names).
    const expectedOwn = major === 'express 4';
    expect(answers.slice(1).map((answer) => answer.ownParams)).toEqual([expectedOwn, expectedOwn]);
  });

  it('leaves requests of an app without the middleware untouched in behaviour', async () => {
    const traced = express();
    traced.use(tracekit());
    traced.get('/x', (_req, res) => res.send('ok'));
    await get((await serve(traced)).url('/x'));
    const plain = express();
    plain.get('/items/:id', (req, res) => res.json({ params: req.params, route: req.route?.path, baseUrl: req.baseUrl }));
    const answer = await get((await serve(plain)).url('/items/5'));
    expect(JSON.parse(answer.body)).toEqual({ params: { id: '5' }, route: '/items/:id', baseUrl: '' });
  });
});
