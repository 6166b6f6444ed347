import type { Db } from './database.ts';
import { hashSecret } from './secrets.ts';

/** One-time links that open the web control panel. Only the SHA-256 of each key is stored. Times in seconds. */
export function createOwnerLoginLinksRepo(db: Db) {
  const insert = db.prepare<[Buffer, number, number]>('INSERT INTO owner_login_links (key_hash, created_at, expires_at) VALUES (?, ?, ?)');
  const take = db.prepare<[Buffer, number]>('DELETE FROM owner_login_links WHERE key_hash = ? AND expires_at >= ?');
  const removeExpired = db.prepare<[number]>('DELETE FROM owner_login_links WHERE expires_at < ?');
  const removeAll = db.prepare('DELETE FROM owner_login_links');

  return {
    add(key: string, createdAt: number, expiresAt: number): void {
      insert.run(hashSecret(key), createdAt, expiresAt);
    },
    /** Consumes a link: true exactly once for a live key, whoever asks first. */
    take(key: string, at: number): boolean {
      return take.run(hashSecret(key), at).changes === 1;
    },
    deleteAll(): number {
      return removeAll.run().changes;
    },
    deleteExpired(before: number): number {
      return removeExpired.run(before).changes;
    },
  };
}
export type OwnerLoginLinksRepo = ReturnType<typeof createOwnerLoginLinksRepo>;
