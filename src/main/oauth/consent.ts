import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import { appName } from '../../shared/app-name.ts';
import type { ConsentRequestView } from '../../shared/control-api.ts';
import { knownScopes, parseScope, REQUIRED_SCOPES, scopeInfo } from '../../shared/scopes.ts';
import { DomainError } from '../errors.ts';
import { sendHtml } from '../http/respond.ts';
import type { Logger } from '../log.ts';
import type { Services } from '../services.ts';
import { REPLACED_BY_NEWER, type ConsentRequest } from '../storage/consent-requests-repo.ts';
import { revokeGrant } from './adapter.ts';
import { metadataDocumentDomain } from './client-id-url.ts';
import { saveGrant, scopesOfGrant } from './grant-scopes.ts';
import { LIMITS } from '../limits.ts';
import { LIFETIMES } from './lifetimes.ts';
import { renderErrorPage } from './pages.ts';
import { renderWaitingPage, sendWaitingScript, sendWaitingStatus, statusRequestUid, WAITING_SCRIPT_PATH } from './waiting-page.ts';

const iso = (seconds: number) => new Date(seconds * 1000).toISOString();

function hostOf(uri: string): string {
  const url = URL.parse(uri);
  if (!url) return uri;
  return url.host || `${url.protocol}//`;
}

/**
 * A request the owner left unanswered until it expired. The app is told access_denied (RFC 6749 §4.1.2.1 has no code
 * of its own for it); the log records this code, so that the owner reads "Timed out", not "Denied by you".
 */
export const CONSENT_TIMED_OUT = { code: 'consent_timeout', description: 'the owner did not decide in time' } as const;

/** A loopback http redirect, or an app's own scheme (RFC 8252 §7.1, §7.3): the code goes to a program on this computer. */
export function answersOnThisComputer(uri: string): boolean {
  const url = URL.parse(uri);
  if (!url) return true;
  return (url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) || !['http:', 'https:'].includes(url.protocol);
}

export function toView(request: ConsentRequest): Omit<ConsentRequestView, 'alreadyGranted'> {
  return {
    id: request.id,
    clientId: request.clientId,
    clientName: appName(request.clientName),
    // A client_id that is a document URL was resolved by fetching it over verified https: its domain vouches for it.
    verified: metadataDocumentDomain(request.clientId) !== undefined,
    verifiedDomain: metadataDocumentDomain(request.clientId) ?? null,
    answersOnThisComputer: answersOnThisComputer(request.redirectUri),
    website: request.clientUri,
    redirectHost: hostOf(request.redirectUri),
    requestedScopes: request.requestedScopes.map((name) => ({
      name,
      meaning: scopeInfo(name)?.meaning ?? name,
      required: REQUIRED_SCOPES.includes(name),
    })),
    ignoredScopes: request.ignoredScopes,
    createdAt: iso(request.createdAt),
    expiresAt: iso(request.expiresAt),
  };
}

export type ConsentDecision =
  | { requestId: string; decision: 'approve'; scopes: string[]; expiresInSeconds?: number | undefined }
  | { requestId: string; decision: 'deny' };

/**
 * Consent by a person, in the control panel (docs/product.md#connecting-an-agent). The browser's authorization request becomes a
 * consent request and waits; only a control-panel call (the owner's desktop window, or the web panel behind
 * the owner's session) can decide it; then the waiting browser tab completes the redirect.
 */
