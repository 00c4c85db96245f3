import { randomBytes } from 'node:crypto';
// @ts-expect-error plain ESM helpers shared with the demo
import { jaegerClient } from '../scripts/stack/backends/jaeger-api.mjs';
// @ts-expect-error plain ESM helpers shared with the demo
import { startStack } from '../scripts/stack/stack.mjs';

export interface JaegerSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  service: string;
  operation: string;
  startUs: number;
  durationUs: number;
  tags: Record<string, unknown>;
  resource: Record<string, unknown>;
  error: boolean;
  kind?: string;
}

export interface Stack {
  urls: Record<string, string>;
  backends: { jaeger: { queryUrl: string } };
  stop(): Promise<void>;
}

export const SERVICES = ['frontend', 'gateway', 'orders', 'inventory', 'pricing', 'payments'] as const;
export const LANGUAGES: Record<string, string> = {
  frontend: 'nodejs',
  gateway: 'nodejs',
  orders: 'nodejs',
  inventory: 'go',
  pricing: 'python',
  payments: 'java',
};

export function startShop(portBase: number, overrides: Record<string, string> = {}): Promise<Stack> {
  return startStack({ portBase, overrides, log: (line: string) => console.log(`[stack] ${line}`) });
}

interface JaegerTrace {
  traceId: string;
  spans: JaegerSpan[];
}

/** Jaeger's query API, answering with the spans of each trace. */
export function jaegerOf(stack: Stack) {
  const client = jaegerClient(stack.backends.jaeger.queryUrl) as {
    waitForTrace(traceId: string, predicate: (trace: JaegerTrace) => boolean, timeoutMs: number): Promise<JaegerTrace>;
    findTraces(query: { service: string; limit?: number; lookback?: string }): Promise<JaegerTrace[]>;
  };
  return {
    waitForTrace: async (traceId: string, predicate: (spans: JaegerSpan[]) => boolean, timeoutMs: number) =>
      (await client.waitForTrace(traceId, (trace) => predicate(trace.spans), timeoutMs)).spans,
    findTraces: async (query: { service: string; limit?: number; lookback?: string }) =>
      (await client.findTraces(query)).map((trace) => trace.spans),
  };
}

export const randomHex = (bytes: number) => randomBytes(bytes).toString('hex');

/** Sends one order through the frontend as a browser that already started a trace would. */
export async function order(stack: Stack, id: string, headers: Record<string, string> = {}) {
  const traceId = randomHex(16);
  const parentId = randomHex(8);
  const response = await fetch(`${stack.urls.frontend}/api/orders/${id}`, {
    headers: { traceparent: `00-${traceId}-${parentId}-01`, baggage: 'tenant.id=e2e-tenant', ...headers },
  });
  await response.arrayBuffer();
  return { traceId, parentId, status: response.status };
}

export const servicesOf = (spans: JaegerSpan[]) => new Set(spans.map((span) => span.service));

/** The span of `service` whose parent span belongs to another service: where it was entered. */
export function entrySpan(spans: JaegerSpan[], service: string): JaegerSpan | undefined {
  const byId = new Map(spans.map((span) => [span.spanId, span]));
  return spans.find((span) => span.service === service && byId.get(span.parentSpanId ?? '')?.service !== service);
}
