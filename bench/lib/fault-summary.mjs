// Turns the raw records of a fault run into one row per scenario and setup.
// Ratios pair each measurement with the healthy-Collector measurement of the
// same setup in the same round, then take the median over rounds; no ratio is
// computed from a measurement that had a problem.
import { median } from './stats.mjs';

/** What the issue asks of a sick Collector, measured against the healthy one. */
export const CRITERIA = Object.freeze({ minThroughputRatio: 0.9, maxP99Ratio: 1.5 });

const MiB = 1024 * 1024;
const medianOrNull = (values) => {
  const present = values.filter((value) => value !== null && value !== undefined && !Number.isNaN(value));
  return present.length === 0 ? null : median(present);
};

/**
 * @param {{ scenarios: string[], setups: string[], records: FaultRecord[] }} run
 * @typedef {{
 *   round: number, scenario: string, setup: string, problems: string[],
 *   measured: { requestsPerSecond: number, p99Ms: number } | null,
 *   requestsSent: number, rssStartBytes: number | null, rssEndBytes: number | null, rssMaxBytes: number | null,
 *   spans: { duringLoad: number, afterRecovery: number, atExit: number },
 *   recoveryMs: number | null, exitMs: number | null,
 *   exitBurst: { requests: number, spans: number } | null,  // scenario `exit` only
 * }} FaultRecord
 */
export function summarizeFaults(run) {
  const rows = [];
  for (const scenario of run.scenarios) {
    for (const setup of run.setups) rows.push(summarizeRow(run, scenario, setup));
  }
  const ok = rows.every((row) => row.status === 'ok' && row.verdict !== 'fail');
  return { ok, rows };
}

function healthyOf(run, setup, round) {
  const record = run.records.find((r) => r.scenario === 'healthy' && r.setup === setup && r.round === round);
  return record && record.problems.length === 0 && record.measured ? record : null;
}

function spansPerRequest(record) {
  const { duringLoad, afterRecovery, atExit } = record.spans;
  return record.requestsSent > 0 ? (duringLoad + afterRecovery + atExit) / record.requestsSent : null;
}

function summarizeRow(run, scenario, setup) {
  const records = run.records.filter((r) => r.scenario === scenario && r.setup === setup);
  const clean = records.filter((r) => r.problems.length === 0 && r.measured);
  const problems = [...new Set(records.flatMap((r) => r.problems))];
  const ratios = (pick) =>
    clean.map((record) => {
      const healthy = healthyOf(run, setup, record.round);
      return healthy ? pick(record) / pick(healthy) : null;
    });

  const row = {
    scenario,
    setup,
    rounds: records.length,
    status: records.length === 0 ? 'failed' : problems.length > 0 ? 'invalid' : 'ok',
    problems,
    requestsPerSecond: medianOrNull(records.map((r) => r.measured?.requestsPerSecond)),
    p99Ms: medianOrNull(records.map((r) => r.measured?.p99Ms)),
    throughputVsHealthy: scenario === 'healthy' ? null : medianOrNull(ratios((r) => r.measured.requestsPerSecond)),
    p99VsHealthy: scenario === 'healthy' ? null : medianOrNull(ratios((r) => r.measured.p99Ms)),
    rssGrowthMiB: medianOrNull(
      records.map((r) => (r.rssStartBytes === null || r.rssEndBytes === null ? null : (r.rssEndBytes - r.rssStartBytes) / MiB)),
    ),
    maxRssMiB: medianOrNull(records.map((r) => (r.rssMaxBytes === null ? null : r.rssMaxBytes / MiB))),
    spansPerRequest: medianOrNull(records.map(spansPerRequest)),
    spansAfterRecovery: medianOrNull(records.map((r) => r.spans.afterRecovery)),
    recoverySeconds: medianOrNull(records.map((r) => (r.recoveryMs === null ? null : r.recoveryMs / 1000))),
    exitMs: medianOrNull(records.map((r) => r.exitMs)),
    /** For `exit`: the share of the last burst's spans (at the healthy run's spans per request) that never arrived. */
    lostAtExit: null,
    verdict: '—',
  };
  if (scenario === 'exit') {
    row.lostAtExit = medianOrNull(
      clean.map((record) => {
        const healthy = healthyOf(run, setup, record.round);
        const perRequest = healthy ? spansPerRequest(healthy) : null;
        if (!perRequest || !record.exitBurst) return null;
        return Math.max(0, 1 - record.exitBurst.spans / (record.exitBurst.requests * perRequest));
      }),
    );
  } else if (scenario !== 'healthy' && row.throughputVsHealthy !== null && row.p99VsHealthy !== null) {
    row.verdict =
      row.throughputVsHealthy >= CRITERIA.minThroughputRatio && row.p99VsHealthy <= CRITERIA.maxP99Ratio ? 'pass' : 'fail';
  }
  return row;
}

const DASH = '—';
const fixed = (digits) => (value) => (value === null || value === undefined || Number.isNaN(value) ? DASH : value.toFixed(digits));
const percent = (value) => (value === null ? DASH : `${(value * 100).toFixed(1)} %`);

const COLUMNS = [
  ['scenario', (row) => row.scenario],
  ['setup', (row) => row.setup],
  ['req/s', (row) => fixed(0)(row.requestsPerSecond)],
  ['÷ healthy', (row) => fixed(3)(row.throughputVsHealthy)],
  ['p99 ms', (row) => fixed(2)(row.p99Ms)],
  ['p99 ÷ healthy', (row) => fixed(2)(row.p99VsHealthy)],
  ['RSS growth MiB', (row) => fixed(1)(row.rssGrowthMiB)],
  ['max RSS MiB', (row) => fixed(0)(row.maxRssMiB)],
  ['spans/req', (row) => fixed(2)(row.spansPerRequest)],
  ['spans after recovery', (row) => fixed(0)(row.spansAfterRecovery)],
  ['recovery s', (row) => fixed(1)(row.recoverySeconds)],
  ['exit ms', (row) => fixed(0)(row.exitMs)],
  ['lost at exit', (row) => percent(row.lostAtExit)],
  ['≥ 90 % and p99 ≤ 1.5×', (row) => row.verdict],
  ['status', (row) => row.status],
];

export function renderFaultMarkdown(summary) {
  const header = COLUMNS.map(([title]) => title);
  const align = COLUMNS.map(([title]) => (['scenario', 'setup', 'status', '≥ 90 % and p99 ≤ 1.5×'].includes(title) ? '---' : '---:'));
  const body = summary.rows.map((row) => COLUMNS.map(([, format]) => format(row)));
  const lines = [header, align, ...body].map((cells) => `| ${cells.join(' | ')} |`);
  const problems = summary.rows.flatMap((row) => row.problems.map((problem) => `- ${row.scenario} ${row.setup}: ${problem}`));
  return [...lines, ...(problems.length > 0 ? ['', 'Problems:', ...problems] : [])].join('\n');
}

export function renderFaultText(summary) {
  const header = COLUMNS.map(([title]) => title);
  const body = summary.rows.map((row) => COLUMNS.map(([, format]) => format(row)));
  const widths = header.map((title, i) => Math.max(title.length, ...body.map((cells) => cells[i].length)));
  const line = (cells) => cells.map((cell, i) => (i < 2 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  return [line(header), ...body.map(line)].join('\n');
}
