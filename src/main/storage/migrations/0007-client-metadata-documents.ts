import type Database from 'better-sqlite3';

export const version = 7;
export const name = 'Clients known by their metadata document: a third origin for OAuth clients';

export function up(db: Database.Database): void {
  // A CHECK constraint cannot be altered, so clients is rebuilt. grants references it with ON DELETE CASCADE and
  // foreign keys stay on inside this transaction, so dropping clients would delete every grant: grants is set
  // aside first (nothing references grants) and rebuilt exactly as it was, with its index.
  db.exec(`
        CREATE TEMP TABLE grants_kept AS SELECT * FROM grants;
        DROP TABLE grants;

        CREATE TABLE clients_rebuilt (
          client_id TEXT PRIMARY KEY,
          client_name TEXT,
          origin TEXT NOT NULL CHECK (origin IN ('registration', 'setup-snippet', 'metadata-document')),
          metadata TEXT NOT NULL,
          created_at INTEGER NOT NULL,
          last_used_at INTEGER,
          revoked_at INTEGER
        ) STRICT;
        INSERT INTO clients_rebuilt (client_id, client_name, origin, metadata, created_at, last_used_at, revoked_at)
          SELECT client_id, client_name, origin, metadata, created_at, last_used_at, revoked_at FROM clients;
        DROP TABLE clients;
        ALTER TABLE clients_rebuilt RENAME TO clients;

        CREATE TABLE grants (
          grant_id TEXT PRIMARY KEY,
          client_id TEXT NOT NULL REFERENCES clients (client_id) ON DELETE CASCADE,
          payload TEXT NOT NULL,
          created_at INTEGER NOT NULL,
          expires_at INTEGER NOT NULL
        ) STRICT;
        INSERT INTO grants (grant_id, client_id, payload, created_at, expires_at)
          SELECT grant_id, client_id, payload, created_at, expires_at FROM grants_kept;
        DROP TABLE grants_kept;
        CREATE INDEX grants_by_client ON grants (client_id);
      `);
}
