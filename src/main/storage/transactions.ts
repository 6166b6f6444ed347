import type { Db } from './database.ts';

/**
 * Transactions with their statements prepared once (better-sqlite3's db.transaction(fn) makes a new wrapper per call,
 * and this sits on the path of every audit row). `immediate` takes the write lock up front (BEGIN IMMEDIATE: no
 * SQLITE_BUSY upgrade half-way); `savepoint` nests inside one, undoing only its own changes when `run` throws.
 * `beforeBegin` runs before each BEGIN (the checkpoint thread's turn: checkpointer.ts, yieldToRestart).
 */
export function preparedTransactions(db: Db, beforeBegin: () => void) {
  const begin = db.prepare('BEGIN IMMEDIATE');
  const commit = db.prepare('COMMIT');
  const rollback = db.prepare('ROLLBACK');
  const savepoint = db.prepare('SAVEPOINT nested');
  const release = db.prepare('RELEASE nested');
  const undo = db.prepare('ROLLBACK TO nested');

  /** Runs synchronously: a transaction is never left open across an await. */
  function checked<T>(run: () => T): T {
    const result = run();
    if (result instanceof Promise) throw new TypeError('Transaction function cannot return a promise');
    return result;
  }

  return {
    immediate<T>(run: () => T): T {
      beforeBegin();
      begin.run();
      try {
        const result = checked(run);
        commit.run();
        return result;
      } catch (err) {
        if (db.inTransaction) rollback.run();
        throw err;
      }
    },
    savepoint<T>(run: () => T): T {
      savepoint.run();
      try {
        const result = checked(run);
        release.run();
        return result;
      } catch (err) {
        undo.run();
        release.run();
        throw err;
      }
    },
  };
}

export type Transactions = ReturnType<typeof preparedTransactions>;
