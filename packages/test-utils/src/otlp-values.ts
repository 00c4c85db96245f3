/**
 * Readers for the scalar and AnyValue parts of an OTLP request, accepting both the object that
 * protobufjs decodes (ids and bytes as Uint8Array, 64-bit integers as strings) and OTLP/JSON
 * (hex ids, base64 bytes, 64-bit integers as strings or numbers, enums as integers or names).
 * Every reader throws OtlpDecodeError with the path of the bad field.
 */
import type { Attributes } from './types.js';

/** A request body that is not valid OTLP. Answered with HTTP 400 / gRPC INVALID_ARGUMENT. */
export class OtlpDecodeError extends Error {
  override readonly name = 'OtlpDecodeError';
}

export type JsonObject = Record<string, unknown>;

const HEX = /^[0-9a-f]*$/i;
const DECIMAL = /^-?\d+$/;
const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;

function snakeCase(key: string): string {
  return key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

/** Reads a field by its camelCase name, or by the snake_case name proto3 JSON also allows. */
export function field(object: JsonObject, key: string): unknown {
  const value = object[key];
  return value === undefined ? object[snakeCase(key)] : value;
}

export function asObject(value: unknown, path: string): JsonObject {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || value instanceof Uint8Array) {
    throw new OtlpDecodeError(`${path} must be an object`);
  }
  return value as JsonObject;
}

/** Absent or null repeated fields are empty. */
export function asArray(value: unknown, path: string): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new OtlpDecodeError(`${path} must be an array`);
  return value;
}

export function readString(value: unknown, path: string): string {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') throw new OtlpDecodeError(`${path} must be a string`);
  return value;
}

/** Reads a trace or span id: `Uint8Array` from protobuf, hex from JSON. Empty means absent. */
export function readId(value: unknown, byteLength: number, path: string): string | undefined {
  let hex: string;
  if (value === undefined || value === null) return undefined;
  if (value instanceof Uint8Array) {
    hex = Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex');
  } else if (typeof value === 'string' && HEX.test(value)) {
    hex = value.toLowerCase();
  } else {
    throw new OtlpDecodeError(`${path} must be ${byteLength} bytes as hex`);
  }
  if (hex.length === 0) return undefined;
  if (hex.length !== byteLength * 2) {
    throw new OtlpDecodeError(`${path} must be ${byteLength} bytes, got ${hex.length / 2}`);
  }
  return hex;
}

export function readRequiredId(value: unknown, byteLength: number, path: string): string {
  const id = readId(value, byteLength, path);
  if (id === undefined) throw new OtlpDecodeError(`${path} is required`);
  return id;
}

/** Reads an int64/uint64/fixed64 given as a decimal string, an integer number or a bigint. */
export function readInt64(value: unknown, path: string): bigint {
  if (value === undefined || value === null) return 0n;
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number' && Number.isInteger(value)) return BigInt(value);
  if (typeof value === 'string' && DECIMAL.test(value)) return BigInt(value);
  throw new OtlpDecodeError(`${path} must be an integer`);
}

/** Reads an unsigned 32-bit field (flags, counts). */
export function readUint32(value: unknown, path: string): number {
  if (value === undefined || value === null) return 0;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 0xffffffff) return value;
  throw new OtlpDecodeError(`${path} must be an unsigned 32-bit integer`);
}

/** Reads an enum given as its number or, as proto3 JSON allows, its name. */
export function readEnum(value: unknown, names: readonly string[], prefix: string, path: string): number {
  if (value === undefined || value === null) return 0;
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string') {
    const index = names.indexOf(value.startsWith(prefix) ? value.slice(prefix.length) : value);
    if (index >= 0) return index;
  }
  throw new OtlpDecodeError(`${path} must be one of ${names.map((name) => prefix + name).join(', ')}`);
}

function readDouble(value: unknown, path: string): number {
  if (typeof value === 'number') return value;
  if (value === 'NaN') return Number.NaN;
  if (value === 'Infinity') return Number.POSITIVE_INFINITY;
  if (value === '-Infinity') return Number.NEGATIVE_INFINITY;
  if (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value))) return Number(value);
  throw new OtlpDecodeError(`${path} must be a number`);
}

function readBytes(value: unknown, path: string): Uint8Array {
  if (value instanceof Uint8Array) return new Uint8Array(value);
  if (typeof value === 'string' && BASE64.test(value)) return new Uint8Array(Buffer.from(value, 'base64'));
  throw new OtlpDecodeError(`${path} must be base64 bytes`);
}

/** An int64 as a number when it is a safe integer, otherwise as a bigint. */
function int64ToJs(value: bigint): number | bigint {
  const asNumber = Number(value);
  return Number.isSafeInteger(asNumber) ? asNumber : value;
}

/** Unwraps an AnyValue into a plain JS value. An empty AnyValue becomes `null`. */
export function readAnyValue(value: unknown, path: string): unknown {
  if (value === undefined || value === null) return null;
  const any = asObject(value, path);
  const stringValue = field(any, 'stringValue');
  if (stringValue !== undefined && stringValue !== null) return readString(stringValue, `${path}.stringValue`);
  const boolValue = field(any, 'boolValue');
  if (boolValue !== undefined && boolValue !== null) {
    if (typeof boolValue !== 'boolean') throw new OtlpDecodeError(`${path}.boolValue must be a boolean`);
    return boolValue;
  }
  const intValue = field(any, 'intValue');
  if (intValue !== undefined && intValue !== null) return int64ToJs(readInt64(intValue, `${path}.intValue`));
  const doubleValue = field(any, 'doubleValue');
  if (doubleValue !== undefined && doubleValue !== null) return readDouble(doubleValue, `${path}.doubleValue`);
  const arrayValue = field(any, 'arrayValue');
  if (arrayValue !== undefined && arrayValue !== null) {
    const values = asArray(field(asObject(arrayValue, `${path}.arrayValue`), 'values'), `${path}.arrayValue.values`);
    return values.map((item, index) => readAnyValue(item, `${path}.arrayValue.values[${index}]`));
  }
  const kvlistValue = field(any, 'kvlistValue');
  if (kvlistValue !== undefined && kvlistValue !== null) {
    const values = field(asObject(kvlistValue, `${path}.kvlistValue`), 'values');
    return readKeyValues(values, `${path}.kvlistValue.values`);
  }
  const bytesValue = field(any, 'bytesValue');
  if (bytesValue !== undefined && bytesValue !== null) return readBytes(bytesValue, `${path}.bytesValue`);
  return null;
}

/** Turns a repeated KeyValue into a record of unwrapped values. */
export function readKeyValues(value: unknown, path: string): Attributes {
  const result: Attributes = {};
  asArray(value, path).forEach((item, index) => {
    const keyValue = asObject(item, `${path}[${index}]`);
    const key = readString(field(keyValue, 'key'), `${path}[${index}].key`);
    // defineProperty, not assignment: a key named `__proto__` must stay a plain key.
    Object.defineProperty(result, key, {
      value: readAnyValue(field(keyValue, 'value'), `${path}[${index}].value`),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  });
  return result;
}
