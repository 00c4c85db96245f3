import { Writable } from 'node:stream';
import pino from 'pino';
import winston from 'winston';
import { describe, expect, it } from 'vitest';
import { getLogContext, logFields, tracekit, type LogContext } from '../src/index.js';
import { EXPRESS_MAJORS, get, serve } from './helpers/serve.js';
import { useTestTracing } from './helpers/tracing.js';

const tracing = useTestTracing();

/** A stream that keeps the JSON lines written to it. */
function lines(): { stream: Writable; lines: Record<string, unknown>[] } {
  const kept: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) kept.push(JSON.parse(line));
      done();
    },
  });
  return { stream, lines: kept };
}

describe('getLogContext / logFields', () => {
  it('are empty outside any span', () => {
    expect(getLogContext()).toBeUndefined();
    expect(logFields()).toEqual({});
  });
});

describe.each(EXPRESS_MAJORS)('%s: log correlation', (_, express) => {
  it('gives the server span ids inside handlers, also after a body parser and async work', async () => {
    const seen: (LogContext | undefined)[] = [];
    const app = express();
    app.use(tracekit());
    app.use(express.json());
    app.post('/orders', async (_req, res) => {
      seen.push(getLogContext());
      await new Promise((resolve) => setTimeout(resolve, 2));
      seen.push(getLogContext());
      res.send('ok');
    });
    const served = await serve(app);
    await get(served.url('/orders'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"qty":1}' });
    const [span] = await tracing.spans(1);
    const expected = { trace_id: span!.spanContext().traceId, span_id: span!.spanContext().spanId, trace_flags: '01' };
    expect(seen).toEqual([expected, expected]);
  });

  it('puts trace_id and span_id on every pino line through mixin', async () => {
    const output = lines();
    const log = pino({ mixin: logFields }, output.stream);
    const app = express();
    app.use(tracekit());
    app.get('/', (_req, res) => {
      log.info('handling');
      res.send('ok');
    });
    const served = await serve(app);
    await get(served.url('/'));
    log.info('outside');
    const [span] = await tracing.spans(1);
    expect(output.lines[0]).toMatchObject({ msg: 'handling', trace_id: span!.spanContext().traceId, span_id: span!.spanContext().spanId, trace_flags: '01' });
    expect(output.lines[1]).not.toHaveProperty('trace_id');
  });

  it('puts trace_id and span_id on every winston line through a format', async () => {
    const output = lines();
    const log = winston.createLogger({
      format: winston.format.combine(
        winston.format((info) => Object.assign(info, logFields()))(),
        winston.format.json(),
      ),
      transports: [new winston.transports.Stream({ stream: output.stream })],
    });
    const app = express();
    app.use(tracekit());
    app.get('/', (_req, res) => {
      log.info('handling');
      res.send('ok');
    });
    const served = await serve(app);
    await get(served.url('/'));
    const [span] = await tracing.spans(1);
    expect(output.lines[0]).toMatchObject({ message: 'handling', trace_id: span!.spanContext().traceId, span_id: span!.spanContext().spanId });
  });
});
