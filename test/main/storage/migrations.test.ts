import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../src/main/storage/database.ts';
import { MIGRATIONS } from '../../../src/main/storage/migrations.ts';
import { tempDir } from '../../support/gateway.ts';

/** A database at `version`, as an older Studio Gateway left it. */
function databaseAt(version: number) {
  const dir = tempDir();
  const db = new Database(join(dir, 'old.sqlite'));
  db.transaction(() => {
    for (const migration of MIGRATIONS.slice(0, version)) migration.up(db);
    db.pragma(`user_version = ${version}`);
  })();
  return { db, done: () => (db.close(), rmSync(dir, { recursive: true, force: true })) };
}

describe('migrations on a database an older version wrote', () => {
  it('audit client index: rows stay, and the index carries status and tool for filtered pages', () => {
    const index = MIGRATIONS.findIndex((m) => m.name.startsWith('Audit: the client index'));
    const { db, done } = databaseAt(index);
    try {
      const insert = db.prepare(
        "INSERT INTO audit_log (id, ts_ms, kind, endpoint, tool, client_id, client_name, grant_id, actor, args, args_truncated, status, reason, http_status, duration_ms, prev_hash, hash) VALUES (?, ?, 'mcp', 'tools/call', ?, ?, 'A', 'g', NULL, '{}', 0, ?, NULL, NULL, 1, x'00', x'00')",
      );
      for (let i = 1; i <= 200; i++) insert.run(i, i, i % 2 ? 'get_class' : 'list_bookings', `cli_${i % 3}`, i % 5 ? 'ok' : 'refused');
      migrate(db);
      expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
      expect(db.prepare<[], { n: number }>('SELECT count(*) AS n FROM audit_log').get()?.n).toBe(200);
      expect(db.prepare<[], { name: string }>("SELECT name FROM pragma_index_info('audit_by_client')").all().map((c) => c.name)).toEqual(['client_id', 'id', 'status', 'tool']);
      const refused = db.prepare<[string, string, string], { id: number }>('SELECT id FROM audit_log WHERE client_id = ? AND status = ? AND tool = ? ORDER BY id DESC').all('cli_1', 'refused', 'get_class');
      expect(refused.map((r) => r.id)).toEqual([175, 145, 115, 85, 55, 25]);
    } finally {
      done();
    }
  });

  it('provider connections: online bookings made before the upgrade are left alone, new changes queue their session', () => {
    const index = MIGRATIONS.findIndex((m) => m.name.startsWith('Provider connections'));
    const { db, done } = databaseAt(index);
    try {
      db.exec(`
        INSERT INTO classes (id, title, practice, description, mentor_id, timezone, capacity, price_cents, duration_minutes, mode, location_id, video_provider, start_date, start_time, recurrence, created_at, updated_at)
          VALUES ('cls_o', 'Online', 'yoga', '', NULL, 'UTC', 5, 100, 60, 'online', NULL, 'zoom', '2030-01-01', '10:00', NULL, 0, 0);
        INSERT INTO sessions (id, class_id, starts_at, ends_at, status) VALUES ('ses_o', 'cls_o', 1893492000, 1893495600, 'scheduled');
        INSERT INTO crm_clients (id, name, email, phone, notes, tags, created_at) VALUES ('cli_a', 'A', NULL, NULL, '', '[]', 0);
        INSERT INTO bookings (id, session_id, client_id, status, paid, price_cents, add_ons, created_at) VALUES ('bkg_1', 'ses_o', 'cli_a', 'confirmed', 0, 100, '[]', 0);
      `);
      migrate(db);
      expect(db.prepare('SELECT count(*) AS n FROM jobs').get()).toEqual({ n: 0 });
      db.prepare("UPDATE bookings SET status = 'cancelled' WHERE id = 'bkg_1'").run();
      expect(db.prepare('SELECT kind, subject, status FROM jobs').all()).toEqual([{ kind: 'meeting', subject: 'ses_o', status: 'queued' }]);
    } finally {
      done();
    }
  });

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
