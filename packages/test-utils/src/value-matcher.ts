/**
 * Matches one actual value against an expected one: a RegExp tests strings, a function decides,
 * anything else must be deeply equal (arrays element by element and kvlists key by key, with the
 * same rules inside; numbers equal bigints of the same value; bytes compare byte by byte).
 */

export function matchValue(expected: unknown, actual: unknown): boolean {
  if (expected instanceof RegExp) {
    if (typeof actual !== 'string') return false;
    expected.lastIndex = 0;
    return expected.test(actual);
  }
  if (typeof expected === 'function') {
    try {
      return Boolean((expected as (value: unknown) => unknown)(actual));
    } catch {
      return false;
    }
  }
  return deepMatch(expected, actual);
}

function isNumeric(value: unknown): value is number | bigint {
  return typeof value === 'number' || typeof value === 'bigint';
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    !(value instanceof Uint8Array) &&
    !(value instanceof RegExp)
  );
}

function deepMatch(expected: unknown, actual: unknown): boolean {
  if (Object.is(expected, actual)) return true;
  if (isNumeric(expected) && isNumeric(actual)) {
    // 5 and 5n are the same attribute value; a number that is no integer never equals a bigint.
    if (typeof expected === typeof actual) return expected === actual;
    const number = typeof expected === 'number' ? expected : (actual as number);
    const big = typeof expected === 'bigint' ? expected : (actual as bigint);
    return Number.isInteger(number) && BigInt(number) === big;
  }
  if (expected instanceof Uint8Array || actual instanceof Uint8Array) {
    return (
      expected instanceof Uint8Array &&
      actual instanceof Uint8Array &&
      Buffer.from(expected).equals(Buffer.from(actual))
    );
  }
  if (Array.isArray(expected) || Array.isArray(actual)) {
    return (
      Array.isArray(expected) &&
      Array.isArray(actual) &&
      expected.length === actual.length &&
      expected.every((item, index) => matchValue(item, actual[index]))
    );
  }
  if (isPlainObject(expected) && isPlainObject(actual)) {
    const expectedKeys = Object.keys(expected);
    return (
      expectedKeys.length === Object.keys(actual).length &&
      expectedKeys.every((key) => Object.hasOwn(actual, key) && matchValue(expected[key], actual[key]))
    );
  }
  return false;
}
