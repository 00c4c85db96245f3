// The service under test, shared by the ESM and the CommonJS entry points.
// `express` and `http` are handed in by the entry point, so they are loaded the
// way a user's app of that module format loads them (import vs require): that
// is what decides whether a tracing setup's hooks see them.
//
//   GET /hello     answers a short plain-text body.
//   GET /outbound  makes one outbound http.get to DOWNSTREAM_URL, then answers.
//
// Env: PORT (default 0 = any free port), DOWNSTREAM_URL (needed by /outbound).
// Prints `LISTENING <port>` once it accepts connections. On SIGTERM it stops
// listening and lets the event loop drain, so a tracing SDK's own SIGTERM or
// beforeExit handler gets the chance to flush before the process ends.
'use strict';

/** @param {{ express: typeof import('express'), http: typeof import('node:http') }} deps */
function startService({ express, http }) {
  const port = Number(process.env.PORT ?? 0);
  const downstreamUrl = process.env.DOWNSTREAM_URL;
  // A keep-alive agent of our own, so shutdown can close its idle sockets.
  const downstreamAgent = new http.Agent({ keepAlive: true });

  const app = express();
  // The tracekit+express setup: the middleware names and enriches the server span.
  if (process.env.BENCH_TRACEKIT_EXPRESS === '1') app.use(require('@tracekit/express').tracekit());

  app.get('/hello', (_req, res) => {
    res.type('text/plain').send('hello');
  });

  app.get('/outbound', (_req, res) => {
    if (!downstreamUrl) {
      res.status(500).type('text/plain').send('DOWNSTREAM_URL is not set');
      return;
    }
    const outbound = http.get(downstreamUrl, { agent: downstreamAgent }, (downstream) => {
      let body = '';
      downstream.setEncoding('utf8');
      downstream.on('data', (chunk) => {
        body += chunk;
      });
      downstream.on('end', () => {
        if (downstream.statusCode === 200) {
          res.type('text/plain').send(`downstream said ${body}`);
        } else {
          res.status(502).type('text/plain').send(`downstream answered ${downstream.statusCode}`);
        }
      });
    });
    outbound.on('error', (error) => {
      res.status(502).type('text/plain').send(`downstream failed: ${error.message}`);
    });
  });

  const server = app.listen(port, '127.0.0.1', (error) => {
    if (error) throw error;
    process.stdout.write(`LISTENING ${server.address().port}\n`);
  });

  process.once('SIGTERM', () => {
    server.close();
    server.closeAllConnections();
    downstreamAgent.destroy();
    // Last resort if something else keeps the loop alive; unref'd, so it never
    // delays a process that can exit on its own.
    setTimeout(() => process.exit(0), 10_000).unref();
  });
}

module.exports = { startService };
