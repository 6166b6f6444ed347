import type Provider from 'oidc-provider';
import type { MintedToken } from '../../shared/control-api.ts';
import type { MintInput } from '../control/calls/tokens.ts';
import { bundle, type BundleId, knownScopes, RESOURCE_SERVER_SCOPES } from '../../shared/scopes.ts';
import { DomainError } from '../errors.ts';
import type { Services } from '../services.ts';
import { randomSecret } from '../storage/secrets.ts';
import { saveGrant } from './grant-scopes.ts';

const DAY = 24 * 60 * 60;

/**
 * Setup-snippet tokens (docs/product.md#connecting-an-agent, verxion style): the owner picks a bundle and an expiry and gets an
 * access token for exactly that bundle, under a client of its own that Connected apps lists and Revoke ends.
 * There is no refresh token: when it expires the owner makes a new snippet.
 */
export function createSetupTokens(options: { provider: Provider; services: Services; mcpUrl: string }) {
  const { provider, services, mcpUrl } = options;
  const { storage } = services;

  function uniqueName(wanted: string): string {
    if (!storage.apps.isNameTaken(wanted)) return wanted;
    for (let n = 2; ; n++) {
      const candidate = `${wanted} (${n})`;
      if (!storage.apps.isNameTaken(candidate)) return candidate;
    }
  }

  async function mint(input: MintInput): Promise<MintedToken> {
    const chosen = input.bundle === 'custom' ? (input.scopes ?? []) : bundle(input.bundle as BundleId).scopes;
    if (input.bundle !== 'custom' && input.scopes) {
      throw new DomainError('invalid_input', 'scopes can only be chosen with the custom bundle.');
    }
    // A token only ever reaches the MCP endpoint: OIDC scopes (offline_access, openid…) mean nothing on it.
    const scopes = knownScopes([...chosen, 'mcp:tools']).filter((s) => RESOURCE_SERVER_SCOPES.includes(s));
    const expiresIn = input.expiresInDays * DAY;
    const clientId = `setup-${randomSecret(12)}`;
    const clientName = uniqueName(input.clientName);
    const owner = services.owner.get();

    storage.apps.save({
      clientId,
      clientName,
      origin: 'setup-snippet',
      metadata: { client_name: clientName, bundle: input.bundle },
      createdAt: services.now(),
    });
    const grantId = await saveGrant(provider, { accountId: owner.id, clientId, resource: mcpUrl, scopes, expiresIn });
    // A setup-snippet client is no OAuth client (it never uses an OAuth endpoint), so the token names its
    // clientId directly instead of a Client instance; the payload is the same as for any access token.
    const payload = { accountId: owner.id, clientId, grantId, gty: 'setup_snippet', scope: scopes.join(' '), aud: mcpUrl, expiresIn };
    const accessToken = new provider.AccessToken(payload as unknown as ConstructorParameters<typeof provider.AccessToken>[0]);
    const token = await accessToken.save();
    return { clientId, clientName, mcpUrl, token, scopes, expiresAt: new Date((services.now() + expiresIn) * 1000).toISOString() };
  }

  return { mint };
}
export type SetupTokens = ReturnType<typeof createSetupTokens>;
