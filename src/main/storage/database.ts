import Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations/index.ts';
import { preparePrivateDatabaseFile } from './private-files.ts';

export type Db = Database.Database;

const statements = new WeakMap<Db, Map<string, Database.Statement>>();

/**
 * The prepared statement for SQL composed at run time (a list's filters): prepared once per distinct text and
 * kept, like the fixed statements each repository prepares up front. The texts come from code, never from
 * input (values are bound), so there are few of them.
 */
export function statement<P extends unknown[], R>(db: Db, sql: string): Database.Statement<P, R> {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  let prepared = cache.get(sql);
  if (!prepared) cache.set(sql, (prepared = db.prepare(sql)));
  return prepared as unknown as Database.Statement<P, R>;
}

/** The database was written by a newer Studio Gateway: opening it could lose what that version stored. */
export class DatabaseTooNewError extends Error {
  constructor(file: string, found: number, supported: number) {
    super(
      `${file} was written by a newer Studio Gateway (schema version ${found}; this version knows up to ${supported}). ` +
        'Update Studio Gateway, or point --data-dir at another folder.',
    );
    this.name = 'DatabaseTooNewError';
  }
}

/**
 * How large the WAL may grow before it must start over: the size its file is cut back to when it does (SQLite
 * "PRAGMA journal_size_limit"), and the size past which the checkpoint thread lets it (checkpointer.ts).
 */
export const WAL_SIZE_LIMIT_BYTES = 16 * 2 ** 20;

/**
 * Opens (creating if needed, private to the owner) the gateway's SQLite file and brings its schema up to date;
 * permissions it had to tighten are reported through `warn`.
 * WAL with synchronous=NORMAL: a committed transaction survives a crash of the process (SQLite docs,
 * "Write-Ahead Logging" §"Performance Considerations"); only a power loss can roll back the very last ones.
 */
export function openDatabase(file: string, warn: (message: string) => void = () => undefined): Db {
  for (const warning of preparePrivateDatabaseFile(file)) warn(warning);
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // Once the log starts over, it is cut back to this size (it would otherwise keep the largest size it ever reached).
    db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
    migrate(db, file);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

/**
 * Applies the pending migrations, up to `target` (the latest unless a test asks for an older schema), in one
 * transaction, recording the version reached in `PRAGMA user_version`. MIGRATIONS[i] has version i + 1 (checked
 * where the list is built), so the pending ones are the slice after the current version.
 */
export function migrate(db: Db, file = 'the database', target = MIGRATIONS.length): number {
  const latest = MIGRATIONS.length;
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > latest) throw new DatabaseTooNewError(file, current, latest);
  if (!Number.isInteger(target) || target > latest) throw new RangeError(`No schema version ${target}: this version knows up to ${latest}.`);
  if (current >= target) return current;
  db.transaction(() => {
    for (const migration of MIGRATIONS.slice(current, target)) migration.up(db);
    db.pragma(`user_version = ${target}`);
  }).immediate();
  return target;
}
