/** Groups spans into traces and links children to parents by `parentSpanId`. */
import type { ReceivedSpan, SpanNode, TraceTree } from './types.js';

function byStartTime(a: SpanNode, b: SpanNode): number {
  if (a.span.startTimeUnixNano === b.span.startTimeUnixNano) return 0;
  return a.span.startTimeUnixNano < b.span.startTimeUnixNano ? -1 : 1;
}

function sortTree(nodes: SpanNode[]): void {
  nodes.sort(byStartTime);
  for (const node of nodes) sortTree(node.children);
}

function buildOne(traceId: string, spans: readonly ReceivedSpan[]): TraceTree {
  const nodes = spans.map((span): SpanNode => ({ span, children: [] }));
  const bySpanId = new Map<string, SpanNode>();
  for (const node of nodes) {
    if (!bySpanId.has(node.span.spanId)) bySpanId.set(node.span.spanId, node);
  }
  const parentOf = new Map<SpanNode, SpanNode>();
  const createsCycle = (child: SpanNode, parent: SpanNode): boolean => {
    for (let at: SpanNode | undefined = parent; at; at = parentOf.get(at)) {
      if (at === child) return true;
    }
    return false;
  };
  const roots: SpanNode[] = [];
  for (const node of nodes) {
    const parentId = node.span.parentSpanId;
    const parent = parentId === undefined ? undefined : bySpanId.get(parentId);
    // A parent outside the set makes a root; so does a malformed parent chain that loops.
    if (parent && !createsCycle(node, parent)) {
      parentOf.set(node, parent);
      parent.children.push(node);
    } else {
      roots.push(node);
    }
  }
  sortTree(roots);
  return { traceId, roots };
}

/** One tree per trace id, in order of first arrival; siblings ordered by start time. Spans whose
 * parent is not in `spans` are roots. */
export function buildTraceTrees(spans: readonly ReceivedSpan[]): TraceTree[] {
  const byTrace = new Map<string, ReceivedSpan[]>();
  for (const span of spans) {
    const list = byTrace.get(span.traceId);
    if (list) list.push(span);
    else byTrace.set(span.traceId, [span]);
  }
  return [...byTrace].map(([traceId, traceSpans]) => buildOne(traceId, traceSpans));
}

/** Every node of the trees, parents before children. */
export function flattenTrees(trees: readonly TraceTree[]): SpanNode[] {
  const result: SpanNode[] = [];
  const visit = (node: SpanNode): void => {
    result.push(node);
    node.children.forEach(visit);
  };
  for (const tree of trees) tree.roots.forEach(visit);
  return result;
}
