import { describe, expect, it } from 'vitest';
import { DEFAULT_IGNORE_PATHS, tracekit } from '../src/index.js';
import { EXPRESS_MAJORS, get, serve } from './helpers/serve.js';
import { useTestTracing } from './helpers/tracing.js';

const tracing = useTestTracing();

describe.each(EXPRESS_MAJORS)('%s: requests left untraced', (_, express) => {
  function app(options?: Parameters<typeof tracekit>[0]) {
    const instance = express();
    instance.use(tracekit(options));
    for (const path of [...DEFAULT_IGNORE_PATHS, '/ping', '/work']) instance.get(path, (_req, res) => res.send('ok'));
    return instance;
  }

  it('skips /healthz, /readyz and /livez (query ignored) and Kubernetes probes, like @tracekit/node', async () => {
    const served = await serve(app());
    for (const path of ['/healthz', '/readyz?verbose', '/livez']) {
      const answer = await get(served.url(path));
      expect(answer.headers.get('traceresponse')).toBeNull();
    }
    await get(served.url('/work'), { headers: { 'user-agent': 'kube-probe/1.31' } });
    await get(served.url('/work'));
    const spans = await tracing.spans(1);
    expect(spans.map((span) => span.name)).toEqual(['GET /work']);
  });

  it('takes its own paths and can trace probes', async () => {
    const served = await serve(app({ ignorePaths: ['/ping'], ignoreProbes: false }));
    await get(served.url('/ping'));
    await get(served.url('/healthz'), { headers: { 'user-agent': 'kube-probe/1.31' } });
    const spans = await tracing.spans(1);
    expect(spans.map((span) => span.name)).toEqual(['GET /healthz']);
  });
});
