import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { runFixture, startOtlpReceiver, stopAllFixtures, type FixtureHandle, type OtlpProtocol, type OtlpReceiver } from '@tracekit/test-utils';

export const PACKAGE_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** How the fixture app gets tracing: the three zero-code forms, or none (the app does it). */
export type LoadMode = 'import' | 'require' | 'node-options-import' | 'node-options-require' | 'none';

export function fixturePath(name: string): string {
  return fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
}

/** OTEL_* settings that send to the test receiver quickly over the given protocol. */
export function exportTo(receiver: OtlpReceiver, protocol: OtlpProtocol = 'http/protobuf'): Record<string, string> {
  return {
    OTEL_EXPORTER_OTLP_ENDPOINT: protocol === 'grpc' ? receiver.grpcEndpoint : receiver.httpEndpoint,
    OTEL_EXPORTER_OTLP_PROTOCOL: protocol,
    OTEL_BSP_SCHEDULE_DELAY: '50',
  };
}

/** Starts a fixture app under @tracekit/node/register and waits until it listens. */
export async function startTracedApp(options: {
  fixture: string;
  mode?: LoadMode;
  env?: Record<string, string | undefined>;
  /** Makes the app's `import 'express'` load this major (fixtures/express-major.mjs, preloaded first). */
  expressMajor?: 'express4' | 'express5';
}): Promise<FixtureHandle> {
  const mode = options.mode ?? (options.fixture.endsWith('.mjs') ? 'import' : 'require');
  const flag = mode.endsWith('require') ? '--require' : '--import';
  const preload = options.expressMajor ? ['--import', fixturePath('express-major.mjs')] : [];
  const nodeArgs = [...preload, ...(mode === 'import' || mode === 'require' ? [flag, '@tracekit/node/register'] : [])];
  const nodeOptions = mode.startsWith('node-options') ? { NODE_OPTIONS: `${flag} @tracekit/node/register` } : {};
  const app = runFixture({
    entry: fixturePath(options.fixture),
    cwd: PACKAGE_ROOT,
    nodeArgs,
    env: {
      OTEL_SERVICE_NAME: 'fixture-app',
      ...(options.expressMajor ? { FIXTURE_EXPRESS: options.expressMajor } : {}),
      ...nodeOptions,
      ...options.env,
    },
  });
  await app.waitForListening();
  return app;
}

export async function getJson(url: string, headers: Record<string, string> = {}): Promise<Record<string, string>> {
  const response = await fetch(url, { headers });
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
  return (await response.json()) as Record<string, string>;
}

/**
 * One OTLP receiver for the test file: started before its tests, cleared (and every fixture
 * app stopped) after each, closed at the end. The returned object always reaches the
 * receiver of the running file.
 */
export function useOtlpReceiver(): OtlpReceiver {
  let current: OtlpReceiver | undefined;
  beforeAll(async () => {
    current = await startOtlpReceiver();
  });
  afterEach(async () => {
    await stopAllFixtures();
    current?.clear();
  });
  afterAll(() => current?.close());
  return new Proxy({} as OtlpReceiver, {
    get(_target, key) {
      if (!current) throw new Error('the OTLP receiver is used outside a test');
      const value = Reflect.get(current, key) as unknown;
      return typeof value === 'function' ? value.bind(current) : value;
    },
  });
}
