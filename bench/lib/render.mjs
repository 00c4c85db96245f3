// Renders a run's summary as an aligned text table (terminal) and Markdown.
const DASH = '—';

const fixed = (digits) => (value) => (value === null || Number.isNaN(value) ? DASH : value.toFixed(digits));
const percent = (value) => (value === null ? DASH : `${(value * 100).toFixed(1)} %`);
const signedMs = (value) => (value === null ? DASH : `${value >= 0 ? '+' : ''}${value.toFixed(0)}`);

const LOAD_COLUMNS = [
  ['app', (row) => row.app],
  ['route', (row) => row.route],
  ['setup', (row) => row.setup],
  ['req/s', (row) => fixed(0)(row.requestsPerSecond)],
  ['p99 ms', (row) => fixed(2)(row.p99Ms)],
  ['vs baseline', (row) => fixed(3)(row.throughputRatio)],
  ['overhead', (row) => percent(row.overhead)],
  ['overhead ÷ upstream', (row) => fixed(2)(row.overheadVsUpstream)],
  ['CPU µs/req', (row) => fixed(1)(row.cpuMicrosPerRequest)],
  ['CPU overhead', (row) => percent(row.cpuOverhead)],
  ['CPU overhead ÷ upstream', (row) => fixed(2)(row.cpuOverheadVsUpstream)],
  ['spans/req', (row) => fixed(2)(row.spansPerRequest)],
  ['peak RSS MiB', (row) => fixed(0)(row.peakRssMiB)],
  ['status', (row) => row.status],
];

const STARTUP_COLUMNS = [
  ['app', (row) => row.app],
  ['setup', (row) => row.setup],
  ['start-up ms', (row) => fixed(0)(row.startupMs)],
  ['cost vs baseline ms', (row) => signedMs(row.costMs)],
  ['cost ÷ upstream', (row) => fixed(2)(row.costVsUpstream)],
  ['runs', (row) => String(row.runs)],
  ['status', (row) => row.status],
];

function loadRows(summary) {
  return summary.cases.flatMap(({ app, route, rows }) => rows.map((row) => ({ ...row, app, route })));
}

function startupRows(summary) {
  return summary.startup.flatMap(({ app, rows }) => rows.map((row) => ({ ...row, app })));
}

function cells(columns, rows) {
  return {
    header: columns.map(([title]) => title),
    body: rows.map((row) => columns.map(([, format]) => format(row))),
  };
}

function problemLines(summary) {
  const lines = [];
  // A setup dropped from the run fails every row alike: say it once.
  for (const row of [...startupRows(summary), ...loadRows(summary)]) {
    const where = row.dropped ? '' : row.route ? ` ${row.route}` : ' start-up';
    for (const problem of row.problems) lines.push(`${row.app} ${row.setup}${where}: ${problem}`);
  }
  return [...new Set(lines)];
}

function textTable({ header, body }) {
  const numeric = header.map((_, column) => body.every((line) => /^[-+\d.,% —]*$/.test(line[column])));
  const widths = header.map((title, column) =>
    Math.max(title.length, ...body.map((line) => line[column].length)),
  );
  const format = (line) =>
    line
      .map((cell, column) => (numeric[column] ? cell.padStart(widths[column]) : cell.padEnd(widths[column])))
      .join('  ')
      .trimEnd();
  return [format(header), widths.map((width) => '-'.repeat(width)).join('  '), ...body.map(format)].join('\n');
}

function markdownTable({ header, body }) {
  const numeric = header.map((_, column) => body.every((line) => /^[-+\d.,% —]*$/.test(line[column])));
  const line = (cellsOfLine) => `| ${cellsOfLine.join(' | ')} |`;
  return [
    line(header),
    line(header.map((_, column) => (numeric[column] ? '---:' : '---'))),
    ...body.map(line),
  ].join('\n');
}

export function renderText(summary) {
  const parts = [
    'Throughput and latency (medians over rounds)',
    textTable(cells(LOAD_COLUMNS, loadRows(summary))),
    '',
    'Start-up: spawn to LISTENING (median)',
    textTable(cells(STARTUP_COLUMNS, startupRows(summary))),
  ];
  const problems = problemLines(summary);
  if (problems.length > 0) {
    parts.push(
      '',
      'PROBLEMS — no ratio is shown for a setup that has one:',
      ...problems.map((problem) => `  - ${problem.replaceAll('\n', '\n      ')}`),
    );
  }
  return parts.join('\n');
}

/** @param {{ summary: object, meta: object }} report */
export function renderMarkdown({ summary, meta }) {
  const { machine, options, versions } = meta;
  const parts = [`# tracekit benchmark, ${meta.startedAt}`, ''];
  if (options.quick) parts.push('> **Smoke run (`--quick`): far too short to quote. Do not publish these numbers.**', '');
  parts.push(
    `Machine: ${machine.nproc} CPUs (${machine.cpuModel}), ${machine.totalMemoryMiB} MiB, ${machine.os}; ` +
      `Node ${machine.node}; load average at start ${machine.loadAverage.join(' / ')}.`,
    `Load: ${options.connections} connections, ${options.warmup} s warm-up + ${options.duration} s measured ` +
      `per app process and route, ${options.rounds} interleaved round(s); start-up: median of ${options.startupRuns} spawn(s).`,
    `Versions: ${Object.entries(versions)
      .map(([name, version]) => `${name} ${version ?? 'not installed'}`)
      .join(', ')}.`,
    '',
    '## Throughput and latency',
    '',
    markdownTable(cells(LOAD_COLUMNS, loadRows(summary))),
    '',
    '## Start-up',
    '',
    markdownTable(cells(STARTUP_COLUMNS, startupRows(summary))),
    '',
  );
  const problems = problemLines(summary);
  if (problems.length > 0) {
    parts.push('## Problems', '', 'No ratio is shown for a setup that has one.', '');
    parts.push(...problems.map((p) => `- ${p.replaceAll('\n', ' ')}`), '');
  }
  parts.push('Columns and method: see bench/README.md.', '');
  return parts.join('\n');
}
