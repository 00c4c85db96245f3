/** Percent-encoding for header values that carry arbitrary UTF-8 text (baggage, Jaeger). */

const utf8Encoder = new TextEncoder();
// ignoreBOM keeps a leading U+FEFF that was really part of the value; the decoder is lenient,
// so malformed UTF-8 becomes U+FFFD instead of throwing, as the W3C Baggage spec asks.
const utf8Decoder = new TextDecoder('utf-8', { ignoreBOM: true });

const PERCENT = 0x25;

/**
 * Decodes `%XX` escapes as UTF-8. Never throws: a `%` not followed by two hex digits stays as
 * it is (unlike `decodeURIComponent`, which throws `URIError`), and byte sequences that are not
 * UTF-8 decode to U+FFFD.
 */
export function percentDecode(text: string): string {
  if (!text.includes('%')) return text;
  const input = utf8Encoder.encode(text);
  const output = new Uint8Array(input.length);
  let length = 0;
  for (let index = 0; index < input.length; index++) {
    const byte = input[index] as number;
    if (byte === PERCENT && index + 2 < input.length) {
      const high = hexDigitValue(input[index + 1] as number);
      const low = hexDigitValue(input[index + 2] as number);
      if (high >= 0 && low >= 0) {
        output[length++] = high * 16 + low;
        index += 2;
        continue;
      }
    }
    output[length++] = byte;
  }
  return utf8Decoder.decode(output.subarray(0, length));
}

/**
 * Percent-encodes everything but the characters `encodeURIComponent` leaves alone, all of which
 * are valid in a baggage value and a Jaeger header. Lone surrogates (which would make
 * `encodeURIComponent` throw) are replaced by U+FFFD first.
 */
export function percentEncode(text: string): string {
  return encodeURIComponent(replaceLoneSurrogates(text));
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function replaceLoneSurrogates(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD');
}

function hexDigitValue(charCode: number): number {
  if (charCode >= 0x30 && charCode <= 0x39) return charCode - 0x30;
  if (charCode >= 0x61 && charCode <= 0x66) return charCode - 0x61 + 10;
  if (charCode >= 0x41 && charCode <= 0x46) return charCode - 0x41 + 10;
  return -1;
}
