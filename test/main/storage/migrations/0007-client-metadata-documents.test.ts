import { describe, expect, it } from 'vitest';
import { migrate } from '../../../../src/main/storage/database.ts';
import { MIGRATIONS } from '../../../../src/main/storage/migrations/index.ts';
import { databaseAt } from './database-at.ts';

describe('migrations on a database an older version wrote', () => {
  it('clients known by their metadata document: clients and grants kept, the new origin accepted, cascades intact', () => {
    const index = MIGRATIONS.findIndex((m) => m.name.startsWith('Clients known by their metadata document'));
    const { db, done } = databaseAt(index);
    try {
      db.pragma('foreign_keys = ON');
      db.exec(`
        INSERT INTO clients (client_id, client_name, origin, metadata, created_at, last_used_at, revoked_at) VALUES
          ('reg_1', 'Claude Desktop', 'registration', '{"client_name":"Claude Desktop"}', 10, 20, NULL),
          ('setup-1', 'Snippet', 'setup-snippet', '{}', 11, NULL, 30);
        INSERT INTO grants (grant_id, client_id, payload, created_at, expires_at) VALUES
          ('g1', 'reg_1', '{"openid":{"scope":"openid"}}', 12, 99999),
          ('g2', 'setup-1', '{}', 13, 99999);
      `);
      migrate(db);
      expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
      expect(db.prepare('SELECT client_id, client_name, origin, metadata, created_at, last_used_at, revoked_at FROM clients ORDER BY client_id').all()).toEqual([
        { client_id: 'reg_1', client_name: 'Claude Desktop', origin: 'registration', metadata: '{"client_name":"Claude Desktop"}', created_at: 10, last_used_at: 20, revoked_at: null },
        { client_id: 'setup-1', client_name: 'Snippet', origin: 'setup-snippet', metadata: '{}', created_at: 11, last_used_at: null, revoked_at: 30 },
      ]);
      expect(db.prepare('SELECT grant_id, client_id, created_at, expires_at FROM grants ORDER BY grant_id').all()).toEqual([
        { grant_id: 'g1', client_id: 'reg_1', created_at: 12, expires_at: 99999 },
        { grant_id: 'g2', client_id: 'setup-1', created_at: 13, expires_at: 99999 },
      ]);
      expect(db.pragma('foreign_key_check')).toEqual([]);
      expect(db.prepare<[], { name: string }>("SELECT name FROM pragma_index_list('grants')").all().map((i) => i.name)).toContain('grants_by_client');
      expect(db.prepare<[], { name: string }>("SELECT name FROM sqlite_schema WHERE name LIKE '%kept%' OR name LIKE '%rebuilt%'").all()).toEqual([]);

      const insert = db.prepare("INSERT INTO clients (client_id, client_name, origin, metadata, created_at) VALUES (?, 'Doc', ?, '{}', 1)");
      insert.run('https://claude.ai/oauth/claude-code-client-metadata', 'metadata-document');
      expect(() => insert.run('x', 'somewhere-else')).toThrow(/CHECK constraint failed/);
      // Still STRICT, and grants still cascade with their client and refuse an unknown one.
      expect(() => db.prepare("INSERT INTO clients (client_id, origin, metadata, created_at) VALUES ('y', 'registration', '{}', 'soon')").run()).toThrow(/cannot store TEXT value in INTEGER column/);
      db.prepare("DELETE FROM clients WHERE client_id = 'reg_1'").run();
      expect(db.prepare('SELECT grant_id FROM grants').all()).toEqual([{ grant_id: 'g2' }]);
      expect(() => db.prepare("INSERT INTO grants (grant_id, client_id, payload, created_at, expires_at) VALUES ('g3', 'nobody', '{}', 1, 2)").run()).toThrow(/FOREIGN KEY constraint failed/);
    } finally {
      done();
    }
  });
});
