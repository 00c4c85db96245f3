/**
 * OTEL_TRACES_EXPORTER and OTEL_PROPAGATORS: comma lists of case-insensitive enums.
 * Unknown entries are warned about and dropped; duplicates removed; `none` alone means nothing.
 */
import { warningText as W } from '../../../src/config/warnings.js';
import { EXPORTER_NAMES, PROPAGATOR_NAMES } from '../../../src/types.js';
import type { ConfigRow } from '../row.js';

const E = 'OTEL_TRACES_EXPORTER';
const P = 'OTEL_PROPAGATORS';

const tracesExporter: ConfigRow[] = [
  { env: { OTEL_TRACES_EXPORTER: 'otlp' }, expected: { tracesExporters: ['otlp'] }, warnings: [] },
  { env: { OTEL_TRACES_EXPORTER: 'console' }, expected: { tracesExporters: ['console'] }, warnings: [] },
  { env: { OTEL_TRACES_EXPORTER: 'otlp,console' }, expected: { tracesExporters: ['otlp', 'console'] }, warnings: [] },
  { env: { OTEL_TRACES_EXPORTER: ' OTLP , Console ' }, expected: { tracesExporters: ['otlp', 'console'] }, warnings: [] },
  { env: { OTEL_TRACES_EXPORTER: 'otlp,otlp,OTLP' }, expected: { tracesExporters: ['otlp'] }, warnings: [], why: 'duplicates removed' },
  { env: { OTEL_TRACES_EXPORTER: '' }, expected: { tracesExporters: ['otlp'] }, warnings: [] },
  { env: { OTEL_TRACES_EXPORTER: 'none' }, expected: { tracesExporters: [] }, warnings: [] },
  { env: { OTEL_TRACES_EXPORTER: 'NONE' }, expected: { tracesExporters: [] }, warnings: [] },
  {
    env: { OTEL_TRACES_EXPORTER: 'none,console' },
    expected: { tracesExporters: ['console'] },
    warnings: [W.noneWithOthers(E, ['console'])],
  },
  {
    env: { OTEL_TRACES_EXPORTER: 'zipkin' },
    expected: { tracesExporters: ['otlp'] },
    warnings: [W.invalidListEntry(E, 'zipkin', EXPORTER_NAMES), W.emptyListAfterFiltering(E, 'otlp')],
    why: 'known to the spec but not supported',
  },
  {
    env: { OTEL_TRACES_EXPORTER: 'logging' },
    expected: { tracesExporters: ['otlp'] },
    warnings: [W.invalidListEntry(E, 'logging', EXPORTER_NAMES), W.emptyListAfterFiltering(E, 'otlp')],
    why: 'deprecated, SHOULD NOT be supported',
  },
  {
    env: { OTEL_TRACES_EXPORTER: 'console,Jaeger' },
    expected: { tracesExporters: ['console'] },
    warnings: [W.invalidListEntry(E, 'Jaeger', EXPORTER_NAMES)],
  },
  {
    env: { OTEL_TRACES_EXPORTER: ',' },
    expected: { tracesExporters: ['otlp'] },
    warnings: [W.emptyListAfterFiltering(E, 'otlp')],
    why: 'only separators',
  },
];

const propagators: ConfigRow[] = [
  { env: { OTEL_PROPAGATORS: '' }, expected: { propagators: ['tracecontext', 'baggage'] }, warnings: [] },
  { env: { OTEL_PROPAGATORS: 'b3' }, expected: { propagators: ['b3'] }, warnings: [] },
  {
    env: { OTEL_PROPAGATORS: 'tracecontext,baggage,b3multi' },
    expected: { propagators: ['tracecontext', 'baggage', 'b3multi'] },
    warnings: [],
  },
  { env: { OTEL_PROPAGATORS: 'B3, Jaeger ' }, expected: { propagators: ['b3', 'jaeger'] }, warnings: [] },
  { env: { OTEL_PROPAGATORS: 'xray,ottrace' }, expected: { propagators: ['xray', 'ottrace'] }, warnings: [] },
  {
    env: { OTEL_PROPAGATORS: 'tracecontext,TraceContext,baggage' },
    expected: { propagators: ['tracecontext', 'baggage'] },
    warnings: [],
    why: 'spec: values MUST be deduplicated',
  },
  { env: { OTEL_PROPAGATORS: 'none' }, expected: { propagators: ['none'] }, warnings: [] },
  { env: { OTEL_PROPAGATORS: 'None' }, expected: { propagators: ['none'] }, warnings: [] },
  { env: { OTEL_PROPAGATORS: 'none,b3' }, expected: { propagators: ['b3'] }, warnings: [W.noneWithOthers(P, ['b3'])] },
  {
    env: { OTEL_PROPAGATORS: 'w3c' },
    expected: { propagators: ['tracecontext', 'baggage'] },
    warnings: [W.invalidListEntry(P, 'w3c', PROPAGATOR_NAMES), W.emptyListAfterFiltering(P, 'tracecontext,baggage')],
  },
  {
    env: { OTEL_PROPAGATORS: 'tracecontext,datadog' },
    expected: { propagators: ['tracecontext'] },
    warnings: [W.invalidListEntry(P, 'datadog', PROPAGATOR_NAMES)],
  },
  {
    env: { OTEL_PROPAGATORS: 'b3 multi' },
    expected: { propagators: ['tracecontext', 'baggage'] },
    warnings: [W.invalidListEntry(P, 'b3 multi', PROPAGATOR_NAMES), W.emptyListAfterFiltering(P, 'tracecontext,baggage')],
    why: 'inner space is not a separator',
  },
];

export const exporterPropagatorRows: Record<string, ConfigRow[]> = {
  OTEL_TRACES_EXPORTER: tracesExporter,
  OTEL_PROPAGATORS: propagators,
};
