/**
 * OTEL_BSP_* and the attribute/span limits: non-negative integers (positive for the two BSP sizes),
 * anything else warned about and treated as not set.
 */
import { warningText as W } from '../../../src/config/warnings.js';
import type { EnvName } from '../../../src/config/env-names.js';
import type { BatchConfig, SpanLimitsConfig } from '../../../src/types.js';
import { INDEFINITE_TIMEOUT, type ConfigRow } from '../row.js';

/** The usual good/edge/bad rows for one integer variable with a fixed default. */
function integerRows<K extends string>(
  name: EnvName,
  section: 'batch' | 'spanLimits',
  key: K,
  fallback: number,
  good: number,
): ConfigRow[] {
  const at = (value: number) => ({ [section]: { [key]: value } });
  const bad = (value: string, why?: string): ConfigRow => ({
    env: { [name]: value },
    expected: at(fallback),
    warnings: [W.invalidInteger(name, value.trim(), String(fallback))],
    ...(why ? { why } : {}),
  });
  return [
    { env: { [name]: String(good) }, expected: at(good), warnings: [] },
    { env: { [name]: ` ${good} ` }, expected: at(good), warnings: [], why: 'trimmed' },
    { env: { [name]: '' }, expected: at(fallback), warnings: [] },
    bad('-1', 'negative'),
    bad('1.5', 'float'),
    bad('abc'),
    bad('1e3', 'exponent'),
    bad('9007199254740993', 'beyond a safe integer'),
  ];
}

const scheduleDelay: ConfigRow[] = [
  ...integerRows('OTEL_BSP_SCHEDULE_DELAY', 'batch', 'scheduledDelayMillis' satisfies keyof BatchConfig, 5000, 1000),
  { env: { OTEL_BSP_SCHEDULE_DELAY: '0' }, expected: { batch: { scheduledDelayMillis: 0 } }, warnings: [], why: 'a zero duration is valid' },
];

const exportTimeout: ConfigRow[] = [
  ...integerRows('OTEL_BSP_EXPORT_TIMEOUT', 'batch', 'exportTimeoutMillis' satisfies keyof BatchConfig, 30_000, 10_000),
  {
    env: { OTEL_BSP_EXPORT_TIMEOUT: '0' },
    expected: { batch: { exportTimeoutMillis: INDEFINITE_TIMEOUT } },
    warnings: [],
    why: 'spec: timeout zero SHOULD be interpreted as indefinite',
  },
];

const Q = 'OTEL_BSP_MAX_QUEUE_SIZE';
const B = 'OTEL_BSP_MAX_EXPORT_BATCH_SIZE';

const queueSize: ConfigRow[] = [
  { env: { OTEL_BSP_MAX_QUEUE_SIZE: '4096' }, expected: { batch: { maxQueueSize: 4096, maxExportBatchSize: 512 } }, warnings: [] },
  { env: { OTEL_BSP_MAX_QUEUE_SIZE: '2147483647' }, expected: { batch: { maxQueueSize: 2_147_483_647 } }, warnings: [], why: '2^31 - 1' },
  { env: { OTEL_BSP_MAX_QUEUE_SIZE: '' }, expected: { batch: { maxQueueSize: 2048 } }, warnings: [] },
  { env: { OTEL_BSP_MAX_QUEUE_SIZE: '-5' }, expected: { batch: { maxQueueSize: 2048 } }, warnings: [W.invalidPositiveInteger(Q, '-5', '2048')] },
  { env: { OTEL_BSP_MAX_QUEUE_SIZE: '1e3' }, expected: { batch: { maxQueueSize: 2048 } }, warnings: [W.invalidPositiveInteger(Q, '1e3', '2048')] },
  { env: { OTEL_BSP_MAX_QUEUE_SIZE: 'lots' }, expected: { batch: { maxQueueSize: 2048 } }, warnings: [W.invalidPositiveInteger(Q, 'lots', '2048')] },
  {
    env: { OTEL_BSP_MAX_QUEUE_SIZE: '0' },
    expected: { batch: { maxQueueSize: 2048, maxExportBatchSize: 512 } },
    warningsMention: [Q],
    why: 'spec: valid values are positive',
  },
];

