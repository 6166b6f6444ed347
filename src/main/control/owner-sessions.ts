import { createHash, createPublicKey, randomBytes, verify, type KeyObject } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { z } from 'zod';
import type { PanelSessionView } from '../../shared/control-api.ts';
import { formatContentDigest, PANEL_LIFETIMES, type PanelPublicJwk, parseSignature, parseSignatureInput, signatureBase } from '../../shared/panel-auth.ts';
import { DomainError } from '../errors.ts';
import type { Storage } from '../storage/index.ts';
import type { PanelSession } from '../storage/panel-sessions-repo.ts';
import { randomSecret } from '../storage/secrets.ts';
import { describeBrowser } from './browser-name.ts';

/** The P-256 public key a browser sends when it signs in (RFC 7518 §6.2.1: x and y are 32 bytes, base64url). */
export const panelPublicKey = z
  .object({ kty: z.literal('EC'), crv: z.literal('P-256'), x: z.string().regex(/^[A-Za-z0-9_-]{43}$/), y: z.string().regex(/^[A-Za-z0-9_-]{43}$/) })
  .strict();

/** How far a signature's `created` may lie from the gateway's clock (same machine: only the request's own delay). */
const SIGNATURE_MAX_AGE_SECONDS = 60;
const SIGNATURE_MAX_SKEW_SECONDS = 5;
/** last_used_at is written at most this often per session; idle time is counted in memory in between. */
const TOUCH_RESOLUTION_SECONDS = 60;
/** Nonces kept per session: far more than a panel sends in SIGNATURE_MAX_AGE_SECONDS (about 4 a second). */
const MAX_NONCES_PER_SESSION = 5_000;

export type AuthFailureCode = 'not_signed_in' | 'session_ended' | 'bad_signature' | 'stale_signature' | 'replayed_request';

export type Authentication =
  | { ok: true; session: PanelSession; expectedDigest: string }
  | { ok: false; code: AuthFailureCode; message: string };

function publicKeyOf(jwk: PanelPublicJwk): KeyObject {
  return createPublicKey({ key: { ...jwk }, format: 'jwk' });
}

/** What the CLI prints under a sign-in link. */
export const LOGIN_LINK_NOTE = `Opens the control panel once, within ${PANEL_LIFETIMES.loginLink / 60} minutes; \`studio-gateway panel-link\` prints a new one.`;

/** A new one-time sign-in link for the web panel (docs/product.md#desktop-app: the panel behind an owner sign-in link). */
export function issueLoginLink(storage: Pick<Storage, 'ownerLoginLinks'>, baseUrl: string, at: number): string {
  const key = randomSecret();
  storage.ownerLoginLinks.add(key, at, at + PANEL_LIFETIMES.loginLink);
  // The key rides in the fragment: never sent to any server, never part of a Referer (RFC 9110 §10.1.3).
  return `${baseUrl}/panel/#login=${key}`;
}

const SIGN_IN_AGAIN = 'Run `studio-gateway panel-link` in a terminal for a new sign-in link.';

/**
 * The owner's sign-in to the headless web panel, with no cookie and nothing a browser sends by itself
 * (docs/SECURITY.md, "Credentials shared across loopback ports"):
 * - a login link carries a one-time key in its fragment, which no browser sends to a server or puts in a Referer;
 * - the panel exchanges it once for a session bound to a P-256 key it generated as non-extractable;
 * - every later request is signed with that key (RFC 9421), fresh (`created`) and once only (`nonce`), so a copied
 *   request or session id is useless to another process, and no other origin can produce a signature.
 * Sessions end after PANEL_LIFETIMES.sessionIdle without a request, PANEL_LIFETIMES.sessionMax after sign-in, and
 * when the gateway stops.
 */
