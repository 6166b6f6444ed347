import { describe, expect, it } from 'vitest';
import { createStorage } from '../../../../src/main/storage/index.ts';
import { MIGRATIONS } from '../../../../src/main/storage/migrations/index.ts';
import { databaseAt, schemaNames } from './database-at.ts';

describe('migrations on a database an older version wrote', () => {
  it('access-changes count: apps, grants and tokens stay, and from then on every change a bearer check reads is counted', () => {
    const index = MIGRATIONS.findIndex((m) => m.name.startsWith('Access changes'));
    const { db, file, done } = databaseAt(index);
    try {
      // Version 10: one app with a grant, an access token and a refresh token.
      db.prepare("INSERT INTO clients (client_id, client_name, origin, metadata, created_at) VALUES ('cli_a', 'Agent', 'registration', '{}', 1)").run();
      db.prepare("INSERT INTO grants (grant_id, client_id, payload, created_at, expires_at) VALUES ('g1', 'cli_a', '{}', 1, 9999999999)").run();
      const token = db.prepare("INSERT INTO tokens (token_hash, kind, grant_id, client_id, payload, expires_at) VALUES (?, ?, 'g1', 'cli_a', '{}', 9999999999)");
      token.run(Buffer.from('at'), 'AccessToken');
      token.run(Buffer.from('rt'), 'RefreshToken');
      expect(schemaNames(db, 'table')).not.toContain('access_changes');
      db.close();

      const storage = createStorage(file);
      try {
        expect(storage.db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
        expect(storage.db.prepare('SELECT count(*) FROM tokens').pluck().get()).toBe(2);
        const count = () => storage.tokens.accessChanges();
        expect(count()).toBe(0);
        const moves = (sql: string) => {
          const before = count();
          storage.db.prepare(sql).run();
          return count() - before;
        };
        // What a check reads: each change counted once.
        expect(moves("UPDATE tokens SET payload = '{\"x\":1}' WHERE kind = 'AccessToken'")).toBe(1);
        expect(moves("UPDATE grants SET payload = '{\"y\":1}'")).toBe(1);
        expect(moves("UPDATE clients SET client_name = 'Renamed'")).toBe(1);
        expect(moves("UPDATE clients SET revoked_at = 5")).toBe(1);
        // What no check reads: nothing.
        expect(moves('UPDATE clients SET last_used_at = 7')).toBe(0);
        expect(moves("UPDATE tokens SET consumed_at_ms = 1 WHERE kind = 'RefreshToken'")).toBe(0);
        expect(moves("INSERT INTO tokens (token_hash, kind, grant_id, client_id, payload, expires_at) VALUES (x'01', 'AuthorizationCode', 'g1', 'cli_a', '{}', 9)")).toBe(0);
        // A client deleted takes its grant with it (ON DELETE CASCADE): both counted.
        expect(moves("DELETE FROM clients WHERE client_id = 'cli_a'")).toBe(2);
      } finally {
        storage.close();
      }
    } finally {
      done();
    }
  });
});
