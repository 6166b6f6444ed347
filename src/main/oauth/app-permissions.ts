import { EDITABLE_SCOPES, gainedScopes } from '../../shared/permission-edit.ts';
import { knownScopes, parseScope, RESOURCE_SERVER_SCOPES, SCOPE_NAMES } from '../../shared/scopes.ts';
import { DomainError } from '../errors.ts';
import type { Storage } from '../storage/index.ts';
import type { GrantRecord } from '../storage/grants-repo.ts';
import type { TokenRecord } from '../storage/tokens-repo.ts';
import { scopesOfGrant } from './grant-scopes.ts';

/** What an edit changed. */
export interface PermissionChange {
  /** Everything the app may do afterwards (catalogue order). */
  scopes: string[];
  added: string[];
  removed: string[];
}

/** Checks the owner's choice: known scopes she may change, or a clear refusal that changes nothing. */
function checkedChoice(wanted: readonly string[]): string[] {
  const unknown = wanted.filter((s) => !SCOPE_NAMES.includes(s));
  if (unknown.length) throw new DomainError('invalid_input', `Not a permission this gateway knows: ${unknown.join(', ')}.`);
  const fixed = wanted.filter((s) => !EDITABLE_SCOPES.includes(s));
  if (fixed.length) throw new DomainError('invalid_input', `These cannot be changed here (they say how the app connects): ${fixed.join(', ')}.`);
  return knownScopes(wanted);
}

/** A token's scope after the change: what was removed goes, what was added comes (for the MCP endpoint only). */
function changedScope(token: TokenRecord, change: PermissionChange, mcpUrl: string): string | undefined {
  const scope = token.payload.scope;
  if (typeof scope !== 'string') return undefined;
  // An access token for another audience (the userinfo token an OpenID sign-in gets) never carries the MCP scopes.
  const audience = token.payload.aud;
  const forMcp = audience === mcpUrl || (Array.isArray(audience) && audience.includes(mcpUrl));
  if (token.kind === 'AccessToken' && !forMcp) return undefined;
  const held = parseScope(scope).filter((s) => !change.removed.includes(s));
  // Known scopes first, in catalogue order; anything else the token carried stays as it was.
  return [...knownScopes([...held, ...change.added]), ...held.filter((s) => !SCOPE_NAMES.includes(s))].join(' ');
}

/** The grant's payload with the MCP resource's scopes replaced, and the newly allowed ones no longer marked rejected. */
function changedGrant(grant: GrantRecord, change: PermissionChange, mcpUrl: string): Record<string, unknown> {
  const resources = { ...((grant.payload.resources ?? {}) as Record<string, string>) };
  const keys = Object.keys(resources).length ? Object.keys(resources) : [mcpUrl];
  const resourceScopes = change.scopes.filter((s) => RESOURCE_SERVER_SCOPES.includes(s)).join(' ');
  for (const key of keys) resources[key] = resourceScopes;
  const payload: Record<string, unknown> = { ...grant.payload, resources };
  const rejected = grant.payload.rejected as { resources?: Record<string, string> } | undefined;
  if (rejected?.resources) {
    const still = Object.fromEntries(Object.entries(rejected.resources).map(([key, value]) => [key, parseScope(value).filter((s) => !change.added.includes(s)).join(' ')]));
    payload.rejected = { ...rejected, resources: still };
  }
  return payload;
}

/**
 * Changes what an app may do without revoking it (docs/product.md#connected-apps, "Edit permissions"). The app's grant
 * and every code and token issued under it change in one transaction: tokens carry their scopes, and the bearer check
 * reads them from storage on every request, so the app's very next call is held to the new set — a removed permission
 * is refused at once, not when its access token runs out. Its refresh tokens change too, so a refresh gets the new set
 * and nothing more (oidc-provider gives a refreshed token the grant's scopes that the refresh token names).
 *
 * Narrowing is the owner's to do at any time. Widening is a consent: the caller must say the owner confirmed what the
 * app could newly do (`confirmedWidening`), as she does in the panel's consent step; it is recorded like any decision.
 */
export function editAppPermissions(
  deps: { storage: Storage; now: () => number; mcpUrl: string },
  input: { clientId: string; scopes: readonly string[]; confirmedWidening?: boolean | undefined },
): PermissionChange {
  const { storage } = deps;
  const chosen = checkedChoice(input.scopes);
  return storage.transaction(() => {
    const grants = storage.grants.liveOfClient(input.clientId, deps.now());
    if (grants.length === 0) throw new DomainError('not_found', 'This app holds no access to change (it was revoked, or its access ended).');
    const held = knownScopes(grants.flatMap((grant) => scopesOfGrant(grant.payload)));
    // What the owner cannot change here stays as it is.
    const kept = held.filter((s) => !EDITABLE_SCOPES.includes(s));
    const scopes = knownScopes([...kept, ...chosen]);
    const change: PermissionChange = { scopes, added: scopes.filter((s) => !held.includes(s)), removed: held.filter((s) => !scopes.includes(s)) };
    // More is what the app could not do before (tiers add up: holding write:x, it could already read x).
    const more = gainedScopes(held, scopes);
    if (more.length && !input.confirmedWidening) {
      throw new DomainError('invalid_input', `This would let the app do more (${more.join(', ')}): the owner must confirm that first.`);
    }
    if (!change.added.length && !change.removed.length) return change;
    for (const grant of grants) {
      storage.grants.save({ ...grant, payload: changedGrant(grant, change, deps.mcpUrl) });
      for (const token of storage.tokens.ofGrant(grant.grantId)) {
        const scope = changedScope(token, change, deps.mcpUrl);
        if (scope !== undefined) storage.tokens.setPayloadByHash(token.hash, { ...token.payload, scope });
      }
    }
    return change;
  });
}
