// Renders one trace (spans as returned by backends/jaeger-api.mjs) as a terminal waterfall:
// service, operation, a bar placed on the trace's time axis, duration, errors marked.
const BAR_WIDTH = 40;
const RED = '\u001b[31m';
const DIM = '\u001b[2m';
const RESET = '\u001b[0m';

export function renderWaterfall(spans, { color = process.stdout.isTTY ?? false } = {}) {
  if (spans.length === 0) return '(no spans)';
  const start = Math.min(...spans.map((span) => span.startUs));
  const end = Math.max(...spans.map((span) => span.startUs + span.durationUs));
  const total = Math.max(end - start, 1);
  const byParent = new Map();
  const ids = new Set(spans.map((span) => span.spanId));
  for (const span of spans) {
    const parent = span.parentSpanId && ids.has(span.parentSpanId) ? span.parentSpanId : 'root';
    byParent.set(parent, [...(byParent.get(parent) ?? []), span]);
  }
  const rows = [];
  const visit = (span, depth) => {
    rows.push({ span, depth });
    for (const child of (byParent.get(span.spanId) ?? []).sort((a, b) => a.startUs - b.startUs)) visit(child, depth + 1);
  };
  for (const root of (byParent.get('root') ?? []).sort((a, b) => a.startUs - b.startUs)) visit(root, 0);

  const services = new Set(spans.map((span) => span.service));
  const labelWidth = Math.max(...rows.map(({ span, depth }) => depth * 2 + span.service.length + span.operation.length + 1));
  const header = `trace ${spans[0].traceId}: ${spans.length} spans, ${services.size} services, ${formatMs(total)}`;
  const lines = rows.map(({ span, depth }) => {
    const label = `${'  '.repeat(depth)}${span.service} ${span.operation}`.padEnd(labelWidth);
    const offset = Math.floor(((span.startUs - start) / total) * BAR_WIDTH);
    const width = Math.max(1, Math.round((span.durationUs / total) * BAR_WIDTH));
    const bar = `${' '.repeat(offset)}${'█'.repeat(Math.min(width, BAR_WIDTH - offset))}`.padEnd(BAR_WIDTH);
    const mark = span.error ? ' ✗ error' : '';
    const text = `${label}  │${bar}│ ${formatMs(span.durationUs).padStart(9)}${mark}`;
    return color && span.error ? `${RED}${text}${RESET}` : text;
  });
  return [color ? `${DIM}${header}${RESET}` : header, ...lines].join('\n');
}

function formatMs(micros) {
  return `${(micros / 1000).toFixed(1)} ms`;
}
