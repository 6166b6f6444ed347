import type { Db } from './database.ts';
import { table } from './table.ts';

/** How the client came: RFC 7591 registration, a setup snippet, or its client metadata document (client_id is its URL). */
export type AppOrigin = 'registration' | 'setup-snippet' | 'metadata-document';

export interface AppRecord {
  clientId: string;
  clientName: string | null;
  origin: AppOrigin;
  /** Registered metadata as oidc-provider keeps it (snake_case, RFC 7591). */
  metadata: Record<string, unknown>;
  createdAt: number;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

/** OAuth apps (their table keeps its first name, clients; the studio's customers are in customers-repo.ts). */
const apps = table<AppRecord>('clients', {
  clientId: 'plain', clientName: 'plain', origin: 'plain', metadata: 'json', createdAt: 'plain', lastUsedAt: 'plain', revokedAt: 'plain',
});

/** OAuth clients: dynamically registered ones, those minted for setup snippets, and granted metadata-document ones. */
export function createAppsRepo(db: Db) {
  const upsert = db.prepare(apps.upsert('client_id', ['clientName', 'metadata']));
  const touch = db.prepare<[number, string]>('UPDATE clients SET last_used_at = ? WHERE client_id = ?');
  const setRevoked = db.prepare<[number | null, string]>('UPDATE clients SET revoked_at = ? WHERE client_id = ?');
  const nameTaken = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM clients WHERE client_name = ?');
  const removeNeverGranted = db.prepare<[number]>(
    `DELETE FROM clients WHERE origin = 'registration' AND created_at < ? AND last_used_at IS NULL AND revoked_at IS NULL
       AND NOT EXISTS (SELECT 1 FROM grants g WHERE g.client_id = clients.client_id)
       AND NOT EXISTS (SELECT 1 FROM consent_requests c WHERE c.client_id = clients.client_id AND c.status IN ('pending', 'approved', 'completed'))`,
  );

  return {
    save(client: Omit<AppRecord, 'lastUsedAt' | 'revokedAt'>): void {
      upsert.run(apps.params({ ...client, lastUsedAt: null, revokedAt: null }));
    },
    find: apps.findBy(db, 'clientId'),
    list: apps.orderedBy(db, 'created_at, client_id'),
    delete: apps.deleteBy(db, 'clientId'),
    touch(clientId: string, at: number): void {
      touch.run(at, clientId);
    },
    markRevoked(clientId: string, at: number | null): void {
      setRevoked.run(at, clientId);
    },
    /** Removes registrations made before `createdBefore` that never obtained a grant (nor wait for one). */
    deleteNeverGranted(createdBefore: number): number {
      return removeNeverGranted.run(createdBefore).changes;
    },
    isNameTaken(name: string): boolean {
      return (nameTaken.get(name)?.n ?? 0) > 0;
    },
  };
}
export type AppsRepo = ReturnType<typeof createAppsRepo>;
