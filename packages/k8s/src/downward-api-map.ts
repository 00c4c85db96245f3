/**
 * Parses the files a downward-API volume writes for `metadata.labels` and
 * `metadata.annotations`: one `key="value"` line per entry, sorted by key, the value quoted
 * the way Go's `%q` quotes (kubelet's fieldpath.FormatMap). A line that does not parse is
 * skipped; the others still count.
 */
export function parseDownwardApiMap(text: string, keep: (key: string) => boolean = () => true): Map<string, string> {
  const entries = new Map<string, string>();
  for (const line of text.split('\n')) {
    const equals = line.indexOf('=');
    if (equals <= 0) continue;
    const key = line.slice(0, equals).trim();
    if (!keep(key)) continue;
    const value = unquoteGoString(line.slice(equals + 1).trim());
    if (value !== undefined) entries.set(key, value);
  }
  return entries;
}

const SIMPLE_ESCAPES: Readonly<Record<string, number>> = {
  a: 0x07,
  b: 0x08,
  f: 0x0c,
  n: 0x0a,
  r: 0x0d,
  t: 0x09,
  v: 0x0b,
  '\\': 0x5c,
  '"': 0x22,
  "'": 0x27,
};

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Undoes Go's strconv.Quote: `\n`-style escapes, `\xhh` and `\ooo` bytes, `\uhhhh` and
 * `\Uhhhhhhhh` code points. Undefined for anything that is not one well-formed quoted string.
 */
export function unquoteGoString(quoted: string): string | undefined {
  if (quoted.length < 2 || !quoted.startsWith('"') || !quoted.endsWith('"')) return undefined;
  const body = quoted.slice(1, -1);
  const bytes: number[] = [];
  let index = 0;
  while (index < body.length) {
    const char = body[index] as string;
    if (char === '"') return undefined;
    if (char !== '\\') {
      const codePoint = body.codePointAt(index) as number;
      const text = String.fromCodePoint(codePoint);
      bytes.push(...encoder.encode(text));
      index += text.length;
      continue;
    }
    const escape = body[index + 1];
    if (escape === undefined) return undefined;
    const simple = SIMPLE_ESCAPES[escape];
    if (simple !== undefined) {
      bytes.push(simple);
      index += 2;
    } else if (escape === 'x' || escape === 'u' || escape === 'U') {
      const digits = escape === 'x' ? 2 : escape === 'u' ? 4 : 8;
      const hex = body.slice(index + 2, index + 2 + digits);
      if (!new RegExp(`^[0-9a-fA-F]{${digits}}$`).test(hex)) return undefined;
      const value = Number.parseInt(hex, 16);
      if (escape === 'x') bytes.push(value);
      else if (value > 0x10ffff) return undefined;
      else bytes.push(...encoder.encode(String.fromCodePoint(value)));
      index += 2 + digits;
    } else if (/^[0-7]{3}$/.test(body.slice(index + 1, index + 4))) {
      const value = Number.parseInt(body.slice(index + 1, index + 4), 8);
      if (value > 0xff) return undefined;
      bytes.push(value);
      index += 4;
    } else {
      return undefined;
    }
  }
  return decoder.decode(Uint8Array.from(bytes));
}
