import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Logger } from '../log.ts';
import type { OriginKind, RequestGuard } from './origin.ts';
import { sendJson, sendOAuthError, setBaseHeaders } from './respond.ts';

/**
 * Studio Gateway registers no service worker. A request for a worker script (`Service-Worker: script`, sent by the
 * browser when it checks a registered worker for updates) means someone else put a worker in this origin — say a
 * process that held this port while the gateway was stopped. It gets a worker that removes itself and reloads its
 * pages (Service Workers §"Update": a changed script replaces the old one), and the origin's storage is cleared.
 */
const SELF_REMOVING_WORKER = `// Studio Gateway registers no service worker: this one was put here by someone else, and removes itself.
self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil((async () => {
  await self.registration.unregister();
  for (const client of await self.clients.matchAll({ type: 'window' })) client.navigate(client.url);
})()));
`;

function removeForeignWorker(res: ServerResponse): void {
  res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Clear-Site-Data': '"storage"', 'Content-Length': Buffer.byteLength(SELF_REMOVING_WORKER) });
  res.end(SELF_REMOVING_WORKER);
}

/**
 * One loopback listener's request handling: the base headers, the foreign-worker answer, the Host/Origin guard, then
 * `dispatch`. Unknown errors become a bare 500 without internals (the log gets the message).
 */
export function guardedListener(options: {
  guard: RequestGuard;
  log: Logger;
  /**
   * The origin keeps nothing in the browser: every answer tells it to drop the origin's storage and service workers
   * (W3C Clear Site Data, "storage"). For the gateway's stable port, where the panel no longer lives: a worker that a
   * process holding the port while the gateway was stopped planted there is gone at the first real answer.
   */
  keepsNothingInBrowser?: boolean;
  dispatch: (req: IncomingMessage, res: ServerResponse, path: string, origin: OriginKind) => void | Promise<void>;
}): RequestListener {
  return (req, res) => {
    setBaseHeaders(res);
    if (options.keepsNothingInBrowser) res.setHeader('Clear-Site-Data', '"storage"');
    const path = URL.parse(req.url ?? '/', 'http://x')?.pathname ?? '/';
    const verdict = options.guard(req.headers);
    if (!verdict.ok) {
      // MCP spec, Streamable HTTP "Security Warning": invalid Origin → 403 (and Host, against DNS rebinding).
      if (path === '/mcp') sendJson(res, 403, { jsonrpc: '2.0', id: null, error: { code: -32003, message: `Forbidden: ${verdict.reason}` } });
      else sendOAuthError(res, 403, 'forbidden', verdict.reason);
      return;
    }
    if (req.headers['service-worker'] === 'script') return removeForeignWorker(res);
    Promise.resolve(options.dispatch(req, res, path, verdict.origin)).catch((err: unknown) => {
      options.log.error(`${req.method} ${path} failed`, err);
      if (!res.headersSent) sendOAuthError(res, 500, 'server_error', 'internal error');
      else res.destroy();
    });
  };
}
