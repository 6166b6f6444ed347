import { describe, expect, it } from 'vitest';
import { migrate } from '../../../../src/main/storage/database.ts';
import { databaseAt, schemaNames } from './database-at.ts';

describe('migration 0006: owner sign-in without cookies', () => {
  it('drops the cookie sessions (the owner signs in again), keeps everything else, and the new tables work', () => {
    const { db, done } = databaseAt(5);
    try {
      db.exec(`
        INSERT INTO owner_sessions (id_hash, kind, created_at, expires_at) VALUES (x'01', 'session', 1, 99999), (x'02', 'login-link', 1, 99999);
        INSERT INTO owner_profile (id, name, email, account_type, updated_at) VALUES ('own_1', 'Ana', 'ana@example.com', 'studio', 1);
        INSERT INTO clients (client_id, client_name, origin, metadata, created_at) VALUES ('c1', 'Cursor', 'registration', '{}', 1);
        INSERT INTO grants (grant_id, client_id, payload, created_at, expires_at) VALUES ('g1', 'c1', '{}', 1, 2);
      `);
      migrate(db, 'old.sqlite', 6);
      const tables = schemaNames(db, 'table');
      expect(tables).not.toContain('owner_sessions');
      expect(tables).toEqual(expect.arrayContaining(['owner_login_links', 'panel_sessions']));
      expect(db.prepare('SELECT id FROM owner_profile').all()).toEqual([{ id: 'own_1' }]);
      expect(db.prepare('SELECT grant_id FROM grants').all()).toEqual([{ grant_id: 'g1' }]);

      db.prepare("INSERT INTO owner_login_links (key_hash, created_at, expires_at) VALUES (x'aa', 1, 2)").run();
      expect(() => db.prepare("INSERT INTO owner_login_links (key_hash, created_at, expires_at) VALUES (x'aa', 1, 2)").run()).toThrow(/UNIQUE constraint failed/);
      db.prepare("INSERT INTO panel_sessions (id, public_key, browser, created_at, last_used_at, expires_at) VALUES ('k1', '{}', 'Firefox', 1, 1, 2)").run();
      expect(() => db.prepare("INSERT INTO panel_sessions (id, public_key, browser, created_at, last_used_at, expires_at) VALUES ('k2', '{}', 'Firefox', 1, 'now', 2)").run()).toThrow(
        /cannot store TEXT value in INTEGER column/,
      );
    } finally {
      done();
    }
  });
});
