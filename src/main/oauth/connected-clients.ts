import type { ConnectedClient } from '../../shared/control-api.ts';
import { knownScopes } from '../../shared/scopes.ts';
import { DomainError } from '../errors.ts';
import type { Storage } from '../storage/index.ts';
import { metadataDocumentDomain } from './client-id-url.ts';
import { scopesOfGrant } from './grant-scopes.ts';
import { answersOnThisComputer } from './consent.ts';

const redirectsOf = (meta: Record<string, unknown>): string[] => (Array.isArray(meta.redirect_uris) ? meta.redirect_uris.map(String) : []);

const iso = (seconds: number) => new Date(seconds * 1000).toISOString();

/** Connected apps (docs/product.md#connected-apps): every client holding a live grant, and Revoke. */
export function createConnectedClients(storage: Storage, clock: () => number) {
  function list(): ConnectedClient[] {
    const now = clock();
    const grantsByClient = Map.groupBy(storage.grants.live(now), (grant) => grant.clientId);
    const recent = storage.audit.requestsByClientSince(new Date((now - 6 * 86_400) * 1000).toISOString().slice(0, 10));
    const out: ConnectedClient[] = [];
    for (const [clientId, grants] of grantsByClient) {
      const client = storage.apps.find(clientId);
      if (!client) continue;
      const meta = client.metadata;
      const software = [meta.software_id, meta.software_version].filter((v) => typeof v === 'string').join(' ');
      out.push({
        clientId,
        name: client.clientName ?? clientId,
        website: typeof meta.client_uri === 'string' ? meta.client_uri : null,
        origin: client.origin,
        verifiedDomain: client.origin === 'metadata-document' ? (metadataDocumentDomain(clientId) ?? null) : null,
        answersOnThisComputer: redirectsOf(meta).every(answersOnThisComputer),
        software: software || null,
        authorisedAt: iso(Math.max(...grants.map((g) => g.createdAt))),
        scopes: knownScopes(grants.flatMap((g) => scopesOfGrant(g.payload))),
        lastUsedAt: client.lastUsedAt === null ? null : iso(client.lastUsedAt),
        expiresAt: iso(Math.max(...grants.map((g) => g.expiresAt))),
        callsLast7Days: recent.get(clientId) ?? 0,
      });
    }
    return out.sort((a, b) => b.authorisedAt.localeCompare(a.authorisedAt));
  }

  /**
   * Revoke (docs/product.md#connected-apps): every grant, code and token of the client goes in one transaction, so the very next
   * request fails; requests still waiting for consent end as denied. The client's registration stays (it
   * may ask again, and starts from nothing) and so does everything the audit log recorded.
   */
  function revoke(clientId: string): { revoked: boolean } {
    const client = storage.apps.find(clientId);
    if (!client) throw new DomainError('not_found', 'There is no such client.');
    const now = clock();
    const removed = storage.transaction(() => {
      const tokens = storage.tokens.deleteByClient(clientId);
      const grants = storage.grants.deleteByClient(clientId);
      storage.consentRequests.cancelForClient(clientId, now);
      storage.apps.markRevoked(clientId, now);
      return tokens + grants;
    });
    return { revoked: removed > 0 };
  }

  return { list, revoke };
}
export type ConnectedClients = ReturnType<typeof createConnectedClients>;
