/**
 * TLS and mutual TLS to the Collector with OTEL_EXPORTER_OTLP_CERTIFICATE / CLIENT_KEY /
 * CLIENT_CERTIFICATE, against a real TLS receiver with certificates made for the test; and
 * how gRPC picks plaintext or TLS (`http://`, `https://`, or no scheme with
 * OTEL_EXPORTER_OTLP_INSECURE).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startOtlpReceiver, stopAllFixtures, type OtlpProtocol, type OtlpReceiver } from '@tracekit/test-utils';
import { countOccurrences, sendRequests, startResilienceApp, waitForStats } from './helpers/app.js';
import { createCertificateFiles, hasOpenssl, type CertificateFiles } from '@tracekit/test-utils';

let certs: CertificateFiles;
let receiver: OtlpReceiver | undefined;
beforeAll(() => {
  if (hasOpenssl()) certs = createCertificateFiles();
});
afterAll(() => certs?.remove());
afterEach(async () => {
  await stopAllFixtures();
  await receiver?.close();
  receiver = undefined;
});

/**
 * grpc-js sets the TLS server name to the IP it dials (127.0.0.1 here), and Node warns about it
 * (DEP0123) once per process: that is grpc-js talking, not tracekit.
 */
function ownOutput(stderr: string): string {
  return stderr
    .split('\n')
    .filter((line) => !line.includes('[DEP0123]') && !line.includes('--trace-deprecation'))
    .join('\n')
    .trim();
}

const endpointFor = (receiver: OtlpReceiver, protocol: OtlpProtocol) => (protocol === 'grpc' ? receiver.grpcEndpoint : receiver.httpEndpoint);

describe.skipIf(!hasOpenssl())('TLS to the Collector', () => {
  it.each(['http/protobuf', 'http/json', 'grpc'] as const)('%s over TLS with OTEL_EXPORTER_OTLP_CERTIFICATE', async (protocol) => {
    receiver = await startOtlpReceiver({ tls: { key: certs.serverKey, cert: certs.serverCert } });
    const app = await startResilienceApp({
      OTEL_EXPORTER_OTLP_ENDPOINT: endpointFor(receiver, protocol),
      OTEL_EXPORTER_OTLP_PROTOCOL: protocol,
      OTEL_EXPORTER_OTLP_CERTIFICATE: certs.caFile,
    });
    expect(endpointFor(receiver, protocol)).toMatch(/^https:/);
    await sendRequests(app.url('/work'), 5);
    await receiver.waitForSpans(5);
    expect(ownOutput(app.stderr())).toBe('');
  });

  it.each(['http/protobuf', 'grpc'] as const)('%s with mutual TLS (client key and certificate)', async (protocol) => {
    receiver = await startOtlpReceiver({ tls: { key: certs.serverKey, cert: certs.serverCert, ca: certs.ca, requireClientCert: true } });
    const app = await startResilienceApp({
      OTEL_EXPORTER_OTLP_ENDPOINT: endpointFor(receiver, protocol),
      OTEL_EXPORTER_OTLP_PROTOCOL: protocol,
      OTEL_EXPORTER_OTLP_CERTIFICATE: certs.caFile,
      OTEL_EXPORTER_OTLP_CLIENT_KEY: certs.clientKeyFile,
      OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE: certs.clientCertFile,
    });
    await sendRequests(app.url('/work'), 5);
    await receiver.waitForSpans(5);
    expect(ownOutput(app.stderr())).toBe('');
  });

  it.each(['http/protobuf', 'grpc'] as const)(
    '%s: mutual TLS also works for the flush at process.exit()',
    async (protocol) => {
      receiver = await startOtlpReceiver({ tls: { key: certs.serverKey, cert: certs.serverCert, ca: certs.ca, requireClientCert: true } });
      const app = await startResilienceApp({
        OTEL_EXPORTER_OTLP_ENDPOINT: endpointFor(receiver, protocol),
        OTEL_EXPORTER_OTLP_PROTOCOL: protocol,
        OTEL_EXPORTER_OTLP_CERTIFICATE: certs.caFile,
        OTEL_EXPORTER_OTLP_CLIENT_KEY: certs.clientKeyFile,
        OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE: certs.clientCertFile,
        OTEL_BSP_SCHEDULE_DELAY: '60000',
        EXIT_MODE: 'sync',
      });
      await sendRequests(app.url('/work'), 5);
      app.kill('SIGTERM');
      expect(await app.waitForExit({ timeoutMs: 10_000 })).toEqual({ code: 0, signal: null });
      expect(receiver.spans).toHaveLength(5);
    },
  );

  it.each(['http/protobuf', 'grpc'] as const)(
    '%s: without the client certificate, or trusting the wrong CA, export fails: one warning, requests unaffected',
    async (protocol) => {
      receiver = await startOtlpReceiver({ tls: { key: certs.serverKey, cert: certs.serverCert, ca: certs.ca, requireClientCert: true } });
      for (const caFile of [certs.caFile, certs.otherCaFile]) {
        const app = await startResilienceApp({
          OTEL_EXPORTER_OTLP_ENDPOINT: endpointFor(receiver, protocol),
          OTEL_EXPORTER_OTLP_PROTOCOL: protocol,
          OTEL_EXPORTER_OTLP_CERTIFICATE: caFile,
        });
        const statuses = await sendRequests(app.url('/work'), 20);
        expect(statuses.filter((status) => status === 200)).toHaveLength(20);
        await waitForStats(app, (stats) => stats.failing);
        await app.stop();
        expect(countOccurrences(app.stderr(), 'exporting spans to') + countOccurrences(app.stderr(), 'rejected spans')).toBe(1);
      }
      expect(receiver.spans).toHaveLength(0);
    },
  );
});

