/**
 * OTLP headers, tokens and URL credentials are never printed: not in the debug configuration
 * dump, not in export warnings or drop reports, not at the most verbose log level, whatever
 * the Collector does (down, rejecting, answering) and however the process ends.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startOtlpReceiver, stopAllFixtures, type OtlpProtocol, type OtlpReceiver } from '@tracekit/test-utils';
import { sendRequests, startResilienceApp, waitForStats } from './helpers/app.js';

let receiver: OtlpReceiver | undefined;
afterEach(async () => {
  await stopAllFixtures();
  await receiver?.close();
  receiver = undefined;
});

const SECRETS = /s3cr3t|k3y-k3y|pa55word/;
const HEADERS = 'authorization=Bearer%20s3cr3t-token,x-api-key=k3y-k3y';

async function runAndCollectOutput(env: Record<string, string>, expectFailure: boolean): Promise<string> {
  const app = await startResilienceApp({ OTEL_LOG_LEVEL: 'all', OTEL_EXPORTER_OTLP_HEADERS: HEADERS, EXIT_MODE: 'sync', ...env });
  await sendRequests(app.url('/work'), 10);
  if (expectFailure) await waitForStats(app, (stats) => stats.failing);
  else await waitForStats(app, (stats) => stats.exportedSpans >= 10);
  await sendRequests(app.url('/work'), 5);
  app.kill('SIGTERM');
  await app.waitForExit({ timeoutMs: 10_000 });
  return app.stdout() + app.stderr();
}

describe('secrets in the output', () => {
  it.each(['http/protobuf', 'grpc'] as const)('%s, Collector down: warnings and reports show none', async (protocol: OtlpProtocol) => {
    const output = await runAndCollectOutput(
      { OTEL_EXPORTER_OTLP_PROTOCOL: protocol, OTEL_EXPORTER_OTLP_ENDPOINT: 'http://user:pa55word@127.0.0.1:9' },
      true,
    );
    expect(output).toContain('is failing (');
    expect(output).toContain('"authorization":"[redacted]"');
    expect(output).not.toMatch(SECRETS);
  });

  it('Collector rejecting with 401: the warning shows the status, not the credentials', async () => {
    receiver = await startOtlpReceiver({ respond: () => ({ httpStatus: 401 }) });
    const port = new URL(receiver.httpEndpoint).port;
    const output = await runAndCollectOutput({ OTEL_EXPORTER_OTLP_ENDPOINT: `http://user:pa55word@127.0.0.1:${port}` }, true);
    expect(output).toContain('rejected spans (HTTP 401');
    expect(output).not.toMatch(SECRETS);
    // The credentials were sent to the Collector, just never printed.
    expect(receiver.requests[0]?.headers['x-api-key']).toBe('k3y-k3y');
  });

  it('Collector healthy, flush at process.exit(): nothing printed shows them', async () => {
    receiver = await startOtlpReceiver();
    const output = await runAndCollectOutput({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.grpcEndpoint, OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' }, false);
    expect(receiver.requests.at(-1)?.headers.authorization).toBe('Bearer s3cr3t-token');
    expect(output).not.toMatch(SECRETS);
  });
});