export function createOwnerSessions(options: { storage: Storage; now: () => number }) {
  const { storage, now } = options;
  const repo = storage.panelSessions;
  // A new run serves the panel at a new origin (panel-routes.ts): what was signed in before, and links printed for
  // the old one, end now. Nothing signed or captured before this start works after it.
  repo.deleteAll();
  storage.ownerLoginLinks.deleteAll();
  const keys = new Map<string, KeyObject>();
  const nonces = new Map<string, Map<string, number>>();
  const lastUsed = new Map<string, number>();

  const idleSince = (session: PanelSession) => Math.max(session.lastUsedAt, lastUsed.get(session.id) ?? 0);

  function forget(id: string): void {
    keys.delete(id);
    nonces.delete(id);
    lastUsed.delete(id);
  }

  /** The reason a stored session may no longer be used, if any. */
  function endedReason(session: PanelSession, at: number): string | undefined {
    if (session.expiresAt < at) return `This sign-in ended after ${PANEL_LIFETIMES.sessionMax / 3600} hours.`;
    if (idleSince(session) + PANEL_LIFETIMES.sessionIdle < at) return `This sign-in ended after ${PANEL_LIFETIMES.sessionIdle / 60} minutes without use.`;
    return undefined;
  }

  function keyOf(session: PanelSession): KeyObject {
    let key = keys.get(session.id);
    if (!key) {
      key = publicKeyOf(session.publicKey);
      keys.set(session.id, key);
    }
    return key;
  }

  /** Remembers a nonce; false when it was already used within the signature's lifetime. */
  function firstUse(sessionId: string, nonce: string, at: number): boolean {
    let seen = nonces.get(sessionId);
    if (!seen) nonces.set(sessionId, (seen = new Map()));
    if (seen.has(nonce)) return false;
    if (seen.size >= MAX_NONCES_PER_SESSION) {
      for (const [old, expires] of seen) if (expires < at) seen.delete(old);
      if (seen.size >= MAX_NONCES_PER_SESSION) return false;
    }
    seen.set(nonce, at + SIGNATURE_MAX_AGE_SECONDS + SIGNATURE_MAX_SKEW_SECONDS);
    return true;
  }

  function markUsed(session: PanelSession, at: number): void {
    lastUsed.set(session.id, at);
    if (session.lastUsedAt + TOUCH_RESOLUTION_SECONDS <= at) repo.touch(session.id, at);
  }

  return {
    issueLoginLink: (baseUrl: string) => issueLoginLink(storage, baseUrl, now()),

    /** Exchanges a login key for a session bound to the browser's public key. The key works once. */
    signIn(input: { loginKey: string; publicKey: PanelPublicJwk; userAgent: string | undefined }): PanelSession {
      const at = now();
      let key: KeyObject;
      try {
        key = publicKeyOf(input.publicKey);
      } catch {
        throw new DomainError('invalid_input', 'publicKey is not a P-256 public key.');
      }
      if (!storage.ownerLoginLinks.take(input.loginKey, at)) {
        throw new DomainError('login_link_used', `This sign-in link was already used or has expired (links work once, for ${PANEL_LIFETIMES.loginLink / 60} minutes). ${SIGN_IN_AGAIN}`);
      }
      const session: PanelSession = {
        id: randomBytes(24).toString('base64url'),
        publicKey: input.publicKey,
        browser: describeBrowser(input.userAgent),
        createdAt: at,
        lastUsedAt: at,
        expiresAt: at + PANEL_LIFETIMES.sessionMax,
      };
      repo.add(session);
      keys.set(session.id, key);
      return session;
    },

    /**
     * Checks a request's signature headers (before its body is read): a live session, a signature by its key over
     * this method, URL and declared Content-Digest, made within the last minute, with a nonce not seen before.
     * The caller then compares the body's digest with `expectedDigest` (see bodyMatches).
     */
    authenticate(method: string, headers: IncomingHttpHeaders, path: string): Authentication {
      const inputHeader = headers['signature-input'];
      const signatureHeader = headers.signature;
      const digest = headers['content-digest'];
      if (inputHeader === undefined && signatureHeader === undefined) {
        return { ok: false, code: 'not_signed_in', message: `Open the control panel with the owner's sign-in link first. ${SIGN_IN_AGAIN}` };
      }
      const params = parseSignatureInput(typeof inputHeader === 'string' ? inputHeader : undefined);
      const signature = parseSignature(typeof signatureHeader === 'string' ? signatureHeader : undefined);
      if (!params || !signature || typeof digest !== 'string') {
        return { ok: false, code: 'bad_signature', message: 'The request signature is malformed.' };
      }
      const at = now();
      const session = repo.find(params.keyid);
      if (!session) {
        forget(params.keyid);
        return { ok: false, code: 'session_ended', message: `This browser is signed out. ${SIGN_IN_AGAIN}` };
      }
      const ended = endedReason(session, at);
      if (ended) {
        repo.delete(session.id);
        forget(session.id);
        return { ok: false, code: 'session_ended', message: `${ended} ${SIGN_IN_AGAIN}` };
      }
      if (params.created < at - SIGNATURE_MAX_AGE_SECONDS || params.created > at + SIGNATURE_MAX_SKEW_SECONDS) {
        return { ok: false, code: 'stale_signature', message: 'The request signature is too old (or from the future); send it again.' };
      }
      // RFC 9421 §3.2: rebuild the signature base from this request, and verify it with the session's key.
      const targetUri = `http://${headers.host ?? ''}${path}`;
      const base = signatureBase({ method, targetUri, contentDigest: digest }, params.raw);
      const valid = verify('sha256', Buffer.from(base, 'utf8'), { key: keyOf(session), dsaEncoding: 'ieee-p1363' }, Buffer.from(signature, 'base64'));
      if (!valid) return { ok: false, code: 'bad_signature', message: 'The request signature does not verify.' };
      // Only a verified request may spend a nonce, or anyone could burn the panel's next ones.
      if (!firstUse(session.id, params.nonce, at)) return { ok: false, code: 'replayed_request', message: 'This request was already received once; it is not run again.' };
      markUsed(session, at);
      return { ok: true, session, expectedDigest: digest };
    },

    /** Whether a body is the one the signature covered (RFC 9530 Content-Digest, sha-256). */
    bodyMatches(body: Buffer, expectedDigest: string): boolean {
      return formatContentDigest(createHash('sha256').update(body).digest()) === expectedDigest;
    },

    /** Signed-in browsers, most recently used first; `currentId` marks the one asking. */
    list(currentId?: string): PanelSessionView[] {
      const at = now();
      return repo
        .list()
        .filter((session) => !endedReason(session, at))
        .map((session) => ({
          id: session.id,
          browser: session.browser,
          signedInAt: new Date(session.createdAt * 1000).toISOString(),
          lastUsedAt: new Date(idleSince(session) * 1000).toISOString(),
          endsAt: new Date(Math.min(session.expiresAt, idleSince(session) + PANEL_LIFETIMES.sessionIdle) * 1000).toISOString(),
          current: session.id === currentId,
        }));
    },

    signOut(id: string): { signedOut: number } {
      forget(id);
      if (!repo.delete(id)) throw new DomainError('not_found', 'This browser is already signed out.');
      return { signedOut: 1 };
    },

    signOutEverywhere(): { signedOut: number } {
      const count = repo.deleteAll();
      keys.clear();
      nonces.clear();
      lastUsed.clear();
      return { signedOut: count };
    },

    /** Drops ended sessions from the database (housekeeping). */
    prune(): number {
      const at = now();
      let removed = 0;
      for (const session of repo.list()) {
        if (!endedReason(session, at)) continue;
        repo.delete(session.id);
        forget(session.id);
        removed++;
      }
      return removed;
    },
  };
}
export type OwnerSessions = ReturnType<typeof createOwnerSessions>;
