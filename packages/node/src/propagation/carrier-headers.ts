import type { TextMapGetter } from '@opentelemetry/api';

/**
 * Every string value the carrier holds for a header, in order.
 *
 * Header names are case-insensitive on the wire. Node's http module already lowercases them, so
 * the exact lowercase lookup is the fast path; other carriers (message headers, plain objects)
 * may keep the sender's casing, which the fallback scan over `keys()` covers.
 * Values that are not strings (a carrier built by hand) are ignored rather than trusted.
 */
export function readHeaderValues<Carrier>(
  getter: TextMapGetter<Carrier>,
  carrier: Carrier,
  lowercaseName: string,
): string[] {
  const exact = getter.get(carrier, lowercaseName);
  if (exact !== undefined) return toStringList(exact);

  const values: string[] = [];
  for (const key of getter.keys(carrier)) {
    if (typeof key === 'string' && key !== lowercaseName && key.toLowerCase() === lowercaseName) {
      values.push(...toStringList(getter.get(carrier, key)));
    }
  }
  return values;
}

/** The header's value when it was sent exactly once; `undefined` when absent or repeated. */
export function readSingleHeaderValue<Carrier>(
  getter: TextMapGetter<Carrier>,
  carrier: Carrier,
  lowercaseName: string,
): string | undefined {
  const values = readHeaderValues(getter, carrier, lowercaseName);
  return values.length === 1 ? values[0] : undefined;
}

/** Repeated header fields joined as RFC 9110 §5.3 says a recipient may combine them. */
export function readCombinedHeaderValue<Carrier>(
  getter: TextMapGetter<Carrier>,
  carrier: Carrier,
  lowercaseName: string,
): string | undefined {
  const values = readHeaderValues(getter, carrier, lowercaseName);
  return values.length === 0 ? undefined : values.join(',');
}

function toStringList(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  return [];
}
