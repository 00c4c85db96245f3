import type { ConfigRow } from '../row.js';
import { batchAndLimitRows } from './batch-and-limits.js';
import { exporterPropagatorRows } from './exporters-propagators.js';
import { generalRows } from './general.js';
import { nodeAndTracekitRows } from './node-and-tracekit.js';
import { optionRows } from './options.js';
import { otlpRows } from './otlp.js';
import { samplerRows } from './sampler.js';

/** Every row, grouped by the variable (or topic) it is about. */
export const corpus: Record<string, readonly ConfigRow[]> = {
  ...generalRows,
  ...exporterPropagatorRows,
  ...samplerRows,
  ...otlpRows,
  ...batchAndLimitRows,
  ...nodeAndTracekitRows,
  ...optionRows,
};

export const allRows: readonly ConfigRow[] = Object.values(corpus).flat();
