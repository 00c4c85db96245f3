import type { EnvReader } from './env-reader.js';
import { parseKeyValueList } from './key-value-list.js';
import { warningText } from './warnings.js';

export const DEFAULT_SERVICE_NAME = 'unknown_service:node';

/**
 * OTEL_RESOURCE_ATTRIBUTES with OTEL_SERVICE_NAME winning over its `service.name`;
 * a decoding error discards the whole variable, as the specification requires.
 */
export function resolveResourceAttributes(reader: EnvReader): { serviceName: string; attributes: Record<string, string> } {
  const attributes: Record<string, string> = {};
  const text = reader.raw('OTEL_RESOURCE_ATTRIBUTES');
  if (text !== undefined) {
    const entries = parseKeyValueList(text);
    if (entries.every((entry) => entry.ok)) {
      for (const entry of entries) if (entry.ok) attributes[entry.entry.key] = entry.entry.value;
    } else {
      reader.warn(warningText.undecodableResourceAttributes(text));
    }
  }
  const serviceName = reader.raw('OTEL_SERVICE_NAME') ?? attributes['service.name'] ?? DEFAULT_SERVICE_NAME;
  attributes['service.name'] = serviceName;
  return { serviceName, attributes };
}
