/** waitForSpans, clear and close: what tests rely on to synchronise with exporters. */
import { afterEach, describe, expect, it } from 'vitest';
import { expectTraceTree, startOtlpReceiver, type OtlpReceiver } from '../src/index.js';
import { postJson } from './helpers/send.js';

const TRACE_ID = '5b8efff798038103d269b633813fc60c';

function request(...names: string[]): unknown {
  return {
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'wait-service' } }] },
        scopeSpans: [
          {
            spans: names.map((name, index) => ({
              traceId: TRACE_ID,
              spanId: `00000000000000${String(index + 1).padStart(2, '0')}`,
              name,
              kind: 2,
            })),
          },
        ],
      },
    ],
  };
}

let receiver: OtlpReceiver;

afterEach(async () => {
  await receiver.close();
});

describe('waitForSpans', () => {
  it('resolves at once when the spans are already there', async () => {
    receiver = await startOtlpReceiver();
    await postJson(receiver.tracesUrl, request('a', 'b'));
    const spans = await receiver.waitForSpans(2, { timeoutMs: 100 });
    expect(spans.map((span) => span.name)).toEqual(['a', 'b']);
  });

  it('resolves as soon as later spans meet the condition', async () => {
    receiver = await startOtlpReceiver();
    const waiting = receiver.waitForSpans((spans) => spans.some((span) => span.name === 'late'));
    await postJson(receiver.tracesUrl, request('early'));
    await postJson(receiver.tracesUrl, request('late'));
    const spans = await waiting;
    expect(spans.map((span) => span.name)).toEqual(['early', 'late']);
  });

  it('returns a snapshot, not the live array', async () => {
    receiver = await startOtlpReceiver();
    await postJson(receiver.tracesUrl, request('a'));
    const spans = await receiver.waitForSpans(1);
    await postJson(receiver.tracesUrl, request('b'));
    expect(spans).toHaveLength(1);
    expect(receiver.spans).toHaveLength(2);
  });

  it('rejects on timeout with the condition and every span received', async () => {
    receiver = await startOtlpReceiver();
    await postJson(receiver.tracesUrl, request('GET /only-this'));
    const error = await receiver.waitForSpans(3, { timeoutMs: 150 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message).toContain('timed out after 150 ms waiting for at least 3 spans');
    expect(message).toContain('Received 1 span in 1 request');
    expect(message).toContain('GET /only-this SERVER UNSET');
    expect(message).toContain('service.name="wait-service"');
  });

  it('accepts a condition that throws, and reports its last error on timeout', async () => {
    receiver = await startOtlpReceiver();
    await postJson(receiver.tracesUrl, request('GET /users'));
    const expectTree = (spans: Parameters<typeof expectTraceTree>[0]): boolean => {
      expectTraceTree(spans, { name: 'GET /users', children: [{ name: 'SELECT users' }] });
      return true;
    };
    const error = (await receiver.waitForSpans(expectTree, { timeoutMs: 150 }).catch((e: unknown) => e)) as Error;
    expect(error.message).toContain('waiting for condition expectTree()');
    expect(error.message).toContain('Last error thrown by the condition:');
    expect(error.message).toContain('no child matches "SELECT users"');
  });
});

describe('clear and close', () => {
  it('clear() empties spans and requests in place', async () => {
    receiver = await startOtlpReceiver();
    const { spans, requests } = receiver;
    await postJson(receiver.tracesUrl, request('a'));
    expect(spans).toHaveLength(1);
    receiver.clear();
    expect(spans).toHaveLength(0);
    expect(requests).toHaveLength(0);
    await postJson(receiver.tracesUrl, request('b'));
    expect(receiver.spans.map((span) => span.name)).toEqual(['b']);
  });

  it('close() rejects pending waits, may be called twice and frees the ports', async () => {
    receiver = await startOtlpReceiver();
    const waiting = receiver.waitForSpans(1).catch((e: unknown) => e);
    await receiver.close();
    await receiver.close();
    expect(await waiting).toBeInstanceOf(Error);
    await expect(postJson(receiver.tracesUrl, request('too late'))).rejects.toThrow();
    await expect(receiver.waitForSpans(0)).rejects.toThrow(/closed/);
  });
});
