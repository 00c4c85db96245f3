// Turns the raw measurements of a run into the comparison table's numbers.
// It never computes a ratio from a measurement that had a problem: such a cell
// keeps its raw numbers, gets status 'invalid' and lists what went wrong.
import { median, sum } from './stats.mjs';

const BASELINE = 'baseline';
const UPSTREAM = 'upstream';

/** Key of a setup running the app in one module format, e.g. `esm upstream`. */
export const variantKey = (app, setup) => `${app} ${setup}`;

/**
 * @param {{
 *   setups: { name: string, traced: boolean }[], apps: string[], routes: string[],
 *   failures: Record<string, string>,  // variantKey → why it was dropped
 *   load: LoadRecord[], startup: { app: string, setup: string, startupMs: number }[],
 * }} run
 * @typedef {{
 *   app: string, setup: string, route: string, round: number, problems: string[],
 *   measured: { requestsPerSecond: number, p99Ms: number } | null,
 *   peakRssBytes: number | null, requestsSent: number, sink: { spans: number },
 * }} LoadRecord
 */
export function summarize(run) {
  const cases = run.apps.flatMap((app) =>
    run.routes.map((route) => ({ app, route, rows: summarizeCase(run, app, route) })),
  );
  const startup = run.apps.map((app) => ({ app, rows: summarizeStartup(run, app) }));
  const ok =
    Object.keys(run.failures).length === 0 &&
    [...cases, ...startup].every(({ rows }) => rows.every((row) => row.status === 'ok'));
  return { ok, cases, startup };
}

function summarizeCase(run, app, route) {
  const ofCase = run.load.filter((record) => record.app === app && record.route === route);
  const rows = run.setups.map(({ name, traced }) => {
    const records = ofCase.filter((record) => record.setup === name);
    const failure = run.failures[variantKey(app, name)];
    const row = {
      setup: name,
      traced,
      status: 'ok',
      dropped: false,
      problems: [],
      rounds: records.length,
      requestsPerSecond: null,
      p99Ms: null,
      peakRssMiB: null,
      cpuMicrosPerRequest: null,
      cpuOverhead: null,
      cpuOverheadVsUpstream: null,
      spansPerRequest: null,
      throughputRatio: null,
      overhead: null,
      overheadVsUpstream: null,
    };
    if (failure !== undefined) {
      row.status = 'failed';
      row.dropped = true;
      row.problems.push(failure);
    }
    for (const record of records) {
      for (const problem of record.problems) row.problems.push(`round ${record.round}: ${problem}`);
    }
    if (row.status === 'ok' && row.problems.length > 0) row.status = 'invalid';
    if (row.status === 'ok' && records.length === 0) {
      row.status = 'failed';
      row.problems.push('not measured');
    }

    const measured = records.filter((record) => record.measured !== null);
    if (measured.length > 0) {
      row.requestsPerSecond = median(measured.map((record) => record.measured.requestsPerSecond));
      row.p99Ms = median(measured.map((record) => record.measured.p99Ms));
      const cpu = measured.map((record) => record.measured.cpuMicrosPerRequest).filter((micros) => micros != null);
      row.cpuMicrosPerRequest = cpu.length > 0 ? median(cpu) : null;
      const rss = measured.map((record) => record.peakRssBytes).filter((bytes) => bytes !== null);
      row.peakRssMiB = rss.length > 0 ? median(rss) / 2 ** 20 : null;
      const sent = sum(records.map((record) => record.requestsSent));
      row.spansPerRequest = sent > 0 ? sum(records.map((record) => record.sink.spans)) / sent : null;
    }
    return row;
  });

  // Ratios pair each round with the baseline of the same round (measured
  // minutes apart at most), then take the median over rounds: slow drift of
  // the machine cancels out instead of landing on one setup.
  const baseline = rows.find((row) => row.setup === BASELINE);
  if (baseline?.status === 'ok') {
    const baselineByRound = new Map(
      ofCase
        .filter((record) => record.setup === BASELINE)
        .map((record) => [record.round, record.measured.requestsPerSecond]),
    );
    for (const row of rows) {
      if (row.setup === BASELINE || row.status !== 'ok') continue;
      const ratios = ofCase
        .filter((record) => record.setup === row.setup)
        .filter((record) => baselineByRound.has(record.round))
        .map((record) => record.measured.requestsPerSecond / baselineByRound.get(record.round));
      if (ratios.length === 0) continue;
      row.throughputRatio = median(ratios);
      row.overhead = 1 - row.throughputRatio;
    }
  }
  // CPU overhead: extra CPU per request relative to the untraced app's.
  if (baseline?.status === 'ok' && baseline.cpuMicrosPerRequest) {
    for (const row of rows) {
      if (row.setup === BASELINE || row.status !== 'ok' || row.cpuMicrosPerRequest === null) continue;
      row.cpuOverhead = row.cpuMicrosPerRequest / baseline.cpuMicrosPerRequest - 1;
    }
  }
  const upstream = rows.find((row) => row.setup === UPSTREAM);
  for (const row of rows) {
    if (!row.traced || row.setup === UPSTREAM) continue;
    if (row.overhead !== null && upstream?.overhead != null && upstream.overhead > 0) {
      row.overheadVsUpstream = row.overhead / upstream.overhead;
    }
    if (row.cpuOverhead !== null && upstream?.cpuOverhead != null && upstream.cpuOverhead > 0) {
      row.cpuOverheadVsUpstream = row.cpuOverhead / upstream.cpuOverhead;
    }
  }
  return rows;
}

function summarizeStartup(run, app) {
  const rows = run.setups.map(({ name, traced }) => {
    const samples = run.startup
      .filter((sample) => sample.app === app && sample.setup === name)
      .map((sample) => sample.startupMs);
    const failed = run.failures[variantKey(app, name)];
    return {
      setup: name,
      traced,
      status: failed === undefined && samples.length > 0 ? 'ok' : 'failed',
      dropped: failed !== undefined,
      problems: failed === undefined ? (samples.length > 0 ? [] : ['not measured']) : [failed],
      runs: samples.length,
      startupMs: samples.length > 0 ? median(samples) : null,
      costMs: null,
      costVsUpstream: null,
    };
  });
  const baseline = rows.find((row) => row.setup === BASELINE);
  if (baseline?.status === 'ok') {
    for (const row of rows) {
      if (row.setup !== BASELINE && row.status === 'ok') row.costMs = row.startupMs - baseline.startupMs;
    }
  }
  const upstream = rows.find((row) => row.setup === UPSTREAM);
  for (const row of rows) {
    if (!row.traced || row.setup === UPSTREAM) continue;
    if (row.costMs !== null && upstream?.costMs != null && upstream.costMs > 0) {
      row.costVsUpstream = row.costMs / upstream.costMs;
    }
  }
  return rows;
}
