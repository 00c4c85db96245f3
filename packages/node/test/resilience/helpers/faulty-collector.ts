/**
 * A Collector address whose health the test controls, in front of a real OTLP receiver:
 * - `up`: connections are piped to the receiver (HTTP and gRPC alike);
 * - `down`: nothing listens (connection refused), open connections are cut;
 * - `hanging`: connections are accepted and read, and never answered;
 * - `refusing`: connections are accepted and closed at once, before any HTTP/2 handshake (a
 *   load balancer with no healthy Collector behind it); unlike `down`, each attempt is counted.
 * It stays on the same port across modes, as a restarted Collector would.
 */
import net from 'node:net';

export type CollectorMode = 'up' | 'down' | 'hanging' | 'refusing';

export interface FaultyCollector {
  readonly port: number;
  /** `http://127.0.0.1:<port>`: OTEL_EXPORTER_OTLP_ENDPOINT for HTTP and gRPC. */
  readonly endpoint: string;
  readonly mode: CollectorMode;
  setMode(mode: CollectorMode): Promise<void>;
  /** Connections accepted so far, and the most that were open at once while hanging. */
  readonly acceptedConnections: number;
  readonly maxOpenHangingConnections: number;
  close(): Promise<void>;
}

export async function startFaultyCollector(targetPort: number, initialMode: CollectorMode = 'up'): Promise<FaultyCollector> {
  let mode: CollectorMode = initialMode;
  let accepted = 0;
  let maxOpenHanging = 0;
  const open = new Set<net.Socket>();
  const hanging = new Set<net.Socket>();

  const server = net.createServer((socket) => {
    accepted += 1;
    open.add(socket);
    socket.on('close', () => {
      open.delete(socket);
      hanging.delete(socket);
    });
    socket.on('error', () => {});
    if (mode === 'refusing') {
      socket.destroy();
      return;
    }
    if (mode === 'hanging') {
      hanging.add(socket);
      maxOpenHanging = Math.max(maxOpenHanging, hanging.size);
      socket.resume();
      return;
    }
    const upstream = net.connect(targetPort, '127.0.0.1');
    upstream.on('error', () => socket.destroy());
    socket.on('close', () => upstream.destroy());
    upstream.on('close', () => socket.destroy());
    socket.pipe(upstream).pipe(socket);
  });

  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  const stopListening = () =>
    new Promise<void>((resolve) => {
      for (const socket of open) socket.destroy();
      if (!server.listening) return resolve();
      server.close(() => resolve());
    });

  await listen(0);
  const { port } = server.address() as net.AddressInfo;
  if (initialMode === 'down') await stopListening();

  return {
    port,
    endpoint: `http://127.0.0.1:${port}`,
    get mode() {
      return mode;
    },
    get acceptedConnections() {
      return accepted;
    },
    get maxOpenHangingConnections() {
      return maxOpenHanging;
    },
    async setMode(next) {
      if (next === mode) return;
      const previous = mode;
      mode = next;
      // Connections of the previous mode end, as they would when a Collector restarts or recovers.
      if (next === 'down') return stopListening();
      for (const socket of open) socket.destroy();
      if (previous === 'down') await listen(port);
    },
    close: stopListening,
  };
}
