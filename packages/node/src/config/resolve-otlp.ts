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

/**
 * The OTLP exporter settings, each from its OTEL_EXPORTER_OTLP_TRACES_* form when set,
 * else from the generic OTEL_EXPORTER_OTLP_* form, else the specification's default.
 */
export function resolveOtlp(reader: EnvReader): OtlpConfig {
  const protocol = readProtocol(reader);
  return {
    protocol,
    endpoint: resolveEndpoint(reader, protocol),
    headers: readHeaders(reader),
    timeoutMillis: readSignalSpecific(reader, 'OTEL_EXPORTER_OTLP_TRACES_TIMEOUT', 'OTEL_EXPORTER_OTLP_TIMEOUT', (name) =>
      reader.integer(name, DEFAULT_OTLP_TIMEOUT_MILLIS),
    ) ?? DEFAULT_OTLP_TIMEOUT_MILLIS,
    compression:
      readSignalSpecific(reader, 'OTEL_EXPORTER_OTLP_TRACES_COMPRESSION', 'OTEL_EXPORTER_OTLP_COMPRESSION', (name) =>
        reader.enumOf(name, OTLP_COMPRESSIONS, 'none'),
      ) ?? 'none',
    insecure:
      readSignalSpecific(reader, 'OTEL_EXPORTER_OTLP_TRACES_INSECURE', 'OTEL_EXPORTER_OTLP_INSECURE', (name) =>
        reader.boolean(name, false),
      ) ?? false,
    ...optionalFile(reader, 'certificateFile', 'OTEL_EXPORTER_OTLP_TRACES_CERTIFICATE', 'OTEL_EXPORTER_OTLP_CERTIFICATE'),
    ...optionalFile(reader, 'clientKeyFile', 'OTEL_EXPORTER_OTLP_TRACES_CLIENT_KEY', 'OTEL_EXPORTER_OTLP_CLIENT_KEY'),
    ...optionalFile(
      reader,
      'clientCertificateFile',
      'OTEL_EXPORTER_OTLP_TRACES_CLIENT_CERTIFICATE',
      'OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE',
    ),
  };
}

export function defaultOtlpEndpoint(protocol: OtlpProtocol): string {
  return protocol === 'grpc' ? DEFAULT_GRPC_ENDPOINT : `${DEFAULT_HTTP_BASE}/${TRACES_PATH}`;
}

/** Reads the signal-specific variable when set, else the generic one; undefined when neither is. */
function readSignalSpecific<T>(reader: EnvReader, specific: EnvName, generic: EnvName, read: (name: EnvName) => T): T | undefined {
  const set = reader.firstSet(specific, generic);
  return set === undefined ? undefined : read(set.name);
}

function readProtocol(reader: EnvReader): OtlpProtocol {
  return (
    readSignalSpecific(reader, 'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL', 'OTEL_EXPORTER_OTLP_PROTOCOL', (name) =>
      reader.enumOf(name, OTLP_PROTOCOLS, DEFAULT_OTLP_PROTOCOL),
    ) ?? DEFAULT_OTLP_PROTOCOL
  );
}

/**
 * The signal-specific endpoint is used as is; the generic one is a base URL to which HTTP
 * appends `v1/traces` (gRPC uses it as is). gRPC accepts `host:port` without a scheme.
 */
function resolveEndpoint(reader: EnvReader, protocol: OtlpProtocol): string {
  const fallback = defaultOtlpEndpoint(protocol);
  const specific = reader.raw('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT');
  if (specific !== undefined) {
    return isUsableEndpoint(specific, protocol) ? specific : invalid('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', specific);
  }
  const generic = reader.raw('OTEL_EXPORTER_OTLP_ENDPOINT');
  if (generic === undefined) return fallback;
  if (!isUsableEndpoint(generic, protocol)) return invalid('OTEL_EXPORTER_OTLP_ENDPOINT', generic);
  if (protocol === 'grpc') return generic;
  return generic.endsWith('/') ? `${generic}${TRACES_PATH}` : `${generic}/${TRACES_PATH}`;

  function invalid(name: EnvName, value: string): string {
    reader.warn(warningText.invalidUrl(name, value, fallback));
    return fallback;
  }
}

function isUsableEndpoint(value: string, protocol: OtlpProtocol): boolean {
  if (protocol === 'grpc' && /^[A-Za-z0-9.\-[\]:]+:\d+$/.test(value)) return true;
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
    if (parsed.ok) headers[parsed.entry.key.toLowerCase()] = parsed.entry.value;
    else reader.warn(warningText.invalidHeaders(set.name, parsed.position));
  }
  return headers;
}

function optionalFile<K extends string>(reader: EnvReader, key: K, specific: EnvName, generic: EnvName): Partial<Record<K, string>> {
  const set = reader.firstSet(specific, generic);
  return set === undefined ? {} : ({ [key]: set.value } as Record<K, string>);
}
