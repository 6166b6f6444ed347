import type Provider from 'oidc-provider';
import type { Storage } from '../storage/index.ts';
import { epochSeconds, type Clock } from '../../shared/clock.ts';
import type { Caller } from './tool.ts';

export type BearerVerdict =
  | { ok: true; caller: Caller }
  | { ok: false; code: 'token_missing' | 'token_malformed' | 'token_invalid' | 'insufficient_scope'; description: string };

// RFC 6750 §2.1: credentials = "Bearer" 1*SP b64token.
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*)$/i;
const LAST_USED_RESOLUTION_SECONDS = 60;

/**
 * Checks the bearer token of an MCP request: known, unexpired, issued for this MCP endpoint (RFC 8707 audience;
 * no token passthrough), its grant still alive (revocation takes effect on the very next request), and
 * carrying mcp:tools.
 */
export function createBearerVerifier(options: { provider: Provider; storage: Storage; mcpUrl: string; clock: Clock }) {
  const { provider, storage, mcpUrl } = options;
  const lastTouched = new Map<string, number>();

  return async function verify(authorization: string | undefined): Promise<BearerVerdict> {
    if (!authorization) {
      return { ok: false, code: 'token_missing', description: 'an access token is required (Authorization: Bearer <token>)' };
    }
    const match = BEARER.exec(authorization);
    if (!match) {
      return { ok: false, code: 'token_malformed', description: 'the Authorization header must be "Bearer <token>"' };
    }
    const token = await provider.AccessToken.find(match[1] ?? '');
    if (!token || token.isExpired) {
      return { ok: false, code: 'token_invalid', description: 'the access token is unknown, expired or revoked' };
    }
    const audience = (token as { aud?: string | string[] }).aud;
    if (audience !== mcpUrl && !(Array.isArray(audience) && audience.length === 1 && audience[0] === mcpUrl)) {
      return { ok: false, code: 'token_invalid', description: `the access token was not issued for ${mcpUrl}` };
    }
    const now = epochSeconds(options.clock);
    const grant = token.grantId ? storage.grants.find(token.grantId) : undefined;
    const client = token.clientId ? storage.apps.find(token.clientId) : undefined;
    if (!grant || grant.expiresAt < now || !client || grant.clientId !== client.clientId) {
      return { ok: false, code: 'token_invalid', description: 'access for this client was revoked or has expired' };
    }
    const scopes = [...token.scopes];
    if (!scopes.includes('mcp:tools')) {
      // RFC 6750 §3.1 and MCP "Scope challenge handling": a valid token lacking a scope is a 403.
      return { ok: false, code: 'insufficient_scope', description: 'missing scope mcp:tools: the owner must grant it before this client can use any tool' };
    }
    if ((lastTouched.get(client.clientId) ?? 0) + LAST_USED_RESOLUTION_SECONDS <= now) {
      lastTouched.set(client.clientId, now);
      storage.apps.touch(client.clientId, now);
    }
    return {
      ok: true,
      caller: { clientId: client.clientId, clientName: client.clientName ?? client.clientId, grantId: grant.grantId, scopes, canStepUp: client.origin !== 'setup-snippet' },
    };
  };
}
