import { createServer, type RequestListener, type Server } from 'node:http';

export const DEFAULT_PORT = 8787;

export class PortInUseError extends Error {
  constructor(port: number) {
    super(`Port ${port} on 127.0.0.1 is already in use. Start with --port <another port> (or --port 0 to pick a free one).`);
    this.name = 'PortInUseError';
  }
}

/** Listens on 127.0.0.1 only: nothing off this machine can reach the gateway. */
export function listenLoopback(handler: RequestListener, port: number): Promise<Server> {
  const server = createServer({ requestTimeout: 120_000, headersTimeout: 30_000, keepAliveTimeout: 5_000 }, handler);
  return new Promise((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      reject(err.code === 'EADDRINUSE' ? new PortInUseError(port) : err);
    });
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => resolve(server));
  });
}

/** Stops accepting, closes idle keep-alive sockets at once and the rest after their response. */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
    setTimeout(() => server.closeAllConnections(), 1000).unref();
  });
}