const batchSize: ConfigRow[] = [
  { env: { OTEL_BSP_MAX_EXPORT_BATCH_SIZE: '256' }, expected: { batch: { maxExportBatchSize: 256, maxQueueSize: 2048 } }, warnings: [] },
  { env: { OTEL_BSP_MAX_EXPORT_BATCH_SIZE: '' }, expected: { batch: { maxExportBatchSize: 512 } }, warnings: [] },
  { env: { OTEL_BSP_MAX_EXPORT_BATCH_SIZE: '12.5' }, expected: { batch: { maxExportBatchSize: 512 } }, warnings: [W.invalidPositiveInteger(B, '12.5', '512')] },
  { env: { OTEL_BSP_MAX_EXPORT_BATCH_SIZE: '-1' }, expected: { batch: { maxExportBatchSize: 512 } }, warnings: [W.invalidPositiveInteger(B, '-1', '512')] },
  {
    env: { OTEL_BSP_MAX_EXPORT_BATCH_SIZE: '0' },
    expected: { batch: { maxExportBatchSize: 512 } },
    warningsMention: [B],
    why: 'spec: valid values are positive',
  },
  // Must be <= the queue size: clamped, with a warning.
  {
    env: { OTEL_BSP_MAX_EXPORT_BATCH_SIZE: '4096' },
    expected: { batch: { maxExportBatchSize: 2048, maxQueueSize: 2048 } },
    warnings: [W.batchLargerThanQueue(4096, 2048)],
  },
  {
    env: { OTEL_BSP_MAX_QUEUE_SIZE: '100' },
    expected: { batch: { maxExportBatchSize: 100, maxQueueSize: 100 } },
    warnings: [],
    why: 'the default batch size is fitted to a small queue: nothing the user set is wrong',
  },
  {
    env: { OTEL_BSP_MAX_QUEUE_SIZE: '100', OTEL_BSP_MAX_EXPORT_BATCH_SIZE: '100' },
    expected: { batch: { maxExportBatchSize: 100, maxQueueSize: 100 } },
    warnings: [],
    why: 'equal is allowed',
  },
  {
    env: { OTEL_BSP_MAX_QUEUE_SIZE: '100', OTEL_BSP_MAX_EXPORT_BATCH_SIZE: '50' },
    expected: { batch: { maxExportBatchSize: 50, maxQueueSize: 100 } },
    warnings: [],
  },
  {
    env: { OTEL_BSP_MAX_QUEUE_SIZE: 'abc', OTEL_BSP_MAX_EXPORT_BATCH_SIZE: '4096' },
    expected: { batch: { maxExportBatchSize: 2048, maxQueueSize: 2048 } },
    warnings: [W.invalidPositiveInteger(Q, 'abc', '2048'), W.batchLargerThanQueue(4096, 2048)],
    why: 'clamped against the default queue',
  },
];

const limits = (key: keyof SpanLimitsConfig, value: number) => ({ spanLimits: { [key]: value } });

