/** Prints received traces and expected trees as indented text for failure messages. */
import { buildTraceTrees } from './trace-tree.js';
import type { ExpectedSpan, FormatTraceOptions, ReceivedSpan, SpanNode, TraceTree } from './types.js';
import { formatPairs, formatValue } from './value-format.js';

/** Attributes worth a glance when a trace is printed, in this order. */
const KEY_ATTRIBUTES = [
  'http.request.method',
  'http.route',
  'url.full',
  'url.path',
  'http.response.status_code',
  'rpc.system',
  'rpc.service',
  'rpc.method',
  'rpc.grpc.status_code',
  'db.system',
  'db.system.name',
  'db.operation.name',
  'db.collection.name',
  'messaging.system',
  'messaging.operation.type',
  'messaging.destination.name',
  'server.address',
  'server.port',
  'error.type',
] as const;

const SERVICE_NAME = 'service.name';

type LineWriter = (node: SpanNode, serviceName: unknown) => string;

function drawTree<T>(
  nodes: readonly T[],
  children: (node: T) => readonly T[],
  label: (node: T) => string,
  prefix: string,
  lines: string[],
): void {
  nodes.forEach((node, index) => {
    const last = index === nodes.length - 1;
    lines.push(`${prefix}${last ? '└─ ' : '├─ '}${label(node)}`);
    drawTree(children(node), children, label, `${prefix}${last ? '   ' : '│  '}`, lines);
  });
}

function spanLabel(options: FormatTraceOptions): LineWriter {
  return (node, serviceName) => {
    const { span } = node;
    const parts = [span.name === '' ? '(unnamed)' : span.name, span.kind, span.status.code];
    if (span.status.message !== undefined) parts.push(JSON.stringify(span.status.message));
    const keys = options.allAttributes
      ? Object.keys(span.attributes)
      : KEY_ATTRIBUTES.filter((key) => Object.hasOwn(span.attributes, key));
    if (keys.length > 0) parts.push(` ${formatPairs(span.attributes, keys)}`);
    const service = span.resource[SERVICE_NAME];
    if (service !== serviceName) parts.push(` [${SERVICE_NAME}=${formatValue(service)}]`);
    return parts.join(' ');
  };
}

function countSpans(nodes: readonly SpanNode[]): number {
  return nodes.reduce((sum, node) => sum + 1 + countSpans(node.children), 0);
}

/** Prints trees built by `buildTraceTrees`. */
export function formatTrees(trees: readonly TraceTree[], options: FormatTraceOptions = {}): string {
  if (trees.length === 0) return '(no spans)';
  const label = spanLabel(options);
  const lines: string[] = [];
  for (const tree of trees) {
    const first = tree.roots[0]?.span;
    const serviceName = first?.resource[SERVICE_NAME];
    const spanCount = countSpans(tree.roots);
    lines.push(
      `trace ${tree.traceId} (${spanCount} span${spanCount === 1 ? '' : 's'}, ${SERVICE_NAME}=${formatValue(serviceName)})`,
    );
    drawTree(tree.roots, (node) => node.children, (node) => label(node, serviceName), '', lines);
  }
  return lines.join('\n');
}

/** Prints spans as one indented tree per trace: name, kind, status, key attributes, and
 * `service.name` per trace (and per span where it differs). */
export function formatTraceTrees(spans: readonly ReceivedSpan[], options: FormatTraceOptions = {}): string {
  return formatTrees(buildTraceTrees(spans), options);
}

function expectedLabel(expected: ExpectedSpan): string {
  const parts = [expected.name instanceof RegExp ? String(expected.name) : JSON.stringify(expected.name)];
  if (expected.kind !== undefined) parts.push(expected.kind);
  if (expected.status !== undefined) parts.push(expected.status);
  if (expected.scope !== undefined) parts.push(`scope=${formatValue(expected.scope)}`);
  if (expected.attributes && Object.keys(expected.attributes).length > 0) {
    parts.push(` ${formatPairs(expected.attributes)}`);
  }
  if (expected.resource && Object.keys(expected.resource).length > 0) {
    parts.push(` resource: ${formatPairs(expected.resource)}`);
  }
  if (expected.exactChildren) parts.push(' (exact children)');
  return parts.join(' ');
}

/** Prints an expected tree in the same shape as received ones. */
export function formatExpectedTree(expected: ExpectedSpan): string {
  const lines: string[] = [];
  drawTree([expected], (node) => node.children ?? [], expectedLabel, '', lines);
  return lines.join('\n');
}
