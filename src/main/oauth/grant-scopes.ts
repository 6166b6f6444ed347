import type Provider from 'oidc-provider';
import type { Adapter } from 'oidc-provider';
import { knownScopes, OIDC_SCOPES, parseScope, RESOURCE_SERVER_SCOPES } from '../../shared/scopes.ts';
import { metadataDocumentDomain } from './client-id-url.ts';

/** Every scope a stored grant payload holds (OIDC scopes and the MCP resource's), in catalogue order. */
export function scopesOfGrant(payload: Record<string, unknown>): string[] {
  const openid = (payload.openid as { scope?: string } | undefined)?.scope;
  const resources = (payload.resources ?? {}) as Record<string, string>;
  return knownScopes([...parseScope(openid), ...Object.values(resources).flatMap(parseScope)]);
}

/**
 * A grant belongs to a stored client (grants.client_id REFERENCES clients), and a client known by its metadata
 * document has no row until now: store one from the document as oidc-provider holds it (fetched again if its cache
 * ran out), for Connected apps, the bearer check and the audit log. A later grant refreshes it. oidc-provider never
 * reads it back (adapter.ts); its Client model's adapter is the gateway's own ClientAdapter.
 */
async function keepMetadataDocumentClient(provider: Provider, clientId: string): Promise<void> {
  const client = await provider.Client.find(clientId);
  if (!client) throw new Error(`the client metadata document ${clientId} could not be resolved`);
  await (provider.Client as unknown as { adapter: Adapter }).adapter.upsert(clientId, { ...client.metadata() });
}

/**
 * Saves a grant for exactly these scopes: OIDC scopes on the grant itself, the rest on the MCP resource.
 * Scopes that were requested but not granted are recorded as rejected, so oidc-provider knows the owner saw
 * them (otherwise it would ask for consent again). Returns the grant's id.
 */
export async function saveGrant(
  provider: Provider,
  options: { accountId: string; clientId: string; resource: string; scopes: readonly string[]; requested?: readonly string[]; expiresIn?: number },
): Promise<string> {
  if (metadataDocumentDomain(options.clientId)) await keepMetadataDocumentClient(provider, options.clientId);
  const grant = new provider.Grant({
    accountId: options.accountId,
    clientId: options.clientId,
    ...(options.expiresIn ? { expiresIn: options.expiresIn } : {}),
  });
  const oidc = options.scopes.filter((s) => OIDC_SCOPES.includes(s));
  const resource = options.scopes.filter((s) => RESOURCE_SERVER_SCOPES.includes(s));
  if (oidc.length) grant.addOIDCScope(oidc.join(' '));
  if (resource.length) grant.addResourceScope(options.resource, resource.join(' '));
  const rejected = (options.requested ?? []).filter((s) => !options.scopes.includes(s));
  const rejectedOidc = rejected.filter((s) => OIDC_SCOPES.includes(s));
  const rejectedResource = rejected.filter((s) => RESOURCE_SERVER_SCOPES.includes(s));
  if (rejectedOidc.length) grant.rejectOIDCScope(rejectedOidc.join(' '));
  if (rejectedResource.length) grant.rejectResourceScope(options.resource, rejectedResource.join(' '));
  return grant.save();
}
