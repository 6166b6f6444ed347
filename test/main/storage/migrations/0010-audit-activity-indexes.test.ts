import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { AGENT_ACTIVITY, outcomeCondition } from '../../../../src/main/storage/audit-conditions.ts';
import { migrate } from '../../../../src/main/storage/database.ts';
import { createStorage } from '../../../../src/main/storage/index.ts';
import { MIGRATIONS } from '../../../../src/main/storage/migrations/index.ts';
import { databaseAt, schemaNames } from './database-at.ts';

/** What a count of the log's first view asks SQLite, and how SQLite means to answer it. */
function countPlan(db: Database.Database, sql: string, params: unknown[]): string {
  return db
    .prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN SELECT count(*) FROM audit_log a WHERE ${sql}`)
    .all(...params)
    .map((r) => r.detail)
    .join(' | ');
}

describe('migrations on a database an older version wrote', () => {
  it('audit activity indexes: rows stay, and the first view’s counts are answered from the new indexes', async () => {
    const index = MIGRATIONS.findIndex((m) => m.name.startsWith('Audit: indexes of what agents did'));
    const { db, file, done } = databaseAt(index);
    try {
      // A log as version 9 left it: tool calls, the owner's decisions, and technical events.
      const insert = db.prepare(
        "INSERT INTO audit_log (id, ts_ms, kind, endpoint, tool, client_id, client_name, grant_id, actor, args, args_truncated, status, reason, http_status, duration_ms, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, 'A', NULL, NULL, '{}', 0, ?, ?, ?, 1, x'00', x'00')",
      );
      let id = 0;
      const row = (kind: string, endpoint: string, tool: string | null, client: string | null, status: string, reason: string | null, http: number | null) => insert.run(++id, id, kind, endpoint, tool, client, status, reason, http);
      for (let i = 0; i < 30; i++) {
        row('mcp', 'tools/call', 'get_profile', `cli_${i % 3}`, i % 4 ? 'ok' : 'refused', i % 4 ? null : 'approval_timeout', null);
        row('mcp', 'initialize', null, `cli_${i % 3}`, 'ok', null, null);
        row('oauth', 'token', null, `cli_${i % 3}`, 'ok', null, 200);
        if (i % 10 === 0) row('control', 'gateway.setPaused', null, null, 'ok', null, null);
        if (i % 10 === 1) row('mcp', 'mcp', null, 'cli_1', 'refused', 'rate_limited: over 1 at once', 429);
      }
      expect(schemaNames(db, 'index')).not.toContain('audit_activity');
      db.close();

      const storage = createStorage(file);
      try {
        expect(storage.db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
        expect(schemaNames(storage.db, 'index')).toEqual(expect.arrayContaining(['audit_activity', 'audit_activity_by_client']));
        expect(storage.audit.count({})).toBe(96);
        expect(storage.audit.count({ activityOnly: true })).toBe(30 + 3 + 3);
        expect(storage.audit.count({ activityOnly: true, clientId: 'cli_1' })).toBe(10 + 3);
        expect(storage.audit.count({ activityOnly: true, outcome: 'timed_out' })).toBe(8);

        // The condition the log asks is the indexes' own, so SQLite answers the counts from them.
        const [activity, ...none] = AGENT_ACTIVITY;
        expect(none).toEqual([]);
        expect(countPlan(storage.db, activity, [])).toMatch(/INDEX audit_activity/);
        // (A condition that differs, even by a unary plus, is not recognised.)
        expect(countPlan(storage.db, activity.replace('a.tool', '+a.tool'), [])).not.toMatch(/audit_activity/);
        const [outcome, ...params] = outcomeCondition('timed_out', true);
        expect(countPlan(storage.db, `(${activity}) AND (${outcome})`, params)).toMatch(/INDEX audit_activity \(status=\?\)/);
        expect(countPlan(storage.db, `a.client_id = ? AND (${activity})`, ['cli_1'])).toContain('audit_activity_by_client');
      } finally {
        storage.close();
      }
    } finally {
      done();
    }
  });

  it('runs after version 9, once', () => {
    const { db, done } = databaseAt(MIGRATIONS.length - 1);
    try {
      expect(migrate(db)).toBe(MIGRATIONS.length);
      expect(migrate(db)).toBe(MIGRATIONS.length);
    } finally {
      done();
    }
  });
});
