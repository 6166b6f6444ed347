import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { AuditLog } from '../audit/audit-log.ts';
import { DomainError, httpStatus, type ErrorCode } from '../errors.ts';
import { parseJson, readBody, RequestBodyError, sendJson } from '../http/respond.ts';
import { panelPublicKey, type Authentication, type OwnerSessions } from './owner-sessions.ts';
import type { ControlRegistry } from './registry.ts';

/**
 * Owner requests come from the panel's own page: same origin (Origin header, and Sec-Fetch-Site where the browser
 * sends it). The signature is what proves the owner; this keeps every other page out before any work is done.
 */
export function isSameOriginOwnerRequest(req: IncomingMessage, selfOrigins: ReadonlySet<string>): boolean {
  const origin = req.headers.origin;
  const site = req.headers['sec-fetch-site'];
  if (typeof origin !== 'string' || !selfOrigins.has(origin)) return false;
  return site === undefined || site === 'same-origin';
}

/** A refusal of the panel's API, with the status errors.ts gives its code. */
export function refuse(res: ServerResponse, code: ErrorCode, message: string, headers: Record<string, string> = {}): void {
  sendJson(res, httpStatus(code), { ok: false, error: { code, message } }, headers);
}

/** A body that could not be read (too large: 413) or parsed: its status is the HTTP reader's. */
function refuseBody(res: ServerResponse, err: RequestBodyError): void {
  // The rest of an oversized body is never read: close the connection instead of draining it.
  sendJson(res, err.status, { ok: false, error: { code: 'invalid_input', message: err.message } }, err.status === 413 ? { Connection: 'close' } : {});
}

/** Checks the owner's signature on a request; answers 401 and returns undefined when it does not hold. */
export function authenticateOwner(req: IncomingMessage, res: ServerResponse, sessions: OwnerSessions): Extract<Authentication, { ok: true }> | undefined {
  const auth = sessions.authenticate(req.method ?? '', req.headers, req.url ?? '/');
  if (auth.ok) return auth;
  refuse(res, auth.code, auth.message);
  return undefined;
}

const signInBody = z.object({ loginKey: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'must be the key from the sign-in link'), publicKey: panelPublicKey }).strict();

/**
 * POST /api/session: the panel page trades the one-time key from its link's fragment, with the public half of a
 * key pair it just made, for a session. The answer carries no secret: the session id only names the key.
 */
export function createSessionRoute(options: { sessions: OwnerSessions; selfOrigins: ReadonlySet<string>; audit: AuditLog }) {
  const { sessions, selfOrigins, audit } = options;
  return async function handleSession(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    if (req.method !== 'POST') return refuse(res, 'method_not_allowed', 'Use POST.', { Allow: 'POST' });
    if (!isSameOriginOwnerRequest(req, selfOrigins)) return refuse(res, 'forbidden', 'Sign in from the control panel page itself.');
    let input: z.infer<typeof signInBody>;
    try {
      const parsed = signInBody.safeParse(parseJson(await readBody(req, 4096)));
      if (!parsed.success) return refuse(res, 'invalid_input', parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
      input = parsed.data;
    } catch (err) {
      if (!(err instanceof RequestBodyError)) throw err;
      return refuseBody(res, err);
    }
    try {
      const session = sessions.signIn({ loginKey: input.loginKey, publicKey: input.publicKey, userAgent: req.headers['user-agent'] });
      audit.record({ kind: 'control', endpoint: 'panel.signIn', actor: 'owner (web-panel)', args: { browser: session.browser }, status: 'ok', durationMs: performance.now() - started });
      sendJson(res, 201, { ok: true, result: { sessionId: session.id, browser: session.browser } });
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      audit.record({ kind: 'control', endpoint: 'panel.signIn', status: 'refused', reason: err.code, durationMs: performance.now() - started });
      refuse(res, err.code, err.message);
    }
  };
}

/** POST /api/control/<call>: the typed registry over HTTP for the headless web panel, each request signed. */
export function createControlHttpTransport(options: { registry: ControlRegistry; sessions: OwnerSessions; selfOrigins: ReadonlySet<string> }) {
  const { registry, sessions, selfOrigins } = options;

  return async function handleControl(req: IncomingMessage, res: ServerResponse, name: string): Promise<void> {
    if (req.method !== 'POST') return refuse(res, 'method_not_allowed', 'Use POST.', { Allow: 'POST' });
    if (!isSameOriginOwnerRequest(req, selfOrigins)) return refuse(res, 'forbidden', 'Only the control panel page may make this request.');
    const auth = authenticateOwner(req, res, sessions);
    if (!auth) return;
    if (!registry.has(name)) return refuse(res, 'unknown_call', `There is no control call named ${name}.`);
    let body: Buffer;
    try {
      body = await readBody(req, registry.bodyLimit(name));
    } catch (err) {
      if (!(err instanceof RequestBodyError)) throw err;
      return refuseBody(res, err);
    }
    // The signature covered the declared digest; this body must be the one it describes (RFC 9530 §2).
    if (!sessions.bodyMatches(body, auth.expectedDigest)) return refuse(res, 'bad_signature', 'The body is not the one the request signature covers.');
    let input: unknown;
    try {
      input = parseJson(body);
    } catch (err) {
      if (!(err instanceof RequestBodyError)) throw err;
      return refuseBody(res, err);
    }
    const result = await registry.call(name, input, { channel: 'web-panel', sessionId: auth.session.id });
    sendJson(res, result.ok ? 200 : httpStatus(result.error.code), result);
  };
}
