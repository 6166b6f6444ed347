import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AuditStatus } from '../../shared/audit-row.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import { DomainError } from '../errors.ts';
import { sendHtml, sendOAuthError } from '../http/respond.ts';
import type { Logger } from '../log.ts';
import { escapeHtml, page } from '../oauth/pages.ts';
import type { Storage } from '../storage/index.ts';
import type { FeedSecret } from './feed/feed-secret.ts';
import { teachingFeed } from './feed/teaching-feed.ts';
import type { OAuthConnect } from './oauth/oauth-connect.ts';
import type { OAuthProvider } from './oauth/oauth-app.ts';
import { PROVIDER_LABELS } from './provider-error.ts';

/**
 * The two routes providers add: the loopback redirect Google and Zoom send the owner's browser back to, and the
 * teaching-schedule feed calendar apps subscribe to. Both are GET only; neither needs the owner session (the
 * browser at the callback may not be the panel's), so each carries its own secret: the state of a sign-in this
 * gateway started, and the feed token.
 */
export function createProviderRoutes(deps: { oauth: OAuthConnect; feed: FeedSecret; storage: Storage; audit: AuditLog; issuer: string; log: Logger; now: () => number }) {
  async function callback(req: IncomingMessage, res: ServerResponse, provider: OAuthProvider): Promise<void> {
    const started = performance.now();
    const label = PROVIDER_LABELS[provider];
    const record = (status: AuditStatus, reason?: string) =>
      deps.audit.record({ kind: 'control', endpoint: 'connections.callback', actor: 'owner (browser)', args: { provider }, status, reason, httpStatus: status === 'ok' ? 200 : status === 'refused' ? 400 : 500, durationMs: performance.now() - started });
    try {
      const account = await deps.oauth.complete(provider, new URL(req.url ?? '/', deps.issuer));
      record('ok');
      sendHtml(res, 200, page(`${label} connected`, `<h1>${escapeHtml(label)} is connected</h1><p>Connected as <strong>${escapeHtml(account)}</strong>.</p><p class="muted">You can close this tab and go back to Studio Gateway.</p>`));
    } catch (err) {
      if (err instanceof DomainError) {
        record('refused', err.code);
        sendHtml(res, 400, page(`${label} not connected`, `<h1>${escapeHtml(label)} is not connected</h1><p>${escapeHtml(err.message)}</p>`));
        return;
      }
      record('error', 'internal_error');
      deps.log.error(`connecting ${provider} failed`, err);
      sendHtml(res, 500, page(`${label} not connected`, `<h1>${escapeHtml(label)} is not connected</h1><p>Studio Gateway failed to finish; its log has the details. Try again from the Connections page.</p>`));
    }
  }

  function feed(req: IncomingMessage, res: ServerResponse, token: string): void {
    // An unknown or old token looks exactly like a path that never existed.
    if (!deps.feed.matches(token)) return sendOAuthError(res, 404, 'not_found', 'nothing here');
    const body = teachingFeed(deps.storage, deps.now());
    res.writeHead(200, { 'Content-Type': 'text/calendar; charset=utf-8', 'Content-Disposition': 'inline; filename="teaching-schedule.ics"', 'Content-Length': Buffer.byteLength(body) });
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  return { callback, feed };
}
export type ProviderRoutes = ReturnType<typeof createProviderRoutes>;
