import type { Db } from './database.ts';

/** Sealed provider credentials (see providers/vault): opaque blobs, one per entry. */
export function createCredentialsRepo(db: Db) {
  const put = db.prepare<[string, Buffer, number]>(
    'INSERT INTO provider_credentials (entry, sealed, updated_at) VALUES (?, ?, ?) ON CONFLICT (entry) DO UPDATE SET sealed = excluded.sealed, updated_at = excluded.updated_at',
  );
  const get = db.prepare<[string], { sealed: Buffer }>('SELECT sealed FROM provider_credentials WHERE entry = ?');
  const remove = db.prepare<[string]>('DELETE FROM provider_credentials WHERE entry = ?');
  const any = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM provider_credentials');
  return {
    put: (entry: string, sealed: Buffer, at: number) => void put.run(entry, sealed, at),
    get: (entry: string): Buffer | undefined => get.get(entry)?.sealed,
    delete: (entry: string) => void remove.run(entry),
    isEmpty: (): boolean => (any.get()?.n ?? 0) === 0,
  };
}
export type CredentialsRepo = ReturnType<typeof createCredentialsRepo>;