export function createConsent(options: { provider: Provider; services: Services; mcpUrl: string; log: Logger }) {
  const { provider, services, mcpUrl, log } = options;
  const { storage } = services;
  const events = new EventEmitter<{ requested: [ConsentRequestView] }>();

  /** The scopes the client's live grants hold now. */
  const heldScopes = (clientId: string): string[] => knownScopes(storage.grants.liveOfClient(clientId, services.now()).flatMap((grant) => scopesOfGrant(grant.payload)));

  /** The request as the panel shows it, with what the app may already do. */
  const viewOf = (request: ConsentRequest): ConsentRequestView => ({
    ...toView(request),
    alreadyGranted: heldScopes(request.clientId).map((name) => ({ name, meaning: scopeInfo(name)?.meaning ?? name })),
  });

  /**
   * A new consent request for this authorization, or why there is none: an unknown client, or too many apps waiting
   * for the owner. One request per app waits at a time: a newer one replaces it (the older tab is then answered
   * access_denied), so no app can fill the owner's queue or open her dialog again and again.
   */
  async function openRequest(uid: string, params: Record<string, unknown>): Promise<ConsentRequest | 'unknown_client' | 'too_many_waiting'> {
    const client = await provider.Client.find(String(params.client_id));
    if (!client) return 'unknown_client';
    const now = services.now();
    storage.consentRequests.replacePendingForClient(client.clientId, now);
    if (storage.consentRequests.pending(now).length >= LIMITS.pendingConsentTotal) return 'too_many_waiting';
    const asked = parseScope(typeof params.scope === 'string' ? params.scope : '');
    const known = knownScopes(asked);
    const request: Omit<ConsentRequest, 'status' | 'grantedScopes' | 'grantTtlSeconds' | 'decidedAt' | 'decidedBy'> = {
      id: randomUUID(),
      clientId: client.clientId,
      clientName: client.clientName ?? null,
      clientUri: client.clientUri ?? null,
      redirectUri: String(params.redirect_uri),
      resource: typeof params.resource === 'string' ? params.resource : mcpUrl,
      // docs/product.md#scopes: a request that names no (known) scope gets openid only.
      requestedScopes: known.length ? known : ['openid'],
      ignoredScopes: asked.filter((s) => !known.includes(s)),
      createdAt: now,
      expiresAt: now + LIFETIMES.interaction,
    };
    storage.consentRequests.create(request, uid);
    const created = storage.consentRequests.findByInteraction(uid);
    if (!created) return 'unknown_client';
    log.info(`consent requested by ${created.clientName ?? created.clientId}: ${created.requestedScopes.join(' ')}`);
    events.emit('requested', viewOf(created));
    return created;
  }

  /**
   * Whether this browser's authorization `uid` still waits for the owner. Another browser (no interaction cookie, or
   * another authorization's) learns nothing: it is told "not waiting", and the page it reloads says why.
   */
  async function stillWaiting(req: IncomingMessage, res: ServerResponse, uid: string): Promise<boolean> {
    const details = await provider.interactionDetails(req, res).catch(() => undefined);
    if (details?.uid !== uid) return false;
    const request = storage.consentRequests.findByInteraction(uid);
    return request?.status === 'pending' && request.expiresAt >= services.now();
  }

  /**
   * /interaction/… — the browser's side: GET /interaction/:uid waits (the waiting page, whose script asks
   * /interaction/:uid/status), then finishes with the owner's decision.
   */
  async function handleInteraction(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = URL.parse(req.url ?? '/', 'http://x')?.pathname ?? '/';
    if (path === WAITING_SCRIPT_PATH) return sendWaitingScript(req, res);
    const statusOf = statusRequestUid(path);
    if (statusOf !== undefined) return sendWaitingStatus(req, res, () => stillWaiting(req, res, statusOf));
    let details;
    try {
      details = await provider.interactionDetails(req, res);
    } catch {
      sendHtml(res, 400, renderErrorPage('interaction_expired', 'This authorization request has expired or belongs to another browser.'));
      return;
    }
    const request = storage.consentRequests.findByInteraction(details.uid) ?? (await openRequest(details.uid, details.params));
    if (request === 'unknown_client') {
      sendHtml(res, 400, renderErrorPage('invalid_client', 'The app that sent you here is not registered.'));
      return;
    }
    if (request === 'too_many_waiting') {
      // RFC 6749 §4.1.2.1: the app is told to come back later; the requests already waiting stay as they are.
      const description = `${LIMITS.pendingConsentTotal} apps are already waiting for the owner's approval; ask again once she has answered them`;
      await provider.interactionFinished(req, res, { error: 'temporarily_unavailable', error_description: description }, { mergeWithLastSubmission: false });
      return;
    }

    if (request.status === 'pending') {
      if (request.expiresAt < services.now()) {
        await provider.interactionFinished(req, res, { error: 'access_denied', error_description: CONSENT_TIMED_OUT.description }, { mergeWithLastSubmission: false });
        return;
      }
      const view = toView(request);
      sendHtml(res, 200, renderWaitingPage({ clientName: view.clientName, verifiedDomain: view.verifiedDomain, answersOnThisComputer: view.answersOnThisComputer, redirectHost: view.redirectHost, scopes: view.requestedScopes }));
      return;
    }
    if (request.status === 'denied') {
      const description = request.decidedBy === REPLACED_BY_NEWER ? 'the app asked again; this earlier request was replaced by the newer one' : 'the owner denied this request';
      await provider.interactionFinished(req, res, { error: 'access_denied', error_description: description }, { mergeWithLastSubmission: false });
      return;
    }
    // Approved: exactly one grant per approval, even if the tab reloads.
    if (request.status !== 'approved' || !storage.consentRequests.complete(request.id)) {
      sendHtml(res, 409, renderErrorPage('already_completed', 'This authorization request was already completed.'));
      return;
    }
    const owner = services.owner.get();
    const grantId = await saveGrant(provider, {
      accountId: owner.id,
      clientId: request.clientId,
      resource: request.resource,
      scopes: request.grantedScopes ?? [],
      requested: request.requestedScopes,
      ...(request.grantTtlSeconds ? { expiresIn: request.grantTtlSeconds } : {}),
    });
    // One grant per app: the new one holds what the older ones did (decide() added it), so they go, with their
    // tokens — the app is about to trade this approval's code for new ones.
    for (const older of storage.grants.liveOfClient(request.clientId, services.now())) {
      if (older.grantId !== grantId) revokeGrant(storage, older.grantId);
    }
    storage.apps.markRevoked(request.clientId, null);
    await provider.interactionFinished(req, res, { login: { accountId: owner.id }, consent: { grantId } }, { mergeWithLastSubmission: false });
  }

  /** The owner's decision, from the control panel only. */
  function decide(input: ConsentDecision, decidedBy: string): { status: 'approved' | 'denied'; grantedScopes: string[]; clientId: string; clientName: string } {
    const request = storage.consentRequests.find(input.requestId);
    if (!request) throw new DomainError('not_found', 'There is no such consent request.');
    if (request.status !== 'pending') throw new DomainError('already_decided', `This request was already ${request.status}.`);
    if (request.expiresAt < services.now()) throw new DomainError('expired', 'This request has expired; the app must ask again.');

    let granted: string[] = [];
    if (input.decision === 'approve') {
      const selected = input.scopes;
      const notRequested = selected.filter((s) => !request.requestedScopes.includes(s));
      if (notRequested.length) {
        throw new DomainError('scope_not_requested', `Only requested scopes can be granted; not requested: ${notRequested.join(', ')}.`);
      }
      // Required scopes are locked on: the consent view cannot uncheck them. An app asking for more (MCP "Step-up
      // authorization") keeps what it holds: the approval widens the same app (one grant replaces its older ones).
      const required = request.requestedScopes.filter((s) => REQUIRED_SCOPES.includes(s));
      granted = knownScopes([...selected, ...required, ...heldScopes(request.clientId)]);
    }
    const status = input.decision === 'approve' ? 'approved' : 'denied';
    const decided = storage.consentRequests.decide(request.id, {
      status,
      grantedScopes: status === 'approved' ? granted : null,
      grantTtlSeconds: input.decision === 'approve' ? (input.expiresInSeconds ?? null) : null,
      decidedAt: services.now(),
      decidedBy,
    });
    if (!decided) throw new DomainError('already_decided', 'This request was decided a moment ago.');
    log.info(`consent ${status} for ${request.clientName ?? request.clientId} by ${decidedBy}`);
    return { status, grantedScopes: granted, clientId: request.clientId, clientName: appName(request.clientName) };
  }

  return {
    handleInteraction,
    decide,
    pending: (): ConsentRequestView[] => storage.consentRequests.pending(services.now()).map(viewOf),
    onRequested(listener: (request: ConsentRequestView) => void): () => void {
      events.on('requested', listener);
      return () => events.off('requested', listener);
    },
  };
}
export type Consent = ReturnType<typeof createConsent>;
