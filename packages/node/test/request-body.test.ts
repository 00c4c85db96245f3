import { describe, expect, it } from 'vitest';
import { expectTraceTree } from '@tracekit/test-utils';
import { exportTo, startTracedApp, useOtlpReceiver } from './helpers/traced-app.js';

const receiver = useOtlpReceiver();

describe('a handler that runs after the request body was read', () => {
  it.each(['import', 'node-options-import'] as const)('keeps its outbound call in the request trace (%s)', async (mode) => {
    const app = await startTracedApp({ fixture: 'post-body-app.mjs', mode, env: exportTo(receiver) });
    const body = JSON.stringify({ items: Array.from({ length: 2000 }, (_, i) => ({ sku: `tea-${i}` })) });
    const response = await fetch(app.url('/echo'), { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(response.status).toBe(200);
    const spans = await receiver.waitForSpans(3);
    expectTraceTree(spans, {
      name: 'POST /echo',
      kind: 'SERVER',
      children: [{ name: 'GET', kind: 'CLIENT', children: [{ name: 'GET /leaf', kind: 'SERVER' }] }],
    });
  });
});
