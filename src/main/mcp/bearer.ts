import type Provider from 'oidc-provider';
import { appName } from '../../shared/app-name.ts';
import type { Storage } from '../storage/index.ts';
import { hashSecret } from '../storage/secrets.ts';
import type { AccessTokenStanding } from '../storage/tokens-repo.ts';
import { scopesOfGrant } from '../oauth/grant-scopes.ts';
import { RESOURCE_SERVER_SCOPES } from '../../shared/scopes.ts';
import { epochSeconds, type Clock } from '../../shared/clock.ts';
import type { Caller } from './tool.ts';

export type BearerVerdict =
  | { ok: true; caller: Caller }
  | { ok: false; code: 'token_missing' | 'token_malformed' | 'token_invalid' | 'insufficient_scope'; description: string };

// RFC 6750 §2.1: credentials = "Bearer" 1*SP b64token.
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*)$/i;
const LAST_USED_RESOLUTION_SECONDS = 60;

/** How many tokens' verdicts are kept (all are dropped when there are more: a new one is only a full check away). */
const KEPT_VERDICTS = 1000;

/** A token checked in full once, and what its check found; valid while the token's stored state is the same. */
interface Checked {
  /** The standing the check was made against (TokensRepo.accessTokenStanding), all but the grant's expiry. */
  standing: string;
  /** TokensRepo.accessChanges() when the standing was last read: while that count stays, so does the standing. */
  changes: number;
  grantExpiresAt: number | null;
  /** oidc-provider's token: its expiry is read again on every request. */
  token: InstanceType<Provider['AccessToken']>;
  caller: Caller;
}

const UNKNOWN = { ok: false, code: 'token_invalid', description: 'the access token is unknown, expired or revoked' } as const;
const REVOKED = { ok: false, code: 'token_invalid', description: 'access for this client was revoked or has expired' } as const;

/**
 * Checks the bearer token of an MCP request: known, unexpired, issued for this MCP endpoint (RFC 8707 audience;
 * no token passthrough), its grant still alive (revocation takes effect on the very next request), and
 * carrying mcp:tools.
 *
 * Every request reads how many times access tokens, grants and clients have changed (one seek: migration 0011's
 * triggers count every change, whichever connection makes it); when the count moved since this token was last
 * checked, the token's row is read again with its grant's and client's (one query by the token's hash): a token, grant
 * or client deleted, a grant expired, a scope the owner changed are all seen by the very next request. What
 * oidc-provider and this check made of an unchanged row is kept (by hash, never the token itself) rather than made
 * again per request: the model, the audience and scope checks, and the caller.
 */
export function createBearerVerifier(options: { provider: Provider; storage: Storage; mcpUrl: string; clock: Clock }) {
  const { provider, storage, mcpUrl } = options;
  const lastTouched = new Map<string, number>();
  const checked = new Map<string, Checked>();

  /** The full check of a token whose standing is new (or changed): what oidc-provider finds, then this endpoint's rules. */
  async function check(value: string, row: AccessTokenStanding, standing: string, changes: number, now: number): Promise<Checked | BearerVerdict> {
    const token = await provider.AccessToken.find(value);
    if (!token || token.isExpired) return UNKNOWN;
    const audience = (token as { aud?: string | string[] }).aud;
    if (audience !== mcpUrl && !(Array.isArray(audience) && audience.length === 1 && audience[0] === mcpUrl)) {
      return { ok: false, code: 'token_invalid', description: `the access token was not issued for ${mcpUrl}` };
    }
    const grantAlive = row.grantExpiresAt !== null && row.grantExpiresAt >= now;
    if (!grantAlive || !row.grantId || !row.clientId || token.grantId !== row.grantId || token.clientId !== row.clientId || row.grantClientId !== row.clientId) {
      return REVOKED;
    }
    // A token never holds more of this endpoint's scopes than its grant does now: one issued while the owner narrowed
    // the app (its request's writes waiting for their group commit) carries the scopes of the grant it was made from.
    const granted = scopesOfGrant(JSON.parse(row.grantPayload ?? '{}') as Record<string, unknown>);
    const scopes = [...token.scopes].filter((s) => !RESOURCE_SERVER_SCOPES.includes(s) || granted.includes(s));
    if (!scopes.includes('mcp:tools')) {
      // RFC 6750 §3.1 and MCP "Scope challenge handling": a valid token lacking a scope is a 403.
      return { ok: false, code: 'insufficient_scope', description: 'missing scope mcp:tools: the owner must grant it before this client can use any tool' };
    }
    const caller: Caller = { clientId: row.clientId, clientName: appName(row.clientName), grantId: row.grantId, scopes, canStepUp: row.origin !== 'setup-snippet' };
    return { standing, changes, grantExpiresAt: row.grantExpiresAt, token, caller };
  }

  return async function verify(authorization: string | undefined): Promise<BearerVerdict> {
    if (!authorization) {
      return { ok: false, code: 'token_missing', description: 'an access token is required (Authorization: Bearer <token>)' };
    }
    const match = BEARER.exec(authorization);
    if (!match) {
      return { ok: false, code: 'token_malformed', description: 'the Authorization header must be "Bearer <token>"' };
    }
    const value = match[1] ?? '';
    const hash = hashSecret(value);
    const key = hash.toString('base64');
    const now = epochSeconds(options.clock);
    const changes = storage.tokens.accessChanges();
    let known = checked.get(key);
    if (known?.changes !== changes) {
      const row = storage.tokens.accessTokenStanding(hash);
      if (!row) return UNKNOWN;
      const { grantExpiresAt, ...rest } = row;
      const standing = JSON.stringify(rest);
      if (known?.standing === standing) {
        known.changes = changes;
        known.grantExpiresAt = grantExpiresAt;
      } else {
        const found = await check(value, row, standing, changes, now);
        if ('ok' in found) return found;
        if (checked.size >= KEPT_VERDICTS) checked.clear();
        checked.set(key, (known = found));
      }
    }
    if (known.token.isExpired) return UNKNOWN;
    if (known.grantExpiresAt === null || known.grantExpiresAt < now) return REVOKED;
    const { caller } = known;
    if ((lastTouched.get(caller.clientId) ?? 0) + LAST_USED_RESOLUTION_SECONDS <= now) {
      lastTouched.set(caller.clientId, now);
      storage.apps.touch(caller.clientId, now);
    }
    return { ok: true, caller };
  };
}