const attributeValueLength: ConfigRow[] = [
  { env: { OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT: '256' }, expected: limits('attributeValueLengthLimit', 256), warnings: [] },
  { env: { OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT: '0' }, expected: limits('attributeValueLengthLimit', 0), warnings: [] },
  { env: { OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT: '' }, expected: limits('attributeValueLengthLimit', Infinity), warnings: [], why: 'no limit by default' },
  {
    env: { OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT: 'abc' },
    expected: limits('attributeValueLengthLimit', Infinity),
    warnings: [W.invalidInteger('OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT', 'abc', 'no limit')],
  },
  {
    env: { OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT: '-1' },
    expected: limits('attributeValueLengthLimit', Infinity),
    warnings: [W.invalidInteger('OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT', '-1', 'no limit')],
    why: 'no custom meaning for negative values',
  },
  {
    env: { OTEL_SPAN_ATTRIBUTE_VALUE_LENGTH_LIMIT: '64' },
    expected: limits('attributeValueLengthLimit', 64),
    warnings: [],
  },
  {
    env: { OTEL_SPAN_ATTRIBUTE_VALUE_LENGTH_LIMIT: '64', OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT: '256' },
    expected: limits('attributeValueLengthLimit', 64),
    warnings: [],
    why: 'span-specific wins',
  },
  {
    env: { OTEL_SPAN_ATTRIBUTE_VALUE_LENGTH_LIMIT: '', OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT: '256' },
    expected: limits('attributeValueLengthLimit', 256),
    warnings: [],
  },
  {
    env: { OTEL_SPAN_ATTRIBUTE_VALUE_LENGTH_LIMIT: 'abc', OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT: '256' },
    expected: limits('attributeValueLengthLimit', 256),
    warnings: [W.invalidInteger('OTEL_SPAN_ATTRIBUTE_VALUE_LENGTH_LIMIT', 'abc', '256')],
    why: 'a bad span-specific value falls back to the general one',
  },
  {
    env: { OTEL_SPAN_ATTRIBUTE_VALUE_LENGTH_LIMIT: '-1' },
    expected: limits('attributeValueLengthLimit', Infinity),
    warnings: [W.invalidInteger('OTEL_SPAN_ATTRIBUTE_VALUE_LENGTH_LIMIT', '-1', 'no limit')],
  },
];

const attributeCount: ConfigRow[] = [
  ...integerRows('OTEL_ATTRIBUTE_COUNT_LIMIT', 'spanLimits', 'attributeCountLimit', 128, 64),
  { env: { OTEL_ATTRIBUTE_COUNT_LIMIT: '0' }, expected: limits('attributeCountLimit', 0), warnings: [] },
  ...integerRows('OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT', 'spanLimits', 'attributeCountLimit', 128, 32),
  {
    env: { OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT: '32', OTEL_ATTRIBUTE_COUNT_LIMIT: '64' },
    expected: limits('attributeCountLimit', 32),
    warnings: [],
    why: 'span-specific wins',
  },
  {
    env: { OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT: '', OTEL_ATTRIBUTE_COUNT_LIMIT: '64' },
    expected: limits('attributeCountLimit', 64),
    warnings: [],
  },
  {
    env: { OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT: 'x', OTEL_ATTRIBUTE_COUNT_LIMIT: '64' },
    expected: limits('attributeCountLimit', 64),
    warnings: [W.invalidInteger('OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT', 'x', '64')],
    why: 'a bad span-specific value falls back to the general one',
  },
];

const spanCounts: ConfigRow[] = [
  ...integerRows('OTEL_SPAN_EVENT_COUNT_LIMIT', 'spanLimits', 'eventCountLimit', 128, 10),
  { env: { OTEL_SPAN_EVENT_COUNT_LIMIT: '0' }, expected: limits('eventCountLimit', 0), warnings: [] },
  ...integerRows('OTEL_SPAN_LINK_COUNT_LIMIT', 'spanLimits', 'linkCountLimit', 128, 10),
  { env: { OTEL_SPAN_LINK_COUNT_LIMIT: '0' }, expected: limits('linkCountLimit', 0), warnings: [] },
  ...integerRows('OTEL_EVENT_ATTRIBUTE_COUNT_LIMIT', 'spanLimits', 'attributePerEventCountLimit', 128, 16),
  ...integerRows('OTEL_LINK_ATTRIBUTE_COUNT_LIMIT', 'spanLimits', 'attributePerLinkCountLimit', 128, 16),
];

export const batchAndLimitRows: Record<string, ConfigRow[]> = {
  OTEL_BSP_SCHEDULE_DELAY: scheduleDelay,
  OTEL_BSP_EXPORT_TIMEOUT: exportTimeout,
  OTEL_BSP_MAX_QUEUE_SIZE: queueSize,
  OTEL_BSP_MAX_EXPORT_BATCH_SIZE: batchSize,
  'OTEL_(SPAN_)ATTRIBUTE_VALUE_LENGTH_LIMIT': attributeValueLength,
  'OTEL_(SPAN_)ATTRIBUTE_COUNT_LIMIT': attributeCount,
  'OTEL_SPAN_EVENT/LINK_COUNT_LIMIT, OTEL_EVENT/LINK_ATTRIBUTE_COUNT_LIMIT': spanCounts,
};