describe('gRPC: plaintext or TLS', () => {
  it('http:// is plaintext, whatever OTEL_EXPORTER_OTLP_INSECURE says', async () => {
    receiver = await startOtlpReceiver();
    const app = await startResilienceApp({
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.grpcEndpoint,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc',
      OTEL_EXPORTER_OTLP_INSECURE: 'false',
    });
    expect(receiver.grpcEndpoint).toMatch(/^http:\/\//);
    await sendRequests(app.url('/work'), 3);
    await receiver.waitForSpans(3);
  });

  it('host:port without a scheme is plaintext with OTEL_EXPORTER_OTLP_INSECURE=true', async () => {
    receiver = await startOtlpReceiver();
    const app = await startResilienceApp({
      OTEL_EXPORTER_OTLP_ENDPOINT: new URL(receiver.grpcEndpoint).host,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc',
      OTEL_EXPORTER_OTLP_INSECURE: 'true',
    });
    await sendRequests(app.url('/work'), 3);
    await receiver.waitForSpans(3);
  });

  it.skipIf(!hasOpenssl())('host:port without a scheme is TLS by default', async () => {
    receiver = await startOtlpReceiver({ tls: { key: certs.serverKey, cert: certs.serverCert } });
    const app = await startResilienceApp({
      OTEL_EXPORTER_OTLP_ENDPOINT: new URL(receiver.grpcEndpoint).host,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc',
      OTEL_EXPORTER_OTLP_CERTIFICATE: certs.caFile,
    });
    await sendRequests(app.url('/work'), 3);
    await receiver.waitForSpans(3);
  });

  it('host:port without a scheme does not fall back to plaintext when the Collector has no TLS', async () => {
    receiver = await startOtlpReceiver();
    const app = await startResilienceApp({
      OTEL_EXPORTER_OTLP_ENDPOINT: new URL(receiver.grpcEndpoint).host,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc',
    });
    await sendRequests(app.url('/work'), 3);
    await waitForStats(app, (stats) => stats.failing);
    expect(receiver.spans).toHaveLength(0);
  });
});
