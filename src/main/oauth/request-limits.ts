import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from '../../shared/clock.ts';
import { sendHtml, sendOAuthError } from '../http/respond.ts';
import { createRateLimiter, type RateLimit } from '../http/rate-limit.ts';
import { LIMITS } from '../limits.ts';
import { renderErrorPage } from './pages.ts';

export interface OAuthRequestLimits {
  registration: RateLimit;
  authorization: RateLimit;
}

/**
 * Floods of the OAuth endpoints, answered before oidc-provider does any work or stores anything: registrations for
 * everyone together, new authorization requests per client. Over the limit, the new request is refused with 429
 * and Retry-After (RFC 6585 §4); nothing that is already waiting is touched.
 */
export function createOAuthRequestLimits(clock: Clock, limits: OAuthRequestLimits = LIMITS) {
  const registrations = createRateLimiter(() => limits.registration, clock);
  const authorizations = createRateLimiter(() => limits.authorization, clock);

  /** True when the request was refused (and answered). */
  return function refuseOverLimit(req: IncomingMessage, res: ServerResponse, path: string): boolean {
    if (path === '/register' && req.method === 'POST') {
      const verdict = registrations.take('all');
      if (verdict.ok) return false;
      sendOAuthError(res, 429, 'temporarily_unavailable', `too many client registrations on this gateway; try again in ${verdict.retryAfterSeconds} s`, { 'Retry-After': String(verdict.retryAfterSeconds) });
      return true;
    }
    if (path === '/authorize' && (req.method === 'GET' || req.method === 'HEAD')) {
      const clientId = new URL(req.url ?? '/', 'http://x').searchParams.get('client_id') ?? '';
      const verdict = authorizations.take(clientId.slice(0, 200));
      if (verdict.ok) return false;
      sendHtml(
        res,
        429,
        renderErrorPage('too_many_requests', `This app asked for access more than ${limits.authorization.burst} times in a short while. Try again in ${verdict.retryAfterSeconds} seconds.`),
        { 'Retry-After': String(verdict.retryAfterSeconds) },
      );
      return true;
    }
    return false;
  };
}
