import type { Db } from './database.ts';
import { hashSecret } from './secrets.ts';

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

interface ConsentRow {
  id: string;
  client_id: string;
  client_name: string | null;
  client_uri: string | null;
  redirect_uri: string;
  resource: string;
  requested_scopes: string;
  ignored_scopes: string;
  status: ConsentStatus;
  granted_scopes: string | null;
  grant_ttl_seconds: number | null;
  decided_at: number | null;
  decided_by: string | null;
  created_at: number;
  expires_at: number;
}

const toRecord = (row: ConsentRow): ConsentRequest => ({
  id: row.id,
  clientId: row.client_id,
  clientName: row.client_name,
  clientUri: row.client_uri,
  redirectUri: row.redirect_uri,
  resource: row.resource,
  requestedScopes: JSON.parse(row.requested_scopes) as string[],
  ignoredScopes: JSON.parse(row.ignored_scopes) as string[],
  status: row.status,
  grantedScopes: row.granted_scopes === null ? null : (JSON.parse(row.granted_scopes) as string[]),
  grantTtlSeconds: row.grant_ttl_seconds,
  decidedAt: row.decided_at,
  decidedBy: row.decided_by,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
});

/** decided_by of a request that a newer one from the same app replaced. */
export const REPLACED_BY_NEWER = 'replaced by a newer request';

export function createConsentRequestsRepo(db: Db) {
  const insert = db.prepare(
    `INSERT INTO consent_requests (id, interaction_hash, client_id, client_name, client_uri, redirect_uri, resource,
       requested_scopes, ignored_scopes, status, created_at, expires_at)
     VALUES (@id, @interactionHash, @clientId, @clientName, @clientUri, @redirectUri, @resource,
       @requestedScopes, @ignoredScopes, 'pending', @createdAt, @expiresAt)`,
  );
  const byInteraction = db.prepare<[Buffer], ConsentRow>('SELECT * FROM consent_requests WHERE interaction_hash = ?');
  const byId = db.prepare<[string], ConsentRow>('SELECT * FROM consent_requests WHERE id = ?');
  const pending = db.prepare<[number], ConsentRow>(
    "SELECT * FROM consent_requests WHERE status = 'pending' AND expires_at >= ? ORDER BY created_at, id",
  );
  const decide = db.prepare(
    `UPDATE consent_requests SET status = @status, granted_scopes = @grantedScopes, grant_ttl_seconds = @grantTtlSeconds,
       decided_at = @decidedAt, decided_by = @decidedBy
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
      insert.run({
        ...request,
        interactionHash: hashSecret(interactionUid),
        requestedScopes: JSON.stringify(request.requestedScopes),
        ignoredScopes: JSON.stringify(request.ignoredScopes),
      });
    },
    findByInteraction(interactionUid: string): ConsentRequest | undefined {
      const row = byInteraction.get(hashSecret(interactionUid));
      return row && toRecord(row);
    },
    find(id: string): ConsentRequest | undefined {
      const row = byId.get(id);
      return row && toRecord(row);
    },
    pending(at: number): ConsentRequest[] {
      return pending.all(at).map(toRecord);
    },
    /** Records the owner's decision. False when the request is not pending any more (or has expired). */
    decide(id: string, decision: { status: 'approved' | 'denied'; grantedScopes: string[] | null; grantTtlSeconds: number | null; decidedAt: number; decidedBy: string }): boolean {
      return (
        decide.run({ id, ...decision, grantedScopes: decision.grantedScopes && JSON.stringify(decision.grantedScopes) }).changes === 1
      );
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
