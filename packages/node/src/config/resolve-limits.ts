import type { BatchConfig, SpanLimitsConfig } from '../types.js';
import type { EnvReader } from './env-reader.js';
import { warningText } from './warnings.js';

export const DEFAULT_BATCH: BatchConfig = {
  scheduledDelayMillis: 5000,
  exportTimeoutMillis: 30_000,
  maxQueueSize: 2048,
  maxExportBatchSize: 512,
};

const DEFAULT_COUNT_LIMIT = 128;

/** Queue and batch sizes must be positive; a zero timeout means no limit. Code options win. */
export function resolveBatch(reader: EnvReader, fromCode: Partial<BatchConfig> = {}): BatchConfig {
  const maxQueueSize = fromCode.maxQueueSize ?? reader.integer('OTEL_BSP_MAX_QUEUE_SIZE', DEFAULT_BATCH.maxQueueSize, undefined, 1);
  let maxExportBatchSize =
    fromCode.maxExportBatchSize ?? reader.integer('OTEL_BSP_MAX_EXPORT_BATCH_SIZE', DEFAULT_BATCH.maxExportBatchSize, undefined, 1);
  if (maxExportBatchSize > maxQueueSize) {
    // Only a batch size read from env is the user's mistake to report; a default is just fitted.
    if (fromCode.maxExportBatchSize === undefined && reader.raw('OTEL_BSP_MAX_EXPORT_BATCH_SIZE') !== undefined)
      reader.warn(warningText.batchLargerThanQueue(maxExportBatchSize, maxQueueSize));
    maxExportBatchSize = maxQueueSize;
  }
  return {
    scheduledDelayMillis:
      fromCode.scheduledDelayMillis ?? reader.integer('OTEL_BSP_SCHEDULE_DELAY', DEFAULT_BATCH.scheduledDelayMillis),
    exportTimeoutMillis:
      fromCode.exportTimeoutMillis ??
      reader.optionalTimeout('OTEL_BSP_EXPORT_TIMEOUT', String(DEFAULT_BATCH.exportTimeoutMillis)) ??
      DEFAULT_BATCH.exportTimeoutMillis,
    maxQueueSize,
    maxExportBatchSize,
  };
}

/**
 * Model-specific limits win over the general OTEL_ATTRIBUTE_* ones; there is no
 * value-length limit by default.
 */
export function resolveSpanLimits(reader: EnvReader): SpanLimitsConfig {
  const generalLength = reader.integer('OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT', Infinity, 'no limit');
  const generalCount = reader.integer('OTEL_ATTRIBUTE_COUNT_LIMIT', DEFAULT_COUNT_LIMIT);
  return {
    attributeValueLengthLimit: reader.integer(
      'OTEL_SPAN_ATTRIBUTE_VALUE_LENGTH_LIMIT',
      generalLength,
      Number.isFinite(generalLength) ? String(generalLength) : 'no limit',
    ),
    attributeCountLimit: reader.integer('OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT', generalCount),
    eventCountLimit: reader.integer('OTEL_SPAN_EVENT_COUNT_LIMIT', DEFAULT_COUNT_LIMIT),
    linkCountLimit: reader.integer('OTEL_SPAN_LINK_COUNT_LIMIT', DEFAULT_COUNT_LIMIT),
    attributePerEventCountLimit: reader.integer('OTEL_EVENT_ATTRIBUTE_COUNT_LIMIT', generalCount),
    attributePerLinkCountLimit: reader.integer('OTEL_LINK_ATTRIBUTE_COUNT_LIMIT', generalCount),
  };
}
