/**
 * Parses the `key1=value1,key2=value2` form used by OTEL_RESOURCE_ATTRIBUTES and
 * OTEL_EXPORTER_OTLP_HEADERS: entries separated by commas, whitespace around keys and values
 * trimmed, values percent-decoded.
 */
export interface KeyValueEntry {
  key: string;
  value: string;
}

export type ParsedEntry = { ok: true; entry: KeyValueEntry } | { ok: false; position: number };

export function parseKeyValueList(text: string): ParsedEntry[] {
  const results: ParsedEntry[] = [];
  const parts = text.split(',');
  parts.forEach((part, index) => {
    if (part.trim() === '') return;
    const separator = part.indexOf('=');
    const key = separator > 0 ? part.slice(0, separator).trim() : '';
    if (key === '') {
      results.push({ ok: false, position: index + 1 });
      return;
    }
    const value = percentDecode(part.slice(separator + 1).trim());
    results.push(value === undefined ? { ok: false, position: index + 1 } : { ok: true, entry: { key, value } });
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
