/**
 * An in-process OTLP trace receiver for tests: OTLP/gRPC and OTLP/HTTP (protobuf and JSON) on
 * free ports of 127.0.0.1, every span decoded into a plain object.
 */
import { createExportHandler } from './export-handler.js';
import { startGrpcTransport } from './receiver-grpc.js';
import { TRACES_PATH, startHttpTransport } from './receiver-http.js';
import { SpanStore } from './span-store.js';
import type { OtlpReceiver, OtlpReceiverOptions } from './types.js';

function validateTls(options: OtlpReceiverOptions): void {
  const { tls } = options;
  if (tls?.requireClientCert && tls.ca === undefined) {
    throw new TypeError('startOtlpReceiver: tls.requireClientCert needs tls.ca to verify client certificates');
  }
}

export async function startOtlpReceiver(options: OtlpReceiverOptions = {}): Promise<OtlpReceiver> {
  validateTls(options);
  const store = new SpanStore();
  const closing = new AbortController();
  const handleExport = createExportHandler(store, options.respond, closing.signal);
  const httpTransport = await startHttpTransport(handleExport, options.tls);
  const grpc = await startGrpcTransport(handleExport, options.tls).catch(async (error: unknown) => {
    await httpTransport.close();
    throw error;
  });

  const scheme = options.tls ? 'https' : 'http';
  const httpEndpoint = `${scheme}://127.0.0.1:${httpTransport.port}`;
  let closed: Promise<void> | undefined;

  return {
    grpcEndpoint: `${scheme}://127.0.0.1:${grpc.port}`,
    httpEndpoint,
    tracesUrl: `${httpEndpoint}${TRACES_PATH}`,
    get spans() {
      return store.spans;
    },
    get requests() {
      return store.requests;
    },
    waitForSpans: (condition, waitOptions) => store.waitForSpans(condition, waitOptions),
    clear: () => store.clear(),
    close: () => {
      closed ??= (async () => {
        store.close();
        closing.abort();
        await Promise.all([httpTransport.close(), grpc.close()]);
      })();
      return closed;
    },
  };
}
