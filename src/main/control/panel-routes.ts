import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { guardedListener } from '../http/guarded-listener.ts';
import { createRequestGuard } from '../http/origin.ts';
import { redirect, sendJson } from '../http/respond.ts';
import type { Logger } from '../log.ts';

type Handler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/**
 * The control panel's own listener, on a new port at every start. The panel's origin (and so everything a browser
 * keeps for it) is this run's alone: a process that takes the gateway's usual port while it is stopped — another
 * user's, say — holds an origin where the owner's browser keeps nothing, and a page or service worker it planted
 * there is not in this run's origin (docs/SECURITY.md). Only 127.0.0.1 and only its own pages: no CORS, no
 * `localhost` (which may resolve to [::1], where anyone could listen).
 */
export function createPanelRoutes(options: {
  port: number;
  log: Logger;
  panel: (req: IncomingMessage, res: ServerResponse, path: string) => Promise<void>;
  session: Handler;
  control: (req: IncomingMessage, res: ServerResponse, callName: string) => Promise<void>;
  auditExport: Handler;
  runProof: Handler;
}): RequestListener {
  return guardedListener({
    guard: createRequestGuard(options.port, { ownOriginOnly: true }),
    log: options.log,
    dispatch: (req, res, path) => {
      if (path === '/') return redirect(res, '/panel/');
      if (path === '/panel' || path.startsWith('/panel/')) return options.panel(req, res, path);
      if (path === '/api/session') return options.session(req, res);
      if (path === '/api/audit/export') return options.auditExport(req, res);
      if (path.startsWith('/api/control/')) return options.control(req, res, path.slice('/api/control/'.length));
      if (path === '/api/run-proof') return options.runProof(req, res);
      sendJson(res, 404, { ok: false, error: { code: 'not_found', message: `nothing at ${path}` } });
    },
  });
}
