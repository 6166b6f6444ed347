import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readCookie, redirect, sendHtml } from '../http/respond.ts';
import { renderErrorPage } from '../oauth/pages.ts';
import { LIFETIMES } from '../oauth/lifetimes.ts';
import type { Storage } from '../storage/index.ts';
import { constantTimeEqual, nowSeconds, randomSecret } from '../storage/secrets.ts';

export interface OwnerSession {
  /** Sent back by the panel in X-CSRF-Token (or the form's csrf field) with every change. */
  csrfToken: string;
}

/**
 * The headless panel's owner login: a one-time link printed at start-up opens a session held in an HttpOnly,
 * SameSite=Strict cookie. A CSRF token derived from the session guards every change on top of the Origin
 * check, so a page elsewhere cannot act as the owner even if the browser sent the cookie.
 */
export function createOwnerSessions(options: { storage: Storage; port: number }) {
  const { storage } = options;
  // Cookies are scoped by host, not port: the port in the name keeps two gateways apart.
  const cookieName = `sg_owner_${options.port}`;
  const csrfFor = (session: string) => createHash('sha256').update(`csrf:${session}`).digest('base64url');

  return {
    /** A fresh one-time login link, valid for a day (PRODUCT §9: the panel behind an owner login link). */
    issueLoginLink(baseUrl: string): string {
      const key = randomSecret();
      const now = nowSeconds();
      storage.ownerSessions.add(key, 'login-link', now, now + LIFETIMES.ownerLoginLink);
      return `${baseUrl}/owner/login?key=${key}`;
    },

    /** GET /owner/login?key=… — consumes the link, opens a session and goes to the panel. */
    handleLogin(req: IncomingMessage, res: ServerResponse): void {
      const key = new URL(req.url ?? '/', 'http://x').searchParams.get('key') ?? '';
      const now = nowSeconds();
      if (!key || !storage.ownerSessions.takeLoginLink(key, now)) {
        sendHtml(res, 403, renderErrorPage('login_link_used', 'This login link was already used or has expired. Run `studio-gateway panel-link` for a new one.'));
        return;
      }
      const session = randomSecret();
      storage.ownerSessions.add(session, 'session', now, now + LIFETIMES.ownerSession);
      redirect(res, '/panel/', { 'Set-Cookie': `${cookieName}=${session}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${LIFETIMES.ownerSession}` });
    },

    /** The owner's session on this request, if it carries a live one. */
    sessionOf(req: IncomingMessage): OwnerSession | undefined {
      const session = readCookie(req, cookieName);
      if (!session || !storage.ownerSessions.isLiveSession(session, nowSeconds())) return undefined;
      return { csrfToken: csrfFor(session) };
    },

    csrfMatches(session: OwnerSession, provided: string | undefined): boolean {
      return typeof provided === 'string' && constantTimeEqual(provided, session.csrfToken);
    },
  };
}
export type OwnerSessions = ReturnType<typeof createOwnerSessions>;
