import type { Db } from './database.ts';
import type { Transactions } from './transactions.ts';

interface Job {
  write: () => unknown;
  resolve: (value: unknown) => void;
  reject: (reason: unknown) => void;
}

export interface GroupCommit {
  /**
   * Runs `write` in the next group's transaction, in a savepoint of its own, and resolves with what it returned once
   * that transaction is committed. If `write` throws, its own changes are undone (the group's others are kept) and
   * the promise rejects with what it threw; if the commit fails, every write of the group rejects with that error.
   */
  submit<T>(write: () => T): Promise<T>;
  /** Runs and commits the writes waiting now (an empty call does nothing). */
  flush(): void;
  /** Groups committed (or failed) so far, and the writes they held. */
  stats(): { groups: number; writes: number };
}

/**
 * Group commit: writes that must be committed before a request is answered, gathered from the requests in progress
 * and committed together in one transaction, each answer waiting for its own group (PostgreSQL's commit_delay, MySQL's
 * binlog group commit). A group is the writes submitted while the event loop handles what is ready (its poll phase);
 * it runs right after (setImmediate), synchronously, from BEGIN IMMEDIATE to COMMIT: no transaction is ever left
 * open across an await, so code that does not use the group (background jobs, control calls) never finds its own
 * writes held in someone else's open transaction, and a write of theirs committed on return stays committed.
 * A request alone waits one turn of the event loop; ten at once share one commit instead of making ten.
 */
export function createGroupCommit(db: Db, transactions: Transactions, schedule: (run: () => void) => void = setImmediate): GroupCommit {
  let waiting: Job[] = [];
  let groups = 0;
  let writes = 0;

  function flush(): void {
    if (waiting.length === 0) return;
    // Called from inside someone's transaction: the group waits for the next turn rather than join it.
    if (db.inTransaction) return schedule(flush);
    const jobs = waiting;
    waiting = [];
    groups++;
    writes += jobs.length;
    const results: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    try {
      transactions.immediate(() => {
        for (const job of jobs) {
          try {
            results.push({ ok: true, value: transactions.savepoint(job.write) });
          } catch (error) {
            results.push({ ok: false, error });
          }
        }
      });
    } catch (err) {
      for (const job of jobs) job.reject(err);
      return;
    }
    jobs.forEach((job, i) => {
      const result = results[i];
      if (result?.ok) job.resolve(result.value);
      else job.reject(result?.error);
    });
  }

  return {
    submit<T>(write: () => T): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        if (waiting.length === 0) schedule(flush);
        waiting.push({ write, resolve: resolve as (value: unknown) => void, reject });
      });
    },
    flush,
    stats: () => ({ groups, writes }),
  };
}
