import type { Db } from './database.ts';

/** How the client came: RFC 7591 registration, a setup snippet, or its client metadata document (client_id is its URL). */
export type ClientOrigin = 'registration' | 'setup-snippet' | 'metadata-document';

export interface ClientRecord {
  clientId: string;
  clientName: string | null;
  origin: ClientOrigin;
  /** Registered metadata as oidc-provider keeps it (snake_case, RFC 7591). */
  metadata: Record<string, unknown>;
  createdAt: number;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

interface ClientRow {
  client_id: string;
  client_name: string | null;
  origin: ClientOrigin;
  metadata: string;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}

const toRecord = (row: ClientRow): ClientRecord => ({
  clientId: row.client_id,
  clientName: row.client_name,
  origin: row.origin,
  metadata: JSON.parse(row.metadata) as Record<string, unknown>,
  createdAt: row.created_at,
  lastUsedAt: row.last_used_at,
  revokedAt: row.revoked_at,
});

/** OAuth clients: dynamically registered ones, those minted for setup snippets, and granted metadata-document ones. */
export function createClientsRepo(db: Db) {
  const upsert = db.prepare(
    `INSERT INTO clients (client_id, client_name, origin, metadata, created_at)
     VALUES (@clientId, @clientName, @origin, @metadata, @createdAt)
     ON CONFLICT (client_id) DO UPDATE SET client_name = excluded.client_name, metadata = excluded.metadata`,
  );
  const find = db.prepare<[string], ClientRow>('SELECT * FROM clients WHERE client_id = ?');
  const all = db.prepare<[], ClientRow>('SELECT * FROM clients ORDER BY created_at, client_id');
  const remove = db.prepare<[string]>('DELETE FROM clients WHERE client_id = ?');
  const touch = db.prepare<[number, string]>('UPDATE clients SET last_used_at = ? WHERE client_id = ?');
  const setRevoked = db.prepare<[number | null, string]>('UPDATE clients SET revoked_at = ? WHERE client_id = ?');
  const nameTaken = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM clients WHERE client_name = ?');
  const removeNeverGranted = db.prepare<[number]>(
    `DELETE FROM clients WHERE origin = 'registration' AND created_at < ? AND last_used_at IS NULL AND revoked_at IS NULL
       AND NOT EXISTS (SELECT 1 FROM grants g WHERE g.client_id = clients.client_id)
       AND NOT EXISTS (SELECT 1 FROM consent_requests c WHERE c.client_id = clients.client_id AND c.status IN ('pending', 'approved', 'completed'))`,
  );

  return {
    save(client: Omit<ClientRecord, 'lastUsedAt' | 'revokedAt'>): void {
      upsert.run({ ...client, metadata: JSON.stringify(client.metadata) });
    },
    find(clientId: string): ClientRecord | undefined {
      const row = find.get(clientId);
      return row && toRecord(row);
    },
    list(): ClientRecord[] {
      return all.all().map(toRecord);
    },
    delete(clientId: string): void {
      remove.run(clientId);
    },
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
export type ClientsRepo = ReturnType<typeof createClientsRepo>;
