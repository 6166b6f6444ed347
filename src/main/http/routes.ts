import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Logger } from '../log.ts';
import { honourOfflineAccess } from '../oauth/offline-access.ts';
import { guardedListener } from './guarded-listener.ts';
import { createRequestGuard, type OriginKind } from './origin.ts';
import { redirect, sendJson, sendOAuthError } from './respond.ts';

type Handler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface RouteHandlers {
  port: number;
  mcp: Handler;
  /** GET: RFC 9728 protected resource metadata. */
  resourceMetadata: () => unknown;
  /** node-oidc-provider's request handler (authorize, token, register, revoke, userinfo, jwks, discovery). */
  oauth: Handler;
  /** Refuses (and answers) an OAuth request over its rate limit before oidc-provider sees it. */
  refuseOverLimit: (req: IncomingMessage, res: ServerResponse, path: string) => boolean;
  interaction: Handler;
  /** Where the control panel is served this run (its own listener: see control/panel-routes.ts). */
  panelOrigin: string;
  /** GET: where Google or Zoom send the owner's browser back after sign-in. */
  providerCallback: (req: IncomingMessage, res: ServerResponse, provider: 'google' | 'zoom') => Promise<void>;
  /** GET: the teaching-schedule feed at its secret URL. */
  feed: (req: IncomingMessage, res: ServerResponse, token: string) => void;
  log: Logger;
}

/**
 * Paths node-oidc-provider answers, with the methods each takes; everything else it never sees. Another method gets
 * a 405 in the RFC 6749 §5.2 error format here (oidc-provider would answer a plain-text 404).
 */
const OAUTH_METHODS = new Map<string, readonly string[]>([
  ['/authorize', ['GET']], // OAuth 2.1 §4.1.1: GET must be supported, POST may be; only GET is
  ['/token', ['POST']],
  ['/register', ['POST']],
  ['/revoke', ['POST']],
  ['/userinfo', ['GET', 'POST']],
  ['/jwks', ['GET']],
  ['/.well-known/openid-configuration', ['GET']],
  ['/.well-known/oauth-authorization-server', ['GET']],
]);
const OAUTH_PATHS = new Set(OAUTH_METHODS.keys());
const OAUTH_PREFIXES = ['/authorize/'];
/** Routes a browser-based client on another loopback origin may call (CORS). */
const CORS_PATHS = new Set(['/token', '/register', '/revoke', '/userinfo', '/jwks', '/.well-known/openid-configuration', '/.well-known/oauth-authorization-server']);
const RESOURCE_METADATA_PATHS = new Set(['/.well-known/oauth-protected-resource', '/.well-known/oauth-protected-resource/mcp']);
const PROVIDER_CALLBACK = /^\/connections\/(google|zoom)\/callback$/;
const FEED = /^\/feed\/([A-Za-z0-9_-]{20,100})\.ics$/;

function isOAuthPath(path: string): boolean {
  return OAUTH_PATHS.has(path) || OAUTH_PREFIXES.some((prefix) => path.startsWith(prefix));
}

function allowsCors(path: string): boolean {
  return CORS_PATHS.has(path) || RESOURCE_METADATA_PATHS.has(path);
}

/** Answers a CORS preflight from a loopback origin, for routes oidc-provider does not cover itself. */
function preflight(req: IncomingMessage, res: ServerResponse, methods: string): void {
  res.writeHead(204, {
    'Access-Control-Allow-Origin': String(req.headers.origin),
    'Access-Control-Allow-Methods': methods,
    'Access-Control-Allow-Headers': 'Content-Type, Authorization, MCP-Protocol-Version',
    'Access-Control-Max-Age': '600',
    Vary: 'Origin',
  });
  res.end();
}

/**
 * The gateway's listener on its stable port (the MCP URL agents are configured with): OAuth, MCP, provider callbacks
 * and the calendar feed. The control panel has a listener of its own.
 */
export function createRoutes(handlers: RouteHandlers): RequestListener {
  const guard = createRequestGuard(handlers.port);

  async function dispatch(req: IncomingMessage, res: ServerResponse, path: string, origin: OriginKind): Promise<void> {
    if (origin === 'loopback' && !allowsCors(path)) {
      sendOAuthError(res, 403, 'forbidden', 'cross-origin requests are only accepted on discovery, registration and token endpoints');
      return;
    }
    if (origin === 'loopback') res.setHeader('Vary', 'Origin');

    if (path === '/mcp') return handlers.mcp(req, res);
    if (RESOURCE_METADATA_PATHS.has(path)) {
      if (req.method === 'OPTIONS') return preflight(req, res, 'GET');
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        sendOAuthError(res, 405, 'invalid_request', 'use GET', { Allow: 'GET, HEAD' });
        return;
      }
      const cors: Record<string, string> = origin === 'loopback' ? { 'Access-Control-Allow-Origin': String(req.headers.origin) } : {};
      sendJson(res, 200, handlers.resourceMetadata(), cors);
      return;
    }
    if (isOAuthPath(path)) {
      const methods = OAUTH_METHODS.get(path) ?? ['GET'];
      const method = req.method === 'HEAD' ? 'GET' : (req.method ?? '');
      // OPTIONS only as a CORS preflight from a loopback page (the guard has checked that Origin).
      if (!methods.includes(method) && !(req.method === 'OPTIONS' && origin === 'loopback' && allowsCors(path))) {
        sendOAuthError(res, 405, 'invalid_request', `use ${methods.join(' or ')}`, { Allow: methods.join(', ') });
        return;
      }
      // oidc-provider gives registration no CORS of its own; browser-based clients need it (MCP "Dynamic
      // Client Registration").
      if (path === '/register' && origin === 'loopback') {
        if (req.method === 'OPTIONS') return preflight(req, res, 'POST');
        res.setHeader('Access-Control-Allow-Origin', String(req.headers.origin));
      }
      if (handlers.refuseOverLimit(req, res, path)) return;
      // Every client here is public (token_endpoint_auth_method none): no Authorization header authenticates one at
      // /token or /revoke. A bridge that sends its fixed Bearer header on every request (mcp-remote with a setup
      // snippet) would otherwise be refused as "invalid authorization header" and hang its tool call.
      if ((path === '/token' || path === '/revoke') && /^bearer /i.test(req.headers.authorization ?? '')) delete req.headers.authorization;
      if (path === '/authorize') honourOfflineAccess(req);
      return handlers.oauth(req, res);
    }
    if (path.startsWith('/interaction/')) return handlers.interaction(req, res);
    // A bookmark of the panel on this port: it moved to this run's panel origin (nothing secret in the address).
    if (path === '/' || path === '/panel' || path.startsWith('/panel/')) return redirect(res, `${handlers.panelOrigin}/panel/`);
    const callback = PROVIDER_CALLBACK.exec(path);
    const feed = FEED.exec(path);
    if ((callback || feed) && req.method !== 'GET' && req.method !== 'HEAD') {
      sendOAuthError(res, 405, 'invalid_request', 'use GET', { Allow: 'GET, HEAD' });
      return;
    }
    if (callback) return handlers.providerCallback(req, res, callback[1] as 'google' | 'zoom');
    if (feed) return handlers.feed(req, res, feed[1] ?? '');
    sendOAuthError(res, 404, 'not_found', `nothing at ${path}`);
  }

  return guardedListener({ guard, log: handlers.log, keepsNothingInBrowser: true, dispatch });
}
