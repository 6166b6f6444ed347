import { describe, expect, it } from 'vitest';
import { migrate } from '../../../../src/main/storage/database.ts';
import { databaseAt } from './database-at.ts';

describe('migration 0003: audit log', () => {
  it('keeps the workspace, and the audit log searches what was indexed and forgets only what it held', () => {
    const { db, done } = databaseAt(2);
    try {
      db.exec(`
        INSERT INTO settings (key, value) VALUES ('subscription.tier', '"pro"');
        INSERT INTO studio_profile (id, name, currency, updated_at) VALUES (1, 'Lotus Loft', 'EUR', 3);
        INSERT INTO crm_clients (id, name, created_at) VALUES ('cli_1', 'Bo', 1);
      `);
      migrate(db, 'old.sqlite', 3);
      expect(db.prepare('SELECT name, currency FROM studio_profile').get()).toEqual({ name: 'Lotus Loft', currency: 'EUR' });
      expect(db.prepare('SELECT value FROM settings').all()).toEqual([{ value: '"pro"' }]);
      expect(db.prepare('SELECT id FROM crm_clients').all()).toEqual([{ id: 'cli_1' }]);

      const insert = db.prepare(
        "INSERT INTO audit_log (id, ts_ms, kind, endpoint, tool, args, status, duration_ms, prev_hash, hash) VALUES (?, ?, 'mcp', 'tools/call', ?, ?, 'ok', 1, x'00', x'00')",
      );
      insert.run(1, 10, 'create_booking', '{"note":"reformer duet"}');
      insert.run(2, 20, 'list_classes', '{}');
      insert.run(3, 30, 'create_booking', '{"note":"late reformer"}');
      // Rows 1 and 2 are indexed (as the writer does in batches); row 3 is not yet.
      db.exec("INSERT INTO audit_fts (rowid, tool, endpoint, args) SELECT id, coalesce(tool, ''), endpoint, args FROM audit_log WHERE id <= 2");
      db.prepare("INSERT INTO settings (key, value) VALUES ('audit.ftsIndexedThrough', '2')").run();
      const search = db.prepare<[string], { rowid: number }>('SELECT rowid FROM audit_fts WHERE audit_fts MATCH ? ORDER BY rowid');
      expect(search.all('reformer').map((r) => r.rowid)).toEqual([1]);
      db.prepare('DELETE FROM audit_log WHERE id IN (1, 3)').run(); // pruning: an unindexed row leaves the index intact
      expect(search.all('reformer')).toEqual([]);
      db.exec("INSERT INTO audit_fts (audit_fts) VALUES ('integrity-check')");

      db.prepare("INSERT INTO audit_daily (day, client_id, name, status, count) VALUES ('2030-01-01', 'c1', 'list_classes', 'ok', 1)").run();
      expect(() => db.prepare("INSERT INTO audit_daily (day, client_id, name, status, count) VALUES ('2030-01-01', 'c1', 'list_classes', 'ok', 2)").run()).toThrow(/UNIQUE constraint failed/);
      expect(() => insert.run(4, 'late', 'x', '{}')).toThrow(/cannot store TEXT value in INTEGER column/);
    } finally {
      done();
    }
  });
});
