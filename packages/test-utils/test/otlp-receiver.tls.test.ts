/** HTTPS and gRPC over TLS, and mutual TLS when the receiver requires client certificates. */
import https from 'node:https';
import * as grpc from '@grpc/grpc-js';
import { OTLPTraceExporter as GrpcExporter } from '@opentelemetry/exporter-trace-otlp-grpc';
import { OTLPTraceExporter as ProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import type { SpanExporter } from '@opentelemetry/sdk-trace';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startOtlpReceiver, type OtlpReceiver } from '../src/index.js';
import { createCertificateFiles, hasOpenssl, type CertificateFiles } from '../src/certificates.js';
import { createTracing } from './helpers/tracing.js';

let certs: CertificateFiles;
let receiver: OtlpReceiver | undefined;

beforeAll(() => {
  if (hasOpenssl()) certs = createCertificateFiles();
});
afterAll(() => certs?.remove());

afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

async function sendOneSpan(exporter: SpanExporter, name: string): Promise<void> {
  const { tracer, provider } = createTracing(exporter);
  tracer.startSpan(name).end();
  await provider.forceFlush();
  await receiver?.waitForSpans(1, { timeoutMs: 5000 });
  await provider.shutdown();
}

/** Resolves with the HTTP status, or rejects when the TLS handshake fails. */
function httpsStatus(url: string, options: https.RequestOptions): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    const request = https.request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, ...options });
    request.on('response', (response) => {
      response.resume();
      resolve(response.statusCode);
    });
    request.on('error', reject);
    request.end('{}');
  });
}

describe.skipIf(!hasOpenssl())('TLS', () => {
  it('serves OTLP/HTTP over HTTPS', async () => {
    receiver = await startOtlpReceiver({ tls: { key: certs.serverKey, cert: certs.serverCert } });
    expect(receiver.tracesUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/v1\/traces$/);
    await sendOneSpan(new ProtoExporter({ url: receiver.tracesUrl, httpAgentOptions: { ca: certs.ca } }), 'over-https');
    expect(receiver.spans.map((span) => span.name)).toEqual(['over-https']);
  });

  it('serves OTLP/gRPC over TLS', async () => {
    receiver = await startOtlpReceiver({ tls: { key: certs.serverKey, cert: certs.serverCert } });
    expect(receiver.grpcEndpoint).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const credentials = grpc.credentials.createSsl(Buffer.from(certs.ca));
    await sendOneSpan(new GrpcExporter({ url: receiver.grpcEndpoint, credentials }), 'over-grpc-tls');
    expect(receiver.spans.map((span) => span.name)).toEqual(['over-grpc-tls']);
  });

  it('requires a client certificate signed by the CA with requireClientCert', async () => {
    receiver = await startOtlpReceiver({
      tls: { key: certs.serverKey, cert: certs.serverCert, ca: certs.ca, requireClientCert: true },
    });
    await expect(httpsStatus(receiver.tracesUrl, { ca: certs.ca })).rejects.toThrow();
    expect(await httpsStatus(receiver.tracesUrl, { ca: certs.ca, key: certs.clientKey, cert: certs.clientCert })).toBe(
      200,
    );

    await sendOneSpan(
      new ProtoExporter({
        url: receiver.tracesUrl,
        httpAgentOptions: { ca: certs.ca, key: certs.clientKey, cert: certs.clientCert },
      }),
      'mtls-http',
    );
    receiver.clear();
    const credentials = grpc.credentials.createSsl(
      Buffer.from(certs.ca),
      Buffer.from(certs.clientKey),
      Buffer.from(certs.clientCert),
    );
    await sendOneSpan(new GrpcExporter({ url: receiver.grpcEndpoint, credentials }), 'mtls-grpc');
    expect(receiver.spans.map((span) => span.name)).toEqual(['mtls-grpc']);
  });

  it('refuses requireClientCert without a CA to check against', async () => {
    await expect(
      startOtlpReceiver({ tls: { key: certs.serverKey, cert: certs.serverCert, requireClientCert: true } }),
    ).rejects.toThrow(/requireClientCert needs tls\.ca/);
  });
});
