import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../../src/main/storage/database.ts';
import { checkMigrations, MIGRATIONS, type Migration } from '../../../../src/main/storage/migrations/index.ts';

const DIR = new URL('../../../../src/main/storage/migrations/', import.meta.url);
/** The triggers version 4 made and version 8 dropped: the studio services queue meeting jobs instead. */
const SYNC_TRIGGERS = ['sync_booking_delete', 'sync_booking_insert', 'sync_booking_status', 'sync_class_change', 'sync_session_change', 'sync_session_delete'];

type SchemaRow = { type: string; name: string; tbl_name: string; sql: string | null };

/**
 * What the single list of migrations (src/main/storage/migrations.ts before the split into files) made at each
 * version: SHA-256 of schemaAt(v) for every version, and the version 7 schema in full.
 */
const shipped = JSON.parse(readFileSync(new URL('shipped-schemas.json', import.meta.url), 'utf8')) as { digests: Record<string, string>; schema7: SchemaRow[] };

/** Everything sqlite_schema holds, in a fixed order: the SQL text as SQLite keeps it, whitespace included. */
function schemaAt(version: number): SchemaRow[] {
  const db = new Database(':memory:');
  try {
    db.pragma('foreign_keys = ON');
    migrate(db, ':memory:', version);
    return db.prepare<[], SchemaRow>('SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name').all();
  } finally {
    db.close();
  }
}

const digest = (rows: SchemaRow[]) => createHash('sha256').update(JSON.stringify(rows)).digest('hex');
const migration = (version: number, name = `m${version}`): Migration => ({ version, name, up: () => undefined });

describe('the migration files', () => {
  it('are numbered by file name, and the index lists each one at its version', async () => {
    const files = readdirSync(DIR).filter((f) => f !== 'index.ts').sort();
    expect(files.every((f) => /^\d{4}-[a-z0-9-]+\.ts$/.test(f))).toBe(true);
    expect(files).toHaveLength(MIGRATIONS.length);
    for (const file of files) {
      const module = (await import(new URL(file, DIR).href)) as Migration;
      expect(module.version, file).toBe(Number(file.slice(0, 4)));
      expect(MIGRATIONS[module.version - 1], file).toBe(module);
    }
  });

  it('must run 1, 2, 3 … in order: a repeat, a gap or a swap is refused when the list is built', () => {
    expect(checkMigrations([migration(1), migration(2)])).toHaveLength(2);
    expect(() => checkMigrations([migration(1), migration(2, 'a'), migration(2, 'b')])).toThrow(/"a" and "b" both have version 2/);
    expect(() => checkMigrations([migration(1), migration(3)])).toThrow(/version 3 at position 2/);
    expect(() => checkMigrations([migration(2), migration(1)])).toThrow(/version 2 at position 1/);
    expect(() => checkMigrations([migration(0)])).toThrow(/version 0 at position 1/);
  });

  it('make, at every shipped version, exactly the schema the single list of migrations made', () => {
    const versions = Object.keys(shipped.digests).map(Number);
    expect(versions).toEqual([1, 2, 3, 4, 5, 6, 7]);
    for (const version of versions) expect(digest(schemaAt(version)), `version ${version}`).toBe(shipped.digests[String(version)]);
    expect(schemaAt(7)).toEqual(shipped.schema7);
  });

  it('end, at version 8, in the version 7 schema without the sync triggers, at version 9 with the audit summary, at 10 with the audit activity indexes, and at the latest with the access-changes count', () => {
    expect(schemaAt(8)).toEqual(shipped.schema7.filter((row) => !(row.type === 'trigger' && SYNC_TRIGGERS.includes(row.name))));
    expect(shipped.schema7.filter((row) => row.type === 'trigger').map((row) => row.name)).toEqual(['audit_fts_delete', ...SYNC_TRIGGERS]);
    const changed = (rows: SchemaRow[]) => rows.filter((row) => !schemaAt(8).some((old) => JSON.stringify(old) === JSON.stringify(row))).map((row) => row.name);
    expect(changed(schemaAt(9)).sort()).toEqual(['audit_fts', 'audit_fts_delete', 'audit_log']);
    const added = schemaAt(10).filter((row) => !schemaAt(9).some((old) => JSON.stringify(old) === JSON.stringify(row)));
    expect(added.map((row) => `${row.type} ${row.name}`).sort()).toEqual(['index audit_activity', 'index audit_activity_by_client']);
    expect(schemaAt(9).every((old) => schemaAt(10).some((row) => JSON.stringify(old) === JSON.stringify(row)))).toBe(true);
    const addedAt11 = schemaAt(11).filter((row) => !schemaAt(10).some((old) => JSON.stringify(old) === JSON.stringify(row)));
    expect(addedAt11.map((row) => `${row.type} ${row.name}`).sort()).toEqual([
      'table access_changes',
      ...['access_token_deleted', 'access_token_inserted', 'access_token_updated', 'client_deleted', 'client_inserted', 'client_updated', 'grant_deleted', 'grant_inserted', 'grant_updated'].map((t) => `trigger ${t}`),
    ]);
    expect(schemaAt(10).every((old) => schemaAt(11).some((row) => JSON.stringify(old) === JSON.stringify(row)))).toBe(true);
    expect(MIGRATIONS).toHaveLength(11);
  });
});

describe('migrate', () => {
  it('stops at the version asked for, goes on from there later, and knows no version past the latest', () => {
    const db = new Database(':memory:');
    try {
      expect(migrate(db, ':memory:', 3)).toBe(3);
      expect(db.pragma('user_version', { simple: true })).toBe(3);
      expect(db.prepare("SELECT name FROM sqlite_schema WHERE name IN ('audit_log', 'jobs')").all()).toEqual([{ name: 'audit_log' }]);
      expect(migrate(db, ':memory:', 2)).toBe(3); // never backwards
      expect(() => migrate(db, ':memory:', MIGRATIONS.length + 1)).toThrow(RangeError);
      expect(migrate(db)).toBe(MIGRATIONS.length);
      expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    } finally {
      db.close();
    }
  });
});
