import type Database from 'better-sqlite3';
import * as m0001 from './0001-oauth-core.ts';
import * as m0002 from './0002-studio-workspace.ts';
import * as m0003 from './0003-audit-log.ts';
import * as m0004 from './0004-provider-connections.ts';
import * as m0005 from './0005-audit-client-index.ts';
import * as m0006 from './0006-owner-sign-in-without-cookies.ts';
import * as m0007 from './0007-client-metadata-documents.ts';
import * as m0008 from './0008-meeting-sync-queued-by-services.ts';
import * as m0009 from './0009-audit-summary.ts';
import * as m0010 from './0010-audit-activity-indexes.ts';
import * as m0011 from './0011-access-changes-counter.ts';

/** One schema change: `up` takes a database from `version - 1` to `version` (recorded in `PRAGMA user_version`). */
export interface Migration {
  readonly version: number;
  /** What the migration does, for humans. */
  readonly name: string;
  readonly up: (db: Database.Database) => void;
}

/**
 * Checks that the versions run 1, 2, 3 … in list order, each once: `user_version` counts the migrations applied,
 * so a gap, a repeat or a swap would skip or replay one on owners' databases.
 */
export function checkMigrations(list: readonly Migration[]): readonly Migration[] {
  const seen = new Map<number, string>();
  list.forEach((migration, i) => {
    const earlier = seen.get(migration.version);
    if (earlier !== undefined) throw new Error(`Migrations "${earlier}" and "${migration.name}" both have version ${migration.version}; give the newer one the next free version.`);
    seen.set(migration.version, migration.name);
    if (migration.version !== i + 1) {
      throw new Error(`Migration "${migration.name}" has version ${migration.version} at position ${i + 1}: versions must run 1, 2, 3 … in order, without a gap.`);
    }
  });
  return list;
}

/**
 * Every migration, oldest first: one file each, named by its version (Signal-Desktop's ts/sql/migrations). Never edit
 * what a shipped migration does to a database; append a new one. There are no automatic `down` migrations: they
 * would drop owners' data. Every table is STRICT so a wrong type is an error, not a silent coercion. The SQL of
 * shipped migrations is kept byte for byte, indentation included: SQLite stores that text in sqlite_schema.
 */
export const MIGRATIONS: readonly Migration[] = checkMigrations([m0001, m0002, m0003, m0004, m0005, m0006, m0007, m0008, m0009, m0010, m0011]);
