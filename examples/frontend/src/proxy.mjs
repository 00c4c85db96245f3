import http from 'node:http';

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'host']);

/** Streams the request to `target` and the answer back; a failed upstream becomes a 502. */
export function forward(req, res, target) {
  const headers = Object.fromEntries(Object.entries(req.headers).filter(([name]) => !HOP_BY_HOP.has(name)));
  const upstream = http.request(target, { method: req.method, headers }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, Object.fromEntries(Object.entries(answer.headers).filter(([name]) => !HOP_BY_HOP.has(name))));
    answer.pipe(res);
  });
  upstream.on('error', (error) => {
    if (!res.headersSent) res.status(502).json({ error: `upstream failed: ${error.message}` });
    else res.destroy(error);
  });
  req.pipe(upstream);
}
