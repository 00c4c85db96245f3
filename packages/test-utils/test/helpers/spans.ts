/** Hand-built ReceivedSpan objects for matcher tests. */
import type { ReceivedSpan } from '../../src/index.js';

let nextId = 1;
let nextStart = 1_000n;

export const TRACE_A = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
export const TRACE_B = 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';

export function makeSpan(fields: Partial<ReceivedSpan> & { name: string; parent?: ReceivedSpan }): ReceivedSpan {
  const { parent, ...rest } = fields;
  nextStart += 1_000n;
  const span: ReceivedSpan = {
    traceId: parent?.traceId ?? TRACE_A,
    spanId: (nextId++).toString(16).padStart(16, '0'),
    kind: 'INTERNAL',
    startTimeUnixNano: nextStart,
    endTimeUnixNano: nextStart + 500n,
    attributes: {},
    status: { code: 'UNSET' },
    events: [],
    links: [],
    resource: { 'service.name': 'shop' },
    scope: { name: 'test' },
    protocol: 'http/protobuf',
    ...rest,
  };
  if (parent) span.parentSpanId = parent.spanId;
  return span;
}
