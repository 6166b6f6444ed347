import type { Db } from './database.ts';
import { hashSecret } from './secrets.ts';
import { table } from './table.ts';

export type ConsentStatus = 'pending' | 'approved' | 'denied' | 'completed';

/** An authorization request that waits for the owner's decision in the control panel. */
export interface ConsentRequest {
  id: string;
  clientId: string;
  clientName: string | null;
  clientUri: string | null;
  redirectUri: string;
  resource: string;
  /** Known scopes the client asked for, in catalogue order. */
  requestedScopes: string[];
  /** Unknown or reserved scopes the client asked for: dropped, never grantable. */
  ignoredScopes: string[];
  status: ConsentStatus;
  grantedScopes: string[] | null;
  grantTtlSeconds: number | null;
  decidedAt: number | null;
  decidedBy: string | null;
  createdAt: number;
  expiresAt: number;
}

const requests = table<ConsentRequest>('consent_requests', {
  id: 'plain', clientId: 'plain', clientName: 'plain', clientUri: 'plain', redirectUri: 'plain', resource: 'plain', requestedScopes: 'json', ignoredScopes: 'json',
  status: 'plain', grantedScopes: 'json', grantTtlSeconds: 'plain', decidedAt: 'plain', decidedBy: 'plain', createdAt: 'plain', expiresAt: 'plain',
});

/** decided_by of a request that a newer one from the same app replaced. */
export const REPLACED_BY_NEWER = 'replaced by a newer request';

export function createConsentRequestsRepo(db: Db) {
  const insert = db.prepare(requests.insert({ interaction_hash: '@interactionHash' }));
  const byInteraction = requests.prepare<[Buffer]>(db, 'WHERE interaction_hash = ?');
  // In the order they came: created_at is in seconds, so within one second the insertion order (rowid) decides — the
  // consent dialog's "1 of 3" and its Next must not shuffle.
  const pending = requests.prepare<[number]>(db, "WHERE status = 'pending' AND expires_at >= ? ORDER BY created_at, rowid");
  const decide = db.prepare(
    `UPDATE consent_requests SET ${requests.set(['status', 'grantedScopes', 'grantTtlSeconds', 'decidedAt', 'decidedBy'])}
     WHERE id = @id AND status = 'pending' AND expires_at >= @decidedAt`,
  );
  const complete = db.prepare<[string]>(
    "UPDATE consent_requests SET status = 'completed' WHERE id = ? AND status = 'approved'",
  );
  const cancelForClient = db.prepare<[number, string]>(
    "UPDATE consent_requests SET status = 'denied', decided_at = ?, decided_by = 'revoked' WHERE client_id = ? AND status IN ('pending', 'approved')",
  );
  const replacePending = db.prepare<[number, string, string]>(
    "UPDATE consent_requests SET status = 'denied', decided_at = ?, decided_by = ? WHERE client_id = ? AND status = 'pending'",
  );
  const removeExpired = db.prepare<[number]>('DELETE FROM consent_requests WHERE expires_at < ?');

  return {
    create(request: Omit<ConsentRequest, 'status' | 'grantedScopes' | 'grantTtlSeconds' | 'decidedAt' | 'decidedBy'>, interactionUid: string): void {
      const undecided = { status: 'pending', grantedScopes: null, grantTtlSeconds: null, decidedAt: null, decidedBy: null } as const;
      insert.run(requests.params({ ...request, ...undecided, interactionHash: hashSecret(interactionUid) }));
    },
    findByInteraction(interactionUid: string): ConsentRequest | undefined {
      return byInteraction.get(hashSecret(interactionUid));
    },
    find: requests.findBy(db, 'id'),
    pending(at: number): ConsentRequest[] {
      return pending.all(at);
    },
    /** Records the owner's decision. False when the request is not pending any more (or has expired). */
    decide(id: string, decision: { status: 'approved' | 'denied'; grantedScopes: string[] | null; grantTtlSeconds: number | null; decidedAt: number; decidedBy: string }): boolean {
      return decide.run(requests.params({ id, ...decision })).changes === 1;
    },
    /** The approved request has produced its grant: it cannot be used again. False if it already was. */
    complete(id: string): boolean {
      return complete.run(id).changes === 1;
    },
    /** A revoked client's requests in flight end as denied: revoking means no access, now or in a minute. */
    cancelForClient(clientId: string, at: number): number {
      return cancelForClient.run(at, clientId).changes;
    },
    /** Denies the client's pending requests: a newer one takes their place. */
    replacePendingForClient(clientId: string, at: number): number {
      return replacePending.run(at, REPLACED_BY_NEWER, clientId).changes;
    },
    deleteExpired(before: number): number {
      return removeExpired.run(before).changes;
    },
  };
}
export type ConsentRequestsRepo = ReturnType<typeof createConsentRequestsRepo>;
