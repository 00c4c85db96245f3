import { readFileSync } from 'node:fs';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace';
import { redactUrlCredentials } from '../config/redact.js';
import { warningText } from '../config/warnings.js';
import { requireModule } from '../load-module.js';
import type { ExporterName, OtlpConfig, ResolvedConfig } from '../types.js';
import { sendBeforeExit } from './exit-flush.js';
import { RetryingExporter } from './grpc-retry.js';
import { GrpcSpanExporter } from './grpc-span-exporter.js';
import { LazySpanExporter } from './lazy-exporter.js';
import { createHttpProtobufExporter } from './otlp-protobuf/http-protobuf-exporter.js';
import { encodeTraceRequest } from './otlp-protobuf/trace-request-encoder.js';

type Warn = (message: string) => void;

/** One configured exporter with what the rest of the export pipeline needs to know about it. */
export interface ExportTarget {
  readonly name: ExporterName;
  /** Where spans go, for messages: the endpoint with URL credentials redacted, or `the console`. */
  readonly description: string;
  readonly exporter: SpanExporter;
  /** Sends spans synchronously (blocking at most `timeoutMillis`) while the process exits. */
  sendBeforeExit(spans: ReadableSpan[], timeoutMillis: number): boolean;
}

/** One target per configured exporter name; only the chosen OTLP transport's package is loaded. */
export function createExportTargets(config: ResolvedConfig, warn: Warn): ExportTarget[] {
  return config.tracesExporters.map((name) => (name === 'console' ? createConsoleTarget() : createOtlpTarget(config.otlp, warn)));
}

function createConsoleTarget(): ExportTarget {
  const { ConsoleSpanExporter } = requireModule('@opentelemetry/sdk-trace') as typeof import('@opentelemetry/sdk-trace');
  const exporter = new ConsoleSpanExporter();
  return {
    name: 'console',
    description: 'the console',
    exporter,
    sendBeforeExit(spans) {
      // The console exporter writes synchronously.
      exporter.export(spans, () => {});
      return true;
    },
  };
}

function createOtlpTarget(otlp: OtlpConfig, warn: Warn): ExportTarget {
  const tls = readTlsFiles(otlp, warn);
  const plaintext = usesPlaintext(otlp);
  return {
    name: 'otlp',
    description: redactUrlCredentials(otlp.endpoint),
    exporter: new LazySpanExporter(() => (otlp.protocol === 'grpc' ? createGrpcExporter(otlp, tls, warn) : createHttpExporter(otlp, tls))),
    sendBeforeExit: (spans, timeoutMillis) => sendBeforeExit(otlp, tls, plaintext, spans, timeoutMillis),
  };
}

/** The upstream OTLP/HTTP exporters retry 429/502/503/504 and network errors themselves, honouring Retry-After. */
function createHttpExporter(otlp: OtlpConfig, tls: TlsFiles): SpanExporter {
  const common = {
    url: otlp.endpoint,
    headers: { ...otlp.headers },
    timeoutMillis: otlp.timeoutMillis,
    compression: otlp.compression === 'gzip' ? ('gzip' as const) : ('none' as const),
    ...(tls.ca || tls.cert || tls.key ? { httpAgentOptions: { ca: tls.ca, cert: tls.cert, key: tls.key } } : {}),
  };
  if (otlp.protocol === 'http/json') {
    const { OTLPTraceExporter } = requireModule('@opentelemetry/exporter-trace-otlp-http') as typeof import('@opentelemetry/exporter-trace-otlp-http');
    return new OTLPTraceExporter(common as never);
  }
  return createHttpProtobufExporter(common);
}

/**
 * tracekit's own OTLP/gRPC exporter (its grpc-js channel reconnects within seconds after an
 * outage, see grpc-transport.ts), which makes one attempt per batch, wrapped in one that retries.
 */
function createGrpcExporter(otlp: OtlpConfig, tls: TlsFiles, warn: Warn): SpanExporter {
  const exporter = new GrpcSpanExporter({
    endpoint: otlp.endpoint,
    headers: otlp.headers,
    compression: otlp.compression === 'gzip' ? 'gzip' : 'none',
    plaintext: usesPlaintext(otlp),
    tls,
    timeoutMillis: otlp.timeoutMillis,
    serialize: encodeTraceRequest,
    description: redactUrlCredentials(otlp.endpoint),
    warn,
  });
  return new RetryingExporter(exporter, { timeoutMillis: otlp.timeoutMillis });
}

/** `http://` and `unix:` are plaintext, `https://` is TLS; without a scheme OTEL_EXPORTER_OTLP_INSECURE decides. */
function usesPlaintext(otlp: Pick<OtlpConfig, 'endpoint' | 'insecure'>): boolean {
  if (otlp.endpoint.startsWith('http://') || otlp.endpoint.startsWith('unix:')) return true;
  if (otlp.endpoint.startsWith('https://')) return false;
  return otlp.insecure;
}

export interface TlsFiles {
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
}

function readTlsFiles(otlp: OtlpConfig, warn: Warn): TlsFiles {
  return {
    ...readOptional('OTEL_EXPORTER_OTLP_CERTIFICATE', otlp.certificateFile, 'ca', warn),
    ...readOptional('OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE', otlp.clientCertificateFile, 'cert', warn),
    ...readOptional('OTEL_EXPORTER_OTLP_CLIENT_KEY', otlp.clientKeyFile, 'key', warn),
  };
}

function readOptional(name: string, path: string | undefined, key: keyof TlsFiles, warn: Warn): TlsFiles {
  if (path === undefined) return {};
  try {
    return { [key]: readFileSync(path) };
  } catch (error) {
    warn(warningText.unreadableFile(name, path, (error as NodeJS.ErrnoException).code ?? String(error)));
    return {};
  }
}
