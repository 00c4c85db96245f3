/**
 * Building, printing and matching trace trees. The shop trace used throughout:
 *
 *   GET /cart SERVER ERROR                (shop)
 *   ├─ SELECT cart CLIENT                 db.system.name=postgresql
 *   ├─ SELECT cart CLIENT                 (a retry)
 *   └─ POST /prices CLIENT
 *      └─ POST /prices SERVER             (pricing)
 */
import { describe, expect, it } from 'vitest';
import {
  buildTraceTrees,
  expectTraceTree,
  findSpan,
  findSpans,
  formatExpectedTree,
  formatTraceTrees,
  matchValue,
  type ExpectedSpan,
  type ReceivedSpan,
} from '../src/index.js';
import { TRACE_B, makeSpan } from './helpers/spans.js';

function shopTrace(): ReceivedSpan[] {
  const root = makeSpan({
    name: 'GET /cart',
    kind: 'SERVER',
    status: { code: 'ERROR', message: 'pricing down' },
    attributes: { 'http.request.method': 'GET', 'http.route': '/cart', 'http.response.status_code': 500, 'app.user': 'u1' },
  });
  const query = makeSpan({ name: 'SELECT cart', kind: 'CLIENT', parent: root, attributes: { 'db.system.name': 'postgresql' } });
  const retry = makeSpan({ name: 'SELECT cart', kind: 'CLIENT', parent: root, attributes: { 'db.system.name': 'postgresql' } });
  const call = makeSpan({ name: 'POST /prices', kind: 'CLIENT', parent: root });
  const remote = makeSpan({
    name: 'POST /prices',
    kind: 'SERVER',
    parent: call,
    resource: { 'service.name': 'pricing' },
  });
  // Arrival order is children first, as exporters send them.
  return [remote, query, call, retry, root];
}

describe('buildTraceTrees', () => {
  it('groups by trace and links children to parents, ordered by start time', () => {
    const spans = shopTrace();
    const other = makeSpan({ name: 'other trace', traceId: TRACE_B });
    const trees = buildTraceTrees([...spans, other]);
    expect(trees.map((tree) => tree.traceId)).toEqual([spans[0]?.traceId, TRACE_B]);
    const [root] = trees[0]?.roots ?? [];
    expect(root?.span.name).toBe('GET /cart');
    expect(root?.children.map((child) => child.span.name)).toEqual(['SELECT cart', 'SELECT cart', 'POST /prices']);
    expect(root?.children[2]?.children.map((child) => child.span.kind)).toEqual(['SERVER']);
  });

  it('makes a span whose parent is missing a root', () => {
    const parent = makeSpan({ name: 'never exported' });
    const orphan = makeSpan({ name: 'orphan', parent });
    expect(buildTraceTrees([orphan])[0]?.roots.map((node) => node.span.name)).toEqual(['orphan']);
  });

  it('survives parent chains that loop', () => {
    const a = makeSpan({ name: 'a' });
    const b = makeSpan({ name: 'b', parent: a });
    a.parentSpanId = b.spanId;
    const self = makeSpan({ name: 'self' });
    self.parentSpanId = self.spanId;
    const names = buildTraceTrees([a, b, self])[0]?.roots.map((node) => node.span.name);
    expect(names).toEqual(expect.arrayContaining(['b', 'self']));
    expect(formatTraceTrees([a, b, self])).toContain('a');
  });
});

describe('formatTraceTrees', () => {
  it('prints an indented tree with kind, status, key attributes and service names', () => {
    expect(formatTraceTrees(shopTrace())).toBe(
      [
        'trace aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa (5 spans, service.name="shop")',
        '└─ GET /cart SERVER ERROR "pricing down"  http.request.method="GET" http.route="/cart" http.response.status_code=500',
        '   ├─ SELECT cart CLIENT UNSET  db.system.name="postgresql"',
        '   ├─ SELECT cart CLIENT UNSET  db.system.name="postgresql"',
        '   └─ POST /prices CLIENT UNSET',
        '      └─ POST /prices SERVER UNSET  [service.name="pricing"]',
      ].join('\n'),
    );
  });

  it('prints every attribute on request, with types visible', () => {
    const span = makeSpan({
      name: 'typed',
      attributes: { s: '1', n: 1, big: 2n ** 64n, list: [true, null], bytes: new Uint8Array([0xca, 0xfe]), map: { k: 'v' } },
    });
    expect(formatTraceTrees([span], { allAttributes: true })).toContain(
      's="1" n=1 big=18446744073709551616n list=[true, null] bytes=bytes(cafe) map={k: "v"}',
    );
  });

  it('says so when there are no spans', () => {
    expect(formatTraceTrees([])).toBe('(no spans)');
  });
});

describe('matchValue', () => {
  it.each([
    ['equal strings', 'a', 'a', true],
    ['different types', '1', 1, false],
    ['a RegExp against a string', /^GET /, 'GET /x', true],
    ['a RegExp against a number', /1/, 1, false],
    ['a global RegExp twice in a row', /a/g, 'a', true],
    ['a predicate', (v: unknown) => typeof v === 'number' && v > 1, 2, true],
    ['a predicate that throws', () => { throw new Error('x'); }, 2, false],
    ['a number and a bigint of the same value', 5, 5n, true],
    ['a fraction and a bigint', 5.5, 5n, false],
    ['arrays with a RegExp inside', ['a', /b/], ['a', 'bb'], true],
    ['arrays of different length', [1], [1, 2], false],
    ['kvlists with matchers inside', { k: /v/, n: 1 }, { k: 'vv', n: 1 }, true],
    ['kvlists with an extra key', { k: 'v' }, { k: 'v', x: 1 }, false],
    ['equal bytes', new Uint8Array([1, 2]), new Uint8Array([1, 2]), true],
    ['bytes against a string', new Uint8Array([1]), '\u0001', false],
    ['NaN', Number.NaN, Number.NaN, true],
  ])('%s', (_name, expected, actual, result) => {
    expect(matchValue(expected, actual)).toBe(result);
    if (expected instanceof RegExp) expect(matchValue(expected, actual)).toBe(result);
  });
});

