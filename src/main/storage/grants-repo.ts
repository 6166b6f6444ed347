import type { Db } from './database.ts';
import { table } from './table.ts';

export interface GrantRecord {
  grantId: string;
  clientId: string;
  /** oidc-provider's Grant payload without `jti` (the grant id). */
  payload: Record<string, unknown>;
  createdAt: number;
  expiresAt: number;
}

const grants = table<GrantRecord>('grants', { grantId: 'plain', clientId: 'plain', payload: 'json', createdAt: 'plain', expiresAt: 'plain' });

/** What the owner approved, per client and authorization. */
export function createGrantsRepo(db: Db) {
  const upsert = db.prepare(grants.upsert('grant_id', ['payload', 'expiresAt']));
  const live = grants.prepare<[number]>(db, 'WHERE expires_at >= ? ORDER BY created_at');
  const liveOfClient = grants.prepare<[string, number]>(db, 'WHERE client_id = ? AND expires_at >= ? ORDER BY created_at');
  const removeExpired = db.prepare<[number]>('DELETE FROM grants WHERE expires_at < ?');

  return {
    save(grant: GrantRecord): void {
      upsert.run(grants.params(grant));
    },
    find: grants.findBy(db, 'grantId'),
    live(at: number): GrantRecord[] {
      return live.all(at);
    },
    liveOfClient(clientId: string, at: number): GrantRecord[] {
      return liveOfClient.all(clientId, at);
    },
    delete: grants.deleteBy(db, 'grantId'),
    deleteByClient: grants.deleteBy(db, 'clientId'),
    deleteExpired(before: number): number {
      return removeExpired.run(before).changes;
    },
  };
}
export type GrantsRepo = ReturnType<typeof createGrantsRepo>;
