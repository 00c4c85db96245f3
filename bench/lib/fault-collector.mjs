// A Collector address in front of the sink whose health the benchmark controls:
//   healthy   connections are piped to the sink
//   down      nothing listens (connection refused); open connections are cut
//   hanging   connections are accepted and read, and never answered
//   slow      piped to the sink, but every answer is held back `slowDelayMs`
//   flapping  healthy and down in turn, every `flapPeriodMs`
// It keeps its port across modes, as a restarted Collector would. It stores nothing.
import net from 'node:net';

export const FAULT_MODES = Object.freeze(['healthy', 'down', 'hanging', 'slow', 'flapping']);

/**
 * @param {{ sinkPort: number, slowDelayMs?: number, flapPeriodMs?: number }} options
 * @returns {Promise<FaultCollector>}
 * @typedef {{
 *   endpoint: string, port: number, mode: () => string,
 *   setMode: (mode: string) => Promise<void>,
 *   stats: () => { accepted: number, maxOpenHanging: number, flaps: number },
 *   close: () => Promise<void>,
 * }} FaultCollector
 */
export async function startFaultCollector({ sinkPort, slowDelayMs = 2000, flapPeriodMs = 3000 }) {
  let mode = 'healthy';
  /** healthy or down, what the listener currently does (flapping switches between them). */
  let serving = 'healthy';
  let flapTimer = null;
  const counts = { accepted: 0, maxOpenHanging: 0, flaps: 0 };
  const open = new Set();
  const hanging = new Set();

  const server = net.createServer((socket) => {
    counts.accepted += 1;
    open.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => {
      open.delete(socket);
      hanging.delete(socket);
    });
    if (mode === 'hanging') {
      hanging.add(socket);
      counts.maxOpenHanging = Math.max(counts.maxOpenHanging, hanging.size);
      socket.resume();
      return;
    }
    const upstream = net.connect(sinkPort, '127.0.0.1');
    upstream.on('error', () => socket.destroy());
    socket.on('close', () => upstream.destroy());
    upstream.on('close', () => (mode === 'slow' ? setTimeout(() => socket.destroy(), slowDelayMs) : socket.destroy()));
    socket.pipe(upstream);
    if (mode === 'slow') {
      upstream.on('data', (chunk) => setTimeout(() => socket.writable && socket.write(chunk), slowDelayMs));
    } else {
      upstream.pipe(socket);
    }
  });

  const listen = (port) =>
    new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  const cutConnections = () => {
    for (const socket of open) socket.destroy();
  };
  const stopListening = () =>
    new Promise((resolve) => {
      cutConnections();
      if (!server.listening) {
        resolve();
        return;
      }
      server.close(() => resolve());
    });

  await listen(0);
  const { port } = server.address();

  /** Listening (healthy) or not (down). */
  async function serve(next) {
    if (next === serving) return;
    serving = next;
    if (next === 'down') await stopListening();
    else await listen(port);
  }

  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    mode: () => mode,
    async setMode(next) {
      if (!FAULT_MODES.includes(next)) throw new Error(`unknown fault mode ${next}`);
      clearInterval(flapTimer);
      flapTimer = null;
      mode = next;
      // Connections of the previous mode end, as when a Collector restarts.
      cutConnections();
      await serve(next === 'down' ? 'down' : 'healthy');
      if (next === 'flapping') {
        flapTimer = setInterval(() => {
          counts.flaps += 1;
          serve(serving === 'healthy' ? 'down' : 'healthy').catch(() => {});
        }, flapPeriodMs);
      }
    },
    stats: () => ({ ...counts }),
    async close() {
      clearInterval(flapTimer);
      await stopListening();
    },
  };
}
