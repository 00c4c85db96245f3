import { OTLP_COMPRESSIONS, OTLP_PROTOCOLS, type OtlpConfig, type OtlpProtocol } from '../types.js';
import type { EnvName } from './env-names.js';
import type { EnvReader } from './env-reader.js';
import { parseKeyValueList } from './key-value-list.js';
import { warningText } from './warnings.js';

export const DEFAULT_OTLP_PROTOCOL: OtlpProtocol = 'http/protobuf';
export const DEFAULT_OTLP_TIMEOUT_MILLIS = 10_000;
const DEFAULT_HTTP_BASE = 'http://localhost:4318';
const DEFAULT_GRPC_ENDPOINT = 'http://localhost:4317';
const TRACES_PATH = 'v1/traces';
/** An RFC 7230 token: what an HTTP header name may be. */
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

type Read<T> = (name: EnvName, fallbackLabel: string) => T | undefined;

/**
 * The OTLP exporter settings, each from its OTEL_EXPORTER_OTLP_TRACES_* form when set and
 * valid, else from the generic OTEL_EXPORTER_OTLP_* form, else the specification's default.
 * Settings given in code win; a protocol chosen in code also decides the default endpoint.
 */
export function resolveOtlp(reader: EnvReader, fromCode: Partial<OtlpConfig> = {}): OtlpConfig {
  const protocol =
    fromCode.protocol ??
    signalSpecific('OTEL_EXPORTER_OTLP_TRACES_PROTOCOL', 'OTEL_EXPORTER_OTLP_PROTOCOL', DEFAULT_OTLP_PROTOCOL, (name, label) =>
      reader.optionalEnum(name, OTLP_PROTOCOLS, label),
    );
  const resolved: OtlpConfig = {
    protocol,
    endpoint: resolveEndpoint(reader, protocol),
    headers: readHeaders(reader),
    timeoutMillis: signalSpecific('OTEL_EXPORTER_OTLP_TRACES_TIMEOUT',
      'OTEL_EXPORTER_OTLP_TIMEOUT',
      DEFAULT_OTLP_TIMEOUT_MILLIS,
      (name, label) => reader.optionalTimeout(name, label),
    ),
    compression: signalSpecific('OTEL_EXPORTER_OTLP_TRACES_COMPRESSION', 'OTEL_EXPORTER_OTLP_COMPRESSION', 'none', (name, label) =>
      reader.optionalEnum(name, OTLP_COMPRESSIONS, label),
    ),
    // A boolean that is set but not "true" is false, as the specification defines booleans.
    insecure: signalSpecific('OTEL_EXPORTER_OTLP_TRACES_INSECURE', 'OTEL_EXPORTER_OTLP_INSECURE', false, (name) =>
      reader.raw(name) === undefined ? undefined : reader.boolean(name, false),
    ),
    ...optionalFile(reader, 'certificateFile', 'OTEL_EXPORTER_OTLP_TRACES_CERTIFICATE', 'OTEL_EXPORTER_OTLP_CERTIFICATE'),
    ...optionalFile(reader, 'clientKeyFile', 'OTEL_EXPORTER_OTLP_TRACES_CLIENT_KEY', 'OTEL_EXPORTER_OTLP_CLIENT_KEY'),
    ...optionalFile(
      reader,
      'clientCertificateFile',
      'OTEL_EXPORTER_OTLP_TRACES_CLIENT_CERTIFICATE',
      'OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE',
    ),
  };
  return { ...resolved, ...fromCode };
}

export function defaultOtlpEndpoint(protocol: OtlpProtocol): string {
  return protocol === 'grpc' ? DEFAULT_GRPC_ENDPOINT : `${DEFAULT_HTTP_BASE}/${TRACES_PATH}`;
}

/**
 * The signal-specific value when set and valid, else the generic one when set and valid,
 * else the default. An invalid value is reported and read as unset, as the specification says.
 */
function signalSpecific<T>(specific: EnvName, generic: EnvName, fallback: T, read: Read<T>): T {
  const genericValue = read(generic, String(fallback));
  return read(specific, String(genericValue ?? fallback)) ?? genericValue ?? fallback;
}

/**
 * The signal-specific endpoint is used as is; the generic one is a base URL to which HTTP
 * adds the path `v1/traces` (gRPC uses it as is). gRPC also takes `host:port` and `unix:`.
 */
function resolveEndpoint(reader: EnvReader, protocol: OtlpProtocol): string {
  const fallback = defaultOtlpEndpoint(protocol);
  const generic = readEndpoint(reader, 'OTEL_EXPORTER_OTLP_ENDPOINT', protocol, fallback);
  const fromGeneric = generic === undefined ? undefined : protocol === 'grpc' ? generic : withTracesPath(generic);
  return readEndpoint(reader, 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', protocol, fromGeneric ?? fallback) ?? fromGeneric ?? fallback;
}

function readEndpoint(reader: EnvReader, name: EnvName, protocol: OtlpProtocol, fallback: string): string | undefined {
  const value = reader.raw(name);
  if (value === undefined) return undefined;
  if (isUsableEndpoint(value, protocol)) return value;
  reader.warn(warningText.invalidUrl(name, value, fallback));
  return undefined;
}

/** Adds `v1/traces` to the base URL's path, keeping any query string where it belongs. */
function withTracesPath(base: string): string {
  const url = new URL(base);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/${TRACES_PATH}`;
  return url.toString();
}

function isUsableEndpoint(value: string, protocol: OtlpProtocol): boolean {
  if (protocol === 'grpc' && (/^[A-Za-z0-9.\-[\]:]+:\d+$/.test(value) || /^unix:/.test(value))) return true;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** Signal-specific headers replace the generic ones as a whole (the specification's precedence). */
function readHeaders(reader: EnvReader): Record<string, string> {
  const set = reader.firstSet('OTEL_EXPORTER_OTLP_TRACES_HEADERS', 'OTEL_EXPORTER_OTLP_HEADERS');
  const headers: Record<string, string> = {};
  if (set === undefined) return headers;
  for (const parsed of parseKeyValueList(set.value)) {
    if (parsed.ok && HEADER_NAME.test(parsed.entry.key)) headers[parsed.entry.key.toLowerCase()] = parsed.entry.value;
    else reader.warn(warningText.invalidHeaders(set.name, parsed.position));
  }
  return headers;
}

function optionalFile<K extends string>(reader: EnvReader, key: K, specific: EnvName, generic: EnvName): Partial<Record<K, string>> {
  const set = reader.firstSet(specific, generic);
  return set === undefined ? {} : ({ [key]: set.value } as Record<K, string>);
}
