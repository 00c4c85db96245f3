// The downstream service behind /outbound: answers every request 200 'ok'.
// It is never traced. Env: PORT (default 0 = any free port).
// Prints `LISTENING <port>`; exits on SIGTERM.
import http from 'node:http';

const port = Number(process.env.PORT ?? 0);

const server = http.createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '2' });
  res.end('ok');
});

server.listen(port, '127.0.0.1', () => {
  process.stdout.write(`LISTENING ${server.address().port}\n`);
});

process.once('SIGTERM', () => {
  server.close();
  server.closeAllConnections();
});
