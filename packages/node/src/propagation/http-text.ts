/** Small text helpers shared by the header parsers. */

const SPACE = 0x20;
const HORIZONTAL_TAB = 0x09;

function isOptionalWhitespace(charCode: number): boolean {
  return charCode === SPACE || charCode === HORIZONTAL_TAB;
}

/**
 * Trims HTTP optional whitespace (RFC 9110 OWS: spaces and tabs only). `String#trim` would also
 * strip line breaks and Unicode spaces, which must make a value invalid instead.
 */
export function trimOptionalWhitespace(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isOptionalWhitespace(text.charCodeAt(start))) start++;
  while (end > start && isOptionalWhitespace(text.charCodeAt(end - 1))) end--;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

/**
 * Calls `visit` with each comma-separated segment of `list`, without building an array first,
 * so a hostile header of millions of commas costs time linear in its length and no more memory.
 * Returning `false` from `visit` stops the walk.
 */
export function forEachCommaSeparated(list: string, visit: (segment: string) => boolean | undefined): void {
  let start = 0;
  while (start <= list.length) {
    const comma = list.indexOf(',', start);
    const end = comma === -1 ? list.length : comma;
    if (visit(list.slice(start, end)) === false) return;
    start = end + 1;
  }
}

/** RFC 9110 `token`: the characters allowed in header names and W3C baggage keys. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

export function isToken(text: string): boolean {
  return TOKEN.test(text);
}
