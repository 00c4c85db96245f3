import { describe, expect, it } from 'vitest';
import { exportTo, startTracedApp, useOtlpReceiver } from './helpers/traced-app.js';

const receiver = useOtlpReceiver();

async function tracedPaths(env: Record<string, string>, requests: { path: string; userAgent?: string }[]) {
  const app = await startTracedApp({ fixture: 'http-app.mjs', env: { ...exportTo(receiver), ...env } });
  for (const { path, userAgent } of requests) {
    const response = await fetch(app.url(path), { headers: userAgent ? { 'user-agent': userAgent } : {} });
    await response.arrayBuffer();
  }
  await app.stop();
  return receiver.spans.map((span) => span.attributes['url.path']);
}

describe('requests that are not traced', () => {
  it('Kubernetes probes and the default health paths are skipped, other requests are traced', async () => {
    const paths = await tracedPaths({}, [
      { path: '/leaf', userAgent: 'kube-probe/1.31' },
      { path: '/healthz' },
      { path: '/readyz?verbose=1' },
      { path: '/livez' },
      { path: '/leaf?from=user' },
    ]);
    expect(paths).toEqual(['/leaf']);
  });

  it('TRACEKIT_IGNORE_PATHS replaces the default list', async () => {
    const paths = await tracedPaths({ TRACEKIT_IGNORE_PATHS: '/leaf' }, [{ path: '/leaf' }, { path: '/healthz' }]);
    expect(paths).toEqual(['/healthz']);
  });

  it('TRACEKIT_IGNORE_PROBES=false traces probes', async () => {
    const paths = await tracedPaths({ TRACEKIT_IGNORE_PROBES: 'false' }, [{ path: '/leaf', userAgent: 'kube-probe/1.31' }]);
    expect(paths).toEqual(['/leaf']);
  });
});
