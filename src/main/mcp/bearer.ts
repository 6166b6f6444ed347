import type Provider from 'oidc-provider';
import type { Storage } from '../storage/index.ts';
import { nowSeconds } from '../storage/secrets.ts';
import type { Caller } from './tool.ts';

export type BearerVerdict =
  | { ok: true; caller: Caller }
  | { ok: false; status: 400 | 401 | 403; error: 'invalid_request' | 'invalid_token' | 'insufficient_scope'; description: string };

// RFC 6750 §2.1: credentials = "Bearer" 1*SP b64token.
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*)$/i;
const LAST_USED_RESOLUTION_SECONDS = 60;

/**
 * Checks the bearer token of an MCP request: known, unexpired, issued for this MCP endpoint (RFC 8707 audience;
 * no token passthrough), its grant still alive (revocation takes effect on the very next request), and
 * carrying mcp:tools.
 */
export function createBearerVerifier(options: { provider: Provider; storage: Storage; mcpUrl: string }) {
  const { provider, storage, mcpUrl } = options;
  const lastTouched = new Map<string, number>();

  return async function verify(authorization: string | undefined): Promise<BearerVerdict> {
    if (!authorization) {
      return { ok: false, status: 401, error: 'invalid_request', description: 'an access token is required (Authorization: Bearer <token>)' };
    }
    const match = BEARER.exec(authorization);
    if (!match) {
      return { ok: false, status: 400, error: 'invalid_request', description: 'the Authorization header must be "Bearer <token>"' };
    }
    const token = await provider.AccessToken.find(match[1] ?? '');
    if (!token || token.isExpired) {
      return { ok: false, status: 401, error: 'invalid_token', description: 'the access token is unknown, expired or revoked' };
    }
    const audience = (token as { aud?: string | string[] }).aud;
    if (audience !== mcpUrl && !(Array.isArray(audience) && audience.length === 1 && audience[0] === mcpUrl)) {
      return { ok: false, status: 401, error: 'invalid_token', description: `the access token was not issued for ${mcpUrl}` };
    }
    const now = nowSeconds();
    const grant = token.grantId ? storage.grants.find(token.grantId) : undefined;
    const client = token.clientId ? storage.clients.find(token.clientId) : undefined;
    if (!grant || grant.expiresAt < now || !client || grant.clientId !== client.clientId) {
      return { ok: false, status: 401, error: 'invalid_token', description: 'access for this client was revoked or has expired' };
    }
    const scopes = [...token.scopes];
    if (!scopes.includes('mcp:tools')) {
      // RFC 6750 §3.1 and MCP "Scope challenge handling": a valid token lacking a scope is a 403.
      return { ok: false, status: 403, error: 'insufficient_scope', description: 'missing scope mcp:tools: the owner must grant it before this client can use any tool' };
    }
    if ((lastTouched.get(client.clientId) ?? 0) + LAST_USED_RESOLUTION_SECONDS <= now) {
      lastTouched.set(client.clientId, now);
      storage.clients.touch(client.clientId, now);
    }
    return {
      ok: true,
      caller: { clientId: client.clientId, clientName: client.clientName ?? client.clientId, grantId: grant.grantId, scopes, canStepUp: client.origin !== 'setup-snippet' },
    };
  };
}
