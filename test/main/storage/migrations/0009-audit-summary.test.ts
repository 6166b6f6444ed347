import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createAuditLog } from '../../../../src/main/audit/audit-log.ts';
import { verifyChain } from '../../../../src/main/audit/verify.ts';
import { migrate } from '../../../../src/main/storage/database.ts';
import { createStorage } from '../../../../src/main/storage/index.ts';
import { MIGRATIONS } from '../../../../src/main/storage/migrations/index.ts';
import { databaseAt } from './database-at.ts';

/** The fields version 8 chained, in its order: what a row written before the summary was hashed over. */
const V8_FIELDS = ['id', 'ts_ms', 'kind', 'endpoint', 'tool', 'client_id', 'client_name', 'grant_id', 'actor', 'args', 'args_truncated', 'status', 'reason', 'http_status', 'duration_ms'];

describe('migrations on a database an older version wrote', () => {
  it('audit summary: old rows keep their hashes and still verify, stay searchable, and new rows are searchable by their summary', async () => {
    const index = MIGRATIONS.findIndex((m) => m.name.startsWith('Audit: a summary'));
    const { db, file, done } = databaseAt(index);
    try {
      // A chain as version 8 wrote it: SHA-256 over the previous hash and the JSON array of its fields.
      let prev = Buffer.alloc(32);
      const insert = db.prepare(`INSERT INTO audit_log (${V8_FIELDS.join(', ')}, prev_hash, hash) VALUES (${V8_FIELDS.map(() => '?').join(', ')}, ?, ?)`);
      for (let id = 1; id <= 40; id++) {
        const values = [id, 1_700_000_000_000 + id, 'mcp', 'tools/call', id % 2 ? 'get_client' : 'list_classes', 'cli_a', 'Cursor', 'grant_a', null, `{"query":"pilates ${id}"}`, 0, 'ok', null, null, 1.5];
        const hash = createHash('sha256').update(prev).update(JSON.stringify(values.map((v, i) => (V8_FIELDS[i] === 'args_truncated' ? v === 1 : v)))).digest();
        insert.run(...values, prev, hash);
        prev = hash;
      }
      // The first 30 were indexed for search before the upgrade; the last 10 were not yet.
      db.prepare("INSERT INTO audit_fts (rowid, tool, endpoint, args) SELECT id, coalesce(tool, ''), endpoint, args FROM audit_log WHERE id <= 30").run();
      db.prepare("INSERT INTO settings (key, value) VALUES ('audit.ftsIndexedThrough', '30')").run();
      migrate(db);
      expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
      expect(db.prepare<[], { n: number }>('SELECT count(*) AS n FROM audit_log WHERE summary IS NULL').get()?.n).toBe(40);
      db.close();

      const storage = createStorage(file);
      try {
        expect(await verifyChain(storage.audit)).toEqual({ ok: true, rows: 40, from: 1, to: 40 });
        // Old rows are found by what they held (those indexed before, and the rest once the index catches up).
        expect(storage.audit.count({ text: 'pilates' })).toBe(40);
        const audit = createAuditLog(storage, () => 1_800_000_000_000);
        audit.record({ kind: 'mcp', endpoint: 'tools/call', tool: 'update_client_notes', clientId: 'cli_a', args: { client_id: 'cli_1', notes: 'knee' }, sensitive: ['notes'], status: 'ok', durationMs: 2, summary: 'added a note to Anna Nilsson' });
        expect(storage.audit.page({ text: 'anna' }, 10).map((row) => row.summary)).toEqual(['added a note to Anna Nilsson']);
        expect(storage.audit.count({ text: 'nilsson note' })).toBe(1);
        expect(await verifyChain(storage.audit)).toEqual({ ok: true, rows: 41, from: 1, to: 41 });
        // Retention deletes indexed rows through the new index's trigger without corrupting it.
        storage.db.prepare('DELETE FROM audit_log WHERE id <= 5').run();
        expect(() => storage.db.prepare("INSERT INTO audit_fts (audit_fts) VALUES ('integrity-check')").run()).not.toThrow();
        expect(storage.audit.count({ text: 'pilates' })).toBe(35);
      } finally {
        storage.close();
      }
    } finally {
      done();
    }
  });
});
