import { DiagLogLevel, diag, type DiagLogger } from '@opentelemetry/api';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_IGNORE_PATHS, DEFAULT_KNOWN_METHODS, messages, resolveConfig, tracekit } from '../src/index.js';
import { EXPRESS_MAJORS, get, serve } from './helpers/serve.js';
import { useTestTracing } from './helpers/tracing.js';

useTestTracing();

/** diag output as [namespace, message] pairs. */
function captureDiag(): unknown[][] {
  const lines: unknown[][] = [];
  const keep = (...args: unknown[]) => lines.push(args);
  const logger: DiagLogger = { error: keep, warn: keep, info: keep, debug: () => {}, verbose: () => {} };
  diag.setLogger(logger, { logLevel: DiagLogLevel.WARN, suppressOverrideMessage: true });
  return lines;
}
afterEach(() => diag.disable());

describe('resolveConfig', () => {
  it('applies the defaults, which match @tracekit/node', () => {
    const { config, warnings } = resolveConfig();
    expect(config).toMatchObject({
      ignorePaths: ['/healthz', '/readyz', '/livez'],
      ignoreProbes: true,
      requestHeaders: [],
      layerSpans: false,
      traceResponseHeaders: true,
      requestAttributes: undefined,
      tracerProvider: undefined,
    });
    expect([...config.knownMethods]).toEqual(DEFAULT_KNOWN_METHODS);
    expect(config.ignorePaths).toEqual(DEFAULT_IGNORE_PATHS);
    expect(Object.isFrozen(config)).toBe(true);
    expect(warnings).toEqual([]);
  });

  it('drops bad entries with a sentence each and keeps the others', () => {
    const { config, warnings } = resolveConfig({
      ignorePaths: ['/ping', 'healthz'],
      requestHeaders: ['X-Request-Id', 'bad header'],
      knownMethods: ['GET', 'PROPFIND', ''],
    });
    expect(config.ignorePaths).toEqual(['/ping']);
    expect(config.requestHeaders).toEqual(['x-request-id']);
    expect([...config.knownMethods]).toEqual(['GET', 'PROPFIND']);
    expect(warnings).toEqual([messages.badIgnorePath('healthz'), messages.badRequestHeader('bad header'), messages.badKnownMethod('')]);
    expect(warnings[0]).toBe('ignorePaths entry "healthz" is not a path starting with "/"; it is skipped, the other entries still apply.');
  });

  it('prints the warnings through diag when the middleware is created', () => {
    const lines = captureDiag();
    tracekit({ ignorePaths: ['nope'] });
    expect(lines).toEqual([['@tracekit/express', messages.badIgnorePath('nope')]]);
  });
});

describe.each(EXPRESS_MAJORS)('%s: a failing requestAttributes', (_, express) => {
  it('is reported once, however many requests it fails', async () => {
    const lines = captureDiag();
    const app = express();
    app.use(
      tracekit({
        requestAttributes: () => {
          throw new TypeError('user is undefined');
        },
      }),
    );
    app.get('/', (_req, res) => res.send('ok'));
    const served = await serve(app);
    await get(served.url('/'));
    await get(served.url('/'));
    expect(lines).toEqual([['@tracekit/express', messages.requestAttributesFailed(new TypeError('user is undefined'))]]);
  });
});
