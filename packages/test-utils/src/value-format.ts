/** One way to print attribute values and matchers in trees and error messages. */

function formatKey(key: string): string {
  return /^[\w.-]+$/.test(key) ? key : JSON.stringify(key);
}

/** Prints a value so that its type shows: strings quoted, bigints with `n`, bytes as hex. */
export function formatValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (value instanceof RegExp) return String(value);
  if (typeof value === 'function') return value.name ? `<${value.name}()>` : '<predicate>';
  if (value instanceof Uint8Array) return `bytes(${Buffer.from(value).toString('hex')})`;
  if (Array.isArray(value)) return `[${value.map(formatValue).join(', ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value).map(([key, item]) => `${formatKey(key)}: ${formatValue(item)}`);
    return `{${entries.join(', ')}}`;
  }
  return String(value);
}

/** Prints `key=value` pairs separated by spaces. */
export function formatPairs(record: Record<string, unknown>, keys: readonly string[] = Object.keys(record)): string {
  return keys
    .map((key) => {
      const value = record[key];
      // An arrow function in an object literal is named after its key, which says nothing.
      const shown = typeof value === 'function' && value.name === key ? '<predicate>' : formatValue(value);
      return `${formatKey(key)}=${shown}`;
    })
    .join(' ');
}
