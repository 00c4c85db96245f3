import { readFileSync } from 'node:fs';
import type { SpanExporter } from '@opentelemetry/sdk-trace';
import type { OtlpConfig, ResolvedConfig } from './types.js';
import { requireModule } from './load-module.js';
import { warningText } from './config/warnings.js';

type Warn = (message: string) => void;

/** One exporter per configured name; only the chosen OTLP transport's package is loaded. */
export function createSpanExporters(config: ResolvedConfig, warn: Warn): SpanExporter[] {
  return config.tracesExporters.map((name) => {
    if (name === 'console') {
      const { ConsoleSpanExporter } = requireModule('@opentelemetry/sdk-trace') as typeof import('@opentelemetry/sdk-trace');
      return new ConsoleSpanExporter();
    }
    return createOtlpExporter(config.otlp, warn);
  });
}

function createOtlpExporter(otlp: OtlpConfig, warn: Warn): SpanExporter {
  const tls = readTlsFiles(otlp, warn);
  if (otlp.protocol === 'grpc') return createGrpcExporter(otlp, tls);
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
  const { OTLPTraceExporter } = requireModule('@opentelemetry/exporter-trace-otlp-proto') as typeof import('@opentelemetry/exporter-trace-otlp-proto');
  return new OTLPTraceExporter(common as never);
}

function createGrpcExporter(otlp: OtlpConfig, tls: TlsFiles): SpanExporter {
  const grpc = requireModule('@grpc/grpc-js') as typeof import('@grpc/grpc-js');
  const { OTLPTraceExporter } = requireModule('@opentelemetry/exporter-trace-otlp-grpc') as typeof import('@opentelemetry/exporter-trace-otlp-grpc');
  const metadata = new grpc.Metadata();
  for (const [key, value] of Object.entries(otlp.headers)) metadata.set(key, value);
  return new OTLPTraceExporter({
    url: otlp.endpoint,
    metadata,
    timeoutMillis: otlp.timeoutMillis,
    compression: otlp.compression === 'gzip' ? ('gzip' as never) : ('none' as never),
    credentials: usesPlaintext(otlp)
      ? grpc.credentials.createInsecure()
      : grpc.credentials.createSsl(tls.ca ?? null, tls.key ?? null, tls.cert ?? null),
  });
}

/** `http://` and `unix:` are plaintext, `https://` is TLS; without a scheme OTEL_EXPORTER_OTLP_INSECURE decides. */
export function usesPlaintext(otlp: Pick<OtlpConfig, 'endpoint' | 'insecure'>): boolean {
  if (otlp.endpoint.startsWith('http://') || otlp.endpoint.startsWith('unix:')) return true;
  if (otlp.endpoint.startsWith('https://')) return false;
  return otlp.insecure;
}

interface TlsFiles {
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
