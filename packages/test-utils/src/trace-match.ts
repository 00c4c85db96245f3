/**
 * Matches received spans against expected spans and trees. Children are an unordered set: each
 * expected child needs its own actual child, and extra actual children are allowed unless
 * `exactChildren` is set.
 */
import { formatExpectedTree, formatTrees } from './trace-format.js';
import { buildTraceTrees, flattenTrees } from './trace-tree.js';
import type {
  AttributeMatchers,
  ExpectedSpan,
  ExpectTraceTreeOptions,
  ReceivedSpan,
  SpanMatcher,
  SpanNode,
  SpanQuery,
} from './types.js';
import { formatValue } from './value-format.js';
import { matchValue } from './value-matcher.js';

function attributeMismatch(what: string, matchers: AttributeMatchers, actual: Record<string, unknown>): string | undefined {
  for (const [key, expected] of Object.entries(matchers)) {
    const present = Object.hasOwn(actual, key);
    if (expected === undefined) {
      if (present) return `${what} ${key}: expected absent, got ${formatValue(actual[key])}`;
    } else if (!present) {
      return `${what} ${key}: missing, expected ${formatValue(expected)}`;
    } else if (!matchValue(expected, actual[key])) {
      return `${what} ${key}: expected ${formatValue(expected)}, got ${formatValue(actual[key])}`;
    }
  }
  return undefined;
}

/** Why `span` does not match `matcher`, or undefined when it does. */
export function describeSpanMismatch(span: ReceivedSpan, matcher: SpanMatcher): string | undefined {
  if (matcher.name !== undefined && !matchValue(matcher.name, span.name)) {
    return `name: expected ${formatValue(matcher.name)}, got ${formatValue(span.name)}`;
  }
  if (matcher.kind !== undefined && matcher.kind !== span.kind) {
    return `kind: expected ${matcher.kind}, got ${span.kind}`;
  }
  if (matcher.status !== undefined && matcher.status !== span.status.code) {
    return `status: expected ${matcher.status}, got ${span.status.code}`;
  }
  if (matcher.scope !== undefined && !matchValue(matcher.scope, span.scope.name)) {
    return `scope: expected ${formatValue(matcher.scope)}, got ${formatValue(span.scope.name)}`;
  }
  return (
    (matcher.attributes && attributeMismatch('attribute', matcher.attributes, span.attributes)) ||
    (matcher.resource && attributeMismatch('resource attribute', matcher.resource, span.resource)) ||
    undefined
  );
}

export function spanMatches(span: ReceivedSpan, matcher: SpanMatcher): boolean {
  return describeSpanMismatch(span, matcher) === undefined;
}

/** Every span that satisfies the query (a predicate or a SpanMatcher), in arrival order. */
export function findSpans(spans: readonly ReceivedSpan[], query: SpanQuery): ReceivedSpan[] {
  const test = typeof query === 'function' ? query : (span: ReceivedSpan) => spanMatches(span, query);
  return spans.filter((span) => test(span));
}

/** The first span that satisfies the query, or undefined. */
export function findSpan(spans: readonly ReceivedSpan[], query: SpanQuery): ReceivedSpan | undefined {
  return findSpans(spans, query)[0];
}

/** Whether each row can get its own column among the `true` cells (augmenting paths). */
function hasDistinctAssignment(compatible: readonly (readonly boolean[])[], columnCount: number): boolean {
  const owner = new Array<number>(columnCount).fill(-1);
  const assign = (row: number, seen: boolean[]): boolean => {
    for (let column = 0; column < columnCount; column += 1) {
      if (!compatible[row]?.[column] || seen[column]) continue;
      seen[column] = true;
      const current = owner[column] ?? -1;
      if (current === -1 || assign(current, seen)) {
        owner[column] = row;
        return true;
      }
    }
    return false;
  };
  return compatible.every((_, row) => assign(row, new Array<boolean>(columnCount).fill(false)));
}

function quote(name: string | RegExp): string {
  return formatValue(name);
}

/** Why the subtree at `node` does not match `expected`, or undefined when it does. */
export function describeTreeMismatch(expected: ExpectedSpan, node: SpanNode): string | undefined {
  const own = describeSpanMismatch(node.span, expected);
  if (own !== undefined) return `span ${formatValue(node.span.name)}: ${own}`;
  const expectedChildren = expected.children ?? [];
  const actual = node.children;
  const here = `under ${formatValue(node.span.name)}`;
  if (expected.exactChildren && actual.length !== expectedChildren.length) {
    const names = actual.map((child) => formatValue(child.span.name)).join(', ');
    return `${here}: expected exactly ${expectedChildren.length} children, got ${actual.length} (${names})`;
  }
  const reasons = expectedChildren.map((child) => actual.map((candidate) => describeTreeMismatch(child, candidate)));
  const compatible = reasons.map((row) => row.map((reason) => reason === undefined));
  if (hasDistinctAssignment(compatible, actual.length)) return undefined;

  const unmatched = expectedChildren.findIndex((_, i) => !compatible[i]?.some(Boolean));
  if (unmatched === -1) {
    const names = expectedChildren.map((child) => quote(child.name)).join(', ');
    return `${here}: the expected children ${names} each match some span, but not each a different one`;
  }
  const child = expectedChildren[unmatched] as ExpectedSpan;
  const sameName = actual.findIndex((candidate) => matchValue(child.name, candidate.span.name));
  if (sameName === -1) {
    const names = actual.length === 0 ? 'none' : actual.map((c) => formatValue(c.span.name)).join(', ');
    return `${here}: no child matches ${quote(child.name)} (children: ${names})`;
  }
  return `${here}: ${reasons[unmatched]?.[sameName] ?? 'no match'}`;
}

/**
 * Finds a received trace whose root (or, with `anywhere`, any span) matches the expected tree, and
 * returns that node. Throws an Error showing the expected tree, the closest mismatches and every
 * received tree when none matches.
 */
export function expectTraceTree(
  spans: readonly ReceivedSpan[],
  expected: ExpectedSpan,
  options: ExpectTraceTreeOptions = {},
): SpanNode {
  const trees = buildTraceTrees(spans);
  const candidates = options.anywhere ? flattenTrees(trees) : trees.flatMap((tree) => tree.roots);
  const mismatches: string[] = [];
  for (const candidate of candidates) {
    const reason = describeTreeMismatch(expected, candidate);
    if (reason === undefined) return candidate;
    if (matchValue(expected.name, candidate.span.name)) {
      mismatches.push(`trace ${candidate.span.traceId}: ${reason}`);
    }
  }
  const where = options.anywhere ? 'span' : 'root span';
  const lines = [
    `expectTraceTree: no received trace matches the expected tree.`,
    '',
    'Expected:',
    formatExpectedTree(expected),
    '',
    mismatches.length === 0
      ? `No ${where} matches the name ${quote(expected.name)}.`
      : `Closest mismatches:\n${mismatches.map((line) => `  - ${line}`).join('\n')}`,
    '',
    `Received (${trees.length} trace${trees.length === 1 ? '' : 's'}, ${spans.length} span${spans.length === 1 ? '' : 's'}):`,
    formatTrees(trees),
  ];
  throw new Error(lines.join('\n'));
}
