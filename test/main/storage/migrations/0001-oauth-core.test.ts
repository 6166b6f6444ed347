import { describe, expect, it } from 'vitest';
import { migrate } from '../../../../src/main/storage/database.ts';
import { databaseAt, schemaNames } from './database-at.ts';

describe('migration 0001: OAuth core', () => {
  it('turns an empty file into the OAuth tables, STRICT, with their checks and the grant cascade', () => {
    const { db, done } = databaseAt(0);
    try {
      db.pragma('foreign_keys = ON');
      expect(migrate(db, 'old.sqlite', 1)).toBe(1);
      expect(db.pragma('user_version', { simple: true })).toBe(1);
      expect(schemaNames(db, 'table')).toEqual(['clients', 'consent_requests', 'grants', 'owner_profile', 'owner_sessions', 'settings', 'tokens']);
      expect(db.prepare("SELECT count(*) AS n FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%' AND strict = 0").get()).toEqual({ n: 0 });

      db.exec(`
        INSERT INTO settings (key, value) VALUES ('a', '1');
        INSERT INTO owner_profile (id, name, email, account_type, updated_at) VALUES ('own_1', 'Ana', 'ana@example.com', 'studio', 1);
        INSERT INTO clients (client_id, client_name, origin, metadata, created_at) VALUES ('c1', 'Cursor', 'registration', '{}', 1);
        INSERT INTO grants (grant_id, client_id, payload, created_at, expires_at) VALUES ('g1', 'c1', '{}', 1, 2);
        INSERT INTO tokens (token_hash, kind, grant_id, client_id, payload, expires_at) VALUES (x'01', 'AccessToken', 'g1', 'c1', '{}', 2);
      `);
      expect(db.prepare('SELECT email_verified, settings FROM owner_profile').get()).toEqual({ email_verified: 0, settings: '{}' });
      expect(() => db.prepare("INSERT INTO clients (client_id, origin, metadata, created_at) VALUES ('c2', 'metadata-document', '{}', 1)").run()).toThrow(/CHECK constraint failed/);
      expect(() => db.prepare("INSERT INTO tokens (token_hash, kind, grant_id, client_id, payload, expires_at) VALUES (x'02', 'IdToken', 'g1', 'c1', '{}', 2)").run()).toThrow(/CHECK constraint failed/);
      expect(() => db.prepare("INSERT INTO owner_sessions (id_hash, kind, created_at, expires_at) VALUES (x'01', 'session', 'now', 2)").run()).toThrow(/cannot store TEXT value in INTEGER column/);
      db.prepare("DELETE FROM clients WHERE client_id = 'c1'").run();
      expect(db.prepare('SELECT count(*) AS n FROM grants').get()).toEqual({ n: 0 });
      // Tokens name their grant without a foreign key: housekeeping drops them by expiry.
      expect(db.prepare('SELECT count(*) AS n FROM tokens').get()).toEqual({ n: 1 });
    } finally {
      done();
    }
  });
});
