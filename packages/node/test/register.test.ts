import { describe, expect, it } from 'vitest';
import { expectTraceTree, type OtlpProtocol, } from '@tracekit/test-utils';
import { readFileSync } from 'node:fs';
import { PACKAGE_ROOT, exportTo, getJson, startTracedApp, type LoadMode, useOtlpReceiver } from './helpers/traced-app.js';

const TRACEKIT_VERSION = (JSON.parse(readFileSync(`${PACKAGE_ROOT}package.json`, 'utf8')) as { version: string }).version;

// Each way of loading tracekit, each OTLP protocol: GET /chain makes one outbound call to /leaf.
//
//   GET /chain  SERVER
//   └─ GET      CLIENT
//      └─ GET /leaf SERVER
const CHAIN_TREE = {
  name: 'GET /chain',
  kind: 'SERVER' as const,
  attributes: { 'http.route': '/chain', 'http.response.status_code': 200 },
  resource: { 'service.name': 'fixture-app', 'telemetry.distro.name': 'tracekit', 'telemetry.sdk.language': 'nodejs' },
  children: [
    {
      name: 'GET',
      kind: 'CLIENT' as const,
      children: [{ name: 'GET /leaf', kind: 'SERVER' as const, attributes: { 'http.route': '/leaf' } }],
    },
  ],
};

const LOAD_CASES: { fixture: string; mode: LoadMode }[] = [
  { fixture: 'http-app.cjs', mode: 'require' },
  { fixture: 'http-app.mjs', mode: 'import' },
  { fixture: 'http-app.mjs', mode: 'node-options-import' },
  { fixture: 'http-app.cjs', mode: 'node-options-require' },
  { fixture: 'require-first-line.cjs', mode: 'none' },
];
const PROTOCOLS: OtlpProtocol[] = ['http/protobuf', 'http/json', 'grpc'];

const receiver = useOtlpReceiver();

describe.each(LOAD_CASES)('$fixture loaded with $mode', ({ fixture, mode }) => {
  it.each(PROTOCOLS)('exports the inbound and outbound span tree over %s', async (protocol) => {
    const app = await startTracedApp({ fixture, mode, env: exportTo(receiver, protocol) });
    await getJson(app.url('/chain'));
    const spans = await receiver.waitForSpans(3);
    expectTraceTree(spans, CHAIN_TREE);
    expect(new Set(spans.map((span) => span.protocol))).toEqual(new Set([protocol]));
    for (const span of spans) expect(span.scope).toEqual({ name: '@tracekit/node/http', version: TRACEKIT_VERSION });
    expect(app.stderr()).toBe('');
  });
});

describe('route names', () => {
  it.each(['http-app.mjs', 'http-app.cjs'])('%s names server spans after the matched route template, through nested routers', async (fixture) => {
    const app = await startTracedApp({ fixture, env: exportTo(receiver) });
    await getJson(app.url('/api/v1/items/123?full=1'));
    await getJson(app.url('/tenants/acme/orders/7'));
    await fetch(app.url('/fail')).then((response) => response.arrayBuffer());
    await fetch(app.url('/no/such/route')).then((response) => response.arrayBuffer());
    const spans = await receiver.waitForSpans(4);
    const byPath = Object.fromEntries(spans.map((span) => [span.attributes['url.path'], span]));
    expect(byPath['/api/v1/items/123']).toMatchObject({
      name: 'GET /api/v1/items/:id',
      attributes: { 'http.route': '/api/v1/items/:id', 'url.query': 'full=1', 'http.response.status_code': 200 },
      status: { code: 'UNSET' },
    });
    // A mount path with a parameter keeps its template: span names stay low-cardinality.
    expect(byPath['/tenants/acme/orders/7']).toMatchObject({
      name: 'GET /tenants/:tenant/orders/:id',
      attributes: { 'http.route': '/tenants/:tenant/orders/:id' },
    });
    expect(byPath['/fail']).toMatchObject({
      name: 'GET /fail',
      attributes: { 'http.response.status_code': 500, 'error.type': '500' },
      status: { code: 'ERROR' },
    });
    expect(byPath['/no/such/route']).toMatchObject({ name: 'GET', attributes: { 'http.response.status_code': 404 }, status: { code: 'UNSET' } });
    expect(byPath['/no/such/route']!.attributes).not.toHaveProperty('http.route');
  });
});

describe('route names when only lazily loaded instrumentations are enabled', () => {
  // No instrumentation exists at start, so nothing has hooked require() yet when the app's
  // only require('express') runs: tracekit installs that hook up front.
  it.each(['http-app.cjs', 'http-app.mjs'])('%s', async (fixture) => {
    const app = await startTracedApp({ fixture, env: { ...exportTo(receiver), OTEL_NODE_ENABLED_INSTRUMENTATIONS: 'http,express' } });
    await getJson(app.url('/api/v1/items/123'));
    const spans = await receiver.waitForSpans((received) => received.some((span) => span.attributes['url.path'] === '/api/v1/items/123'));
    expect(spans.find((span) => span.attributes['url.path'] === '/api/v1/items/123')).toMatchObject({
      name: 'GET /api/v1/items/:id',
      attributes: { 'http.route': '/api/v1/items/:id' },
    });
  });
});

describe('the resource', () => {
  it('carries OTEL_RESOURCE_ATTRIBUTES, with OTEL_SERVICE_NAME winning over service.name', async () => {
    const app = await startTracedApp({
      fixture: 'http-app.mjs',
      env: {
        ...exportTo(receiver),
        OTEL_SERVICE_NAME: 'checkout',
        OTEL_RESOURCE_ATTRIBUTES: 'service.name=ignored,service.version=1.2.3,team=pay%20ments',
      },
    });
    await getJson(app.url('/leaf'));
    const [span] = await receiver.waitForSpans(1);
    expect(span?.resource).toMatchObject({
      'service.name': 'checkout',
      'service.version': '1.2.3',
      team: 'pay ments',
      'telemetry.distro.name': 'tracekit',
      'process.pid': app.pid,
    });
  });
});
