/**
 * Parses the `key1=value1,key2=value2` form used by OTEL_RESOURCE_ATTRIBUTES and
 * OTEL_EXPORTER_OTLP_HEADERS: entries separated by commas, whitespace around keys and values
 * trimmed, keys and values percent-decoded (`,` and `=` inside them arrive percent-encoded).
 */
export interface KeyValueEntry {
  key: string;
  value: string;
}

export type ParsedEntry = { ok: true; entry: KeyValueEntry; position: number } | { ok: false; position: number };

export function parseKeyValueList(text: string): ParsedEntry[] {
  const results: ParsedEntry[] = [];
  const parts = text.split(',');
  parts.forEach((part, index) => {
    if (part.trim() === '') return;
    const separator = part.indexOf('=');
    const key = separator > 0 ? percentDecode(part.slice(0, separator).trim()) : undefined;
    const value = percentDecode(part.slice(separator + 1).trim());
    const position = index + 1;
    results.push(key && value !== undefined ? { ok: true, entry: { key, value }, position } : { ok: false, position });
  });
  return results;
}

function percentDecode(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}
