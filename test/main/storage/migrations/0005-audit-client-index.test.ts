import { describe, expect, it } from 'vitest';
import { migrate } from '../../../../src/main/storage/database.ts';
import { MIGRATIONS } from '../../../../src/main/storage/migrations/index.ts';
import { databaseAt } from './database-at.ts';

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
});
