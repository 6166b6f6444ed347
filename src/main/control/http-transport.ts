import type { IncomingMessage, ServerResponse } from 'node:http';
import { CONTROL_BODY_LIMITS } from '../../shared/control-api.ts';
import { parseJson, readBody, RequestBodyError, sendJson } from '../http/respond.ts';
import type { OwnerSession, OwnerSessions } from './owner-session.ts';
import type { ControlRegistry } from './registry.ts';

const STATUS_BY_CODE: Record<string, number> = { invalid_input: 400, not_found: 404, internal_error: 500 };

/**
 * A state-changing owner request must come from the panel itself: same origin (Origin header, and
 * Sec-Fetch-Site where the browser sends it) and the session's CSRF token (OWASP CSRF cheat sheet:
 * "Verifying Origin" plus a synchronizer token).
 */
export function isSameOriginOwnerRequest(req: IncomingMessage, selfOrigins: ReadonlySet<string>): boolean {
  const origin = req.headers.origin;
  const site = req.headers['sec-fetch-site'];
  if (typeof origin !== 'string' || !selfOrigins.has(origin)) return false;
  return site === undefined || site === 'same-origin';
}

/**
 * GET /api/session: the signed-in panel's CSRF token. Readable by the panel's own pages only: cross-origin
 * requests are refused before they get here, and no CORS header is ever set on it.
 */
export function createSessionEndpoint(sessions: OwnerSessions) {
  return function handleSession(req: IncomingMessage, res: ServerResponse): void {
    const session = sessions.sessionOf(req);
    if (req.method !== 'GET') sendJson(res, 405, { ok: false, error: { code: 'method_not_allowed', message: 'Use GET.' } }, { Allow: 'GET' });
    else if (!session) sendJson(res, 401, { ok: false, error: { code: 'not_signed_in', message: 'Open the panel with the owner login link first.' } });
    else sendJson(res, 200, { ok: true, result: { csrfToken: session.csrfToken } });
  };
}

/** POST /api/control/<call>: the typed registry over HTTP for the headless web panel. */
export function createControlHttpTransport(options: { registry: ControlRegistry; sessions: OwnerSessions; selfOrigins: ReadonlySet<string> }) {
  const { registry, sessions, selfOrigins } = options;

  return async function handleControl(req: IncomingMessage, res: ServerResponse, name: string): Promise<void> {
    if (req.method !== 'POST') {
      sendJson(res, 405, { ok: false, error: { code: 'method_not_allowed', message: 'Use POST.' } }, { Allow: 'POST' });
      return;
    }
    const session: OwnerSession | undefined = sessions.sessionOf(req);
    if (!session) {
      sendJson(res, 401, { ok: false, error: { code: 'not_signed_in', message: 'Open the panel with the owner login link first.' } });
      return;
    }
    const csrf = req.headers['x-csrf-token'];
    if (!isSameOriginOwnerRequest(req, selfOrigins) || !sessions.csrfMatches(session, typeof csrf === 'string' ? csrf : undefined)) {
      sendJson(res, 403, { ok: false, error: { code: 'forbidden', message: 'Cross-site or unverified request refused.' } });
      return;
    }
    if (!registry.has(name)) {
      sendJson(res, 404, { ok: false, error: { code: 'unknown_call', message: `There is no control call named ${name}.` } });
      return;
    }
    let input: unknown;
    try {
      input = parseJson(await readBody(req, CONTROL_BODY_LIMITS[name] ?? 64 * 1024));
    } catch (err) {
      if (!(err instanceof RequestBodyError)) throw err;
      sendJson(res, err.status, { ok: false, error: { code: 'invalid_input', message: err.message } }, err.status === 413 ? { Connection: 'close' } : {});
      return;
    }
    const result = await registry.call(name, input, { channel: 'web-panel' });
    sendJson(res, result.ok ? 200 : (STATUS_BY_CODE[result.error.code] ?? 409), result);
  };
}