describe('findSpans', () => {
  it('filters by predicate or by matcher', () => {
    const spans = shopTrace();
    expect(findSpans(spans, { name: 'SELECT cart', kind: 'CLIENT' })).toHaveLength(2);
    expect(findSpans(spans, { resource: { 'service.name': 'pricing' } }).map((s) => s.kind)).toEqual(['SERVER']);
    expect(findSpans(spans, (span) => span.parentSpanId === undefined).map((s) => s.name)).toEqual(['GET /cart']);
    expect(findSpan(spans, { name: /prices/, kind: 'SERVER' })?.resource['service.name']).toBe('pricing');
    expect(findSpan(spans, { name: 'nothing' })).toBeUndefined();
  });
});

describe('expectTraceTree', () => {
  const expected: ExpectedSpan = {
    name: 'GET /cart',
    kind: 'SERVER',
    status: 'ERROR',
    attributes: { 'http.route': '/cart', 'http.response.status_code': (code) => Number(code) >= 500 },
    resource: { 'service.name': 'shop' },
    children: [
      { name: 'POST /prices', kind: 'CLIENT', children: [{ name: /prices/, kind: 'SERVER', resource: { 'service.name': 'pricing' } }] },
      { name: 'SELECT cart', attributes: { 'db.system.name': 'postgresql' } },
    ],
  };

  it('returns the matching root node; children are matched in any order', () => {
    const node = expectTraceTree(shopTrace(), expected);
    expect(node.span.name).toBe('GET /cart');
  });

  it('needs a distinct actual child for each expected child', () => {
    const twice: ExpectedSpan = { name: 'GET /cart', children: [{ name: 'SELECT cart' }, { name: 'SELECT cart' }] };
    expect(() => expectTraceTree(shopTrace(), twice)).not.toThrow();
    const thrice: ExpectedSpan = { name: 'GET /cart', children: [{ name: 'SELECT cart' }, { name: 'SELECT cart' }, { name: 'SELECT cart' }] };
    expect(() => expectTraceTree(shopTrace(), thrice)).toThrow(/each match some span, but not each a different one/);
  });

  it('allows extra actual children unless exactChildren is set', () => {
    const some: ExpectedSpan = { name: 'GET /cart', children: [{ name: 'POST /prices' }] };
    expect(() => expectTraceTree(shopTrace(), some)).not.toThrow();
    expect(() => expectTraceTree(shopTrace(), { ...some, exactChildren: true })).toThrow(
      /under "GET \/cart": expected exactly 1 children, got 3 \("SELECT cart", "SELECT cart", "POST \/prices"\)/,
    );
  });

  it('requires an attribute expected as undefined to be absent', () => {
    expect(() => expectTraceTree(shopTrace(), { name: 'GET /cart', attributes: { 'url.full': undefined } })).not.toThrow();
    expect(() => expectTraceTree(shopTrace(), { name: 'GET /cart', attributes: { 'app.user': undefined } })).toThrow(
      /attribute app.user: expected absent, got "u1"/,
    );
  });

  it('matches only roots, unless anywhere is set', () => {
    const inner: ExpectedSpan = { name: 'POST /prices', kind: 'SERVER' };
    expect(() => expectTraceTree(shopTrace(), inner)).toThrow(/No root span matches the name "POST \/prices"/);
    expect(expectTraceTree(shopTrace(), inner, { anywhere: true }).span.resource['service.name']).toBe('pricing');
  });

  it('fails with the expected tree, the closest mismatch and every received tree', () => {
    const wrong: ExpectedSpan = {
      ...expected,
      children: [
        { name: 'POST /prices', kind: 'CLIENT', children: [{ name: /prices/, resource: { 'service.name': 'billing' } }] },
      ],
    };
    let message = '';
    try {
      expectTraceTree(shopTrace(), wrong);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toBe(
      [
        'expectTraceTree: no received trace matches the expected tree.',
        '',
        'Expected:',
        '└─ "GET /cart" SERVER ERROR  http.route="/cart" http.response.status_code=<predicate>  resource: service.name="shop"',
        '   └─ "POST /prices" CLIENT',
        '      └─ /prices/  resource: service.name="billing"',
        '',
        'Closest mismatches:',
        '  - trace aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa: under "GET /cart": under "POST /prices": span "POST /prices": resource attribute service.name: expected "billing", got "pricing"',
        '',
        'Received (1 trace, 5 spans):',
        formatTraceTrees(shopTrace()),
      ].join('\n'),
    );
  });

  it('names a missing child and lists the children that are there', () => {
    expect(() => expectTraceTree(shopTrace(), { name: 'GET /cart', children: [{ name: 'redis GET' }] })).toThrow(
      /under "GET \/cart": no child matches "redis GET" \(children: "SELECT cart", "SELECT cart", "POST \/prices"\)/,
    );
  });

  it('reports an empty receiver plainly', () => {
    expect(() => expectTraceTree([], { name: 'GET /cart' })).toThrow(/Received \(0 traces, 0 spans\):\n\(no spans\)/);
  });

  it('prints expected trees on their own', () => {
    expect(formatExpectedTree({ name: /x/, exactChildren: true, children: [{ name: 'y', status: 'OK' }] })).toBe(
      ['└─ /x/  (exact children)', '   └─ "y" OK'].join('\n'),
    );
  });
});
