import type { Db } from './database.ts';
import { hashSecret } from './secrets.ts';

export type OwnerSecretKind = 'login-link' | 'session';

/** One-time owner login links and the control-panel sessions they open. Only hashes are stored. */
export function createOwnerSessionsRepo(db: Db) {
  const insert = db.prepare<[Buffer, OwnerSecretKind, number, number]>(
    'INSERT INTO owner_sessions (id_hash, kind, created_at, expires_at) VALUES (?, ?, ?, ?)',
  );
  const find = db.prepare<[Buffer, OwnerSecretKind, number], { n: number }>(
    'SELECT 1 AS n FROM owner_sessions WHERE id_hash = ? AND kind = ? AND expires_at >= ?',
  );
  const take = db.prepare<[Buffer, OwnerSecretKind, number]>(
    'DELETE FROM owner_sessions WHERE id_hash = ? AND kind = ? AND expires_at >= ?',
  );
  const removeExpired = db.prepare<[number]>('DELETE FROM owner_sessions WHERE expires_at < ?');

  return {
    add(secret: string, kind: OwnerSecretKind, createdAt: number, expiresAt: number): void {
      insert.run(hashSecret(secret), kind, createdAt, expiresAt);
    },
    isLiveSession(secret: string, at: number): boolean {
      return find.get(hashSecret(secret), 'session', at) !== undefined;
    },
    /** Consumes a one-time login link. True exactly once for a live link. */
    takeLoginLink(secret: string, at: number): boolean {
      return take.run(hashSecret(secret), 'login-link', at).changes === 1;
    },
    deleteExpired(before: number): number {
      return removeExpired.run(before).changes;
    },
  };
}
export type OwnerSessionsRepo = ReturnType<typeof createOwnerSessionsRepo>;
