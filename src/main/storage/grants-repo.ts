import type { Db } from './database.ts';

export interface GrantRecord {
  grantId: string;
  clientId: string;
  /** oidc-provider's Grant payload without `jti` (the grant id). */
  payload: Record<string, unknown>;
  createdAt: number;
  expiresAt: number;
}

interface GrantRow {
  grant_id: string;
  client_id: string;
  payload: string;
  created_at: number;
  expires_at: number;
}

const toRecord = (row: GrantRow): GrantRecord => ({
  grantId: row.grant_id,
  clientId: row.client_id,
  payload: JSON.parse(row.payload) as Record<string, unknown>,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
});

/** What the owner approved, per client and authorization. */
export function createGrantsRepo(db: Db) {
  const upsert = db.prepare(
    `INSERT INTO grants (grant_id, client_id, payload, created_at, expires_at)
     VALUES (@grantId, @clientId, @payload, @createdAt, @expiresAt)
     ON CONFLICT (grant_id) DO UPDATE SET payload = excluded.payload, expires_at = excluded.expires_at`,
  );
  const find = db.prepare<[string], GrantRow>('SELECT * FROM grants WHERE grant_id = ?');
  const live = db.prepare<[number], GrantRow>('SELECT * FROM grants WHERE expires_at >= ? ORDER BY created_at');
  const liveOfClient = db.prepare<[string, number], GrantRow>('SELECT * FROM grants WHERE client_id = ? AND expires_at >= ? ORDER BY created_at');
  const remove = db.prepare<[string]>('DELETE FROM grants WHERE grant_id = ?');
  const removeByClient = db.prepare<[string]>('DELETE FROM grants WHERE client_id = ?');
  const removeExpired = db.prepare<[number]>('DELETE FROM grants WHERE expires_at < ?');

  return {
    save(grant: GrantRecord): void {
      upsert.run({ ...grant, payload: JSON.stringify(grant.payload) });
    },
    find(grantId: string): GrantRecord | undefined {
      const row = find.get(grantId);
      return row && toRecord(row);
    },
    live(at: number): GrantRecord[] {
      return live.all(at).map(toRecord);
    },
    liveOfClient(clientId: string, at: number): GrantRecord[] {
      return liveOfClient.all(clientId, at).map(toRecord);
    },
    delete(grantId: string): void {
      remove.run(grantId);
    },
    deleteByClient(clientId: string): number {
      return removeByClient.run(clientId).changes;
    },
    deleteExpired(before: number): number {
      return removeExpired.run(before).changes;
    },
  };
}
export type GrantsRepo = ReturnType<typeof createGrantsRepo>;
