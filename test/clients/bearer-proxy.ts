import { createServer, request, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A pass-through HTTP proxy on 127.0.0.1 that adds `Authorization: Bearer <token>` to every request it forwards to the
 * gateway, for a client that has no option to send a header (the conformance suite's server runner takes a URL and
 * nothing else). Bodies stream both ways unchanged (SSE included). Host and Origin that name the proxy are rewritten to
 * name the gateway, so a request reads to the gateway exactly as if it had been sent to it directly; any other Host or
 * Origin (the rebinding scenario's `evil.example.com`) passes through untouched for the gateway to judge.
 */
export interface BearerProxy {
  url: string;
  /** How many requests went through. */
  forwarded: number;
  close(): Promise<void>;
}

export async function startBearerProxy(target: string, token: string): Promise<BearerProxy> {
  const upstream = new URL(target);
  const stats = { forwarded: 0 };
  let proxyPort = 0;

  const rename = (value: string | undefined, prefix: string): string | undefined => {
    if (value === undefined) return undefined;
    for (const name of ['127.0.0.1', 'localhost']) {
      if (value.toLowerCase() === `${prefix}${name}:${proxyPort}`) return `${prefix}${name}:${upstream.port}`;
    }
    return value;
  };

  const server = createServer((req, res) => {
    stats.forwarded++;
    const headers: IncomingHttpHeaders = { ...req.headers };
    headers.host = rename(req.headers.host, '');
    if (typeof req.headers.origin === 'string') headers.origin = rename(req.headers.origin, 'http://');
    headers.authorization ??= `Bearer ${token}`;
    const outgoing = request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    outgoing.on('error', (err) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`bearer proxy: ${err.message}`);
    });
    // The client hung up (e.g. it closed an SSE stream): hang up on the gateway too.
    res.on('close', () => outgoing.destroy());
    req.pipe(outgoing);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxyPort = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${proxyPort}${upstream.pathname}`,
    get forwarded() {
      return stats.forwarded;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
