import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { migrate } from '../../../../src/main/storage/database.ts';
import { tempDir } from '../../../support/gateway.ts';

/** A database file at `version`, as an older Studio Gateway left it. */
export function databaseAt(version: number) {
  const dir = tempDir();
  const file = join(dir, 'old.sqlite');
  const db = new Database(file);
  migrate(db, file, version);
  return { db, file, done: () => (db.open && db.close(), rmSync(dir, { recursive: true, force: true })) };
}

/** The names of the schema's objects of one type (table, index, trigger), sorted. */
export function schemaNames(db: Database.Database, type: 'table' | 'index' | 'trigger'): string[] {
  return db.prepare<[string], { name: string }>('SELECT name FROM sqlite_schema WHERE type = ? ORDER BY name').all(type).map((r) => r.name);
}
