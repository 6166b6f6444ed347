import type { Db } from './database.ts';

export type JobKind = 'meeting' | 'busy';
export type JobStatus = 'queued' | 'running' | 'done' | 'failed';

export interface Job {
  id: number;
  kind: JobKind;
  /** The session id (meeting) or the provider (busy). */
  subject: string;
  status: JobStatus;
  attempts: number;
  runAfterMs: number;
  lastError: string | null;
  /** What the job did, in words for the panel. */
  result: string | null;
  createdAtMs: number;
  updatedAtMs: number;
}

interface Row {
  id: number;
  kind: JobKind;
  subject: string;
  status: JobStatus;
  attempts: number;
  run_after_ms: number;
  last_error: string | null;
  result: string | null;
  created_at_ms: number;
  updated_at_ms: number;
}

const toModel = (r: Row): Job => ({
  id: r.id,
  kind: r.kind,
  subject: r.subject,
  status: r.status,
  attempts: r.attempts,
  runAfterMs: r.run_after_ms,
  lastError: r.last_error,
  result: r.result,
  createdAtMs: r.created_at_ms,
  updatedAtMs: r.updated_at_ms,
});

/**
 * Durable background jobs. At most one queued job per (kind, subject): queueing again while one waits brings it
 * forward instead. Meeting jobs are queued by the studio services (studio/meeting-queue.ts), busy-time refreshes by
 * the busy sync.
 */
export function createJobsRepo(db: Db) {
  const enqueue = db.prepare<[JobKind, string, number, number, number]>(
    `INSERT INTO jobs (kind, subject, status, run_after_ms, created_at_ms, updated_at_ms) VALUES (?, ?, 'queued', ?, ?, ?)
     ON CONFLICT (kind, subject) WHERE status = 'queued' DO UPDATE SET run_after_ms = min(run_after_ms, excluded.run_after_ms)`,
  );
  const due = db.prepare<[number], Row>("SELECT * FROM jobs WHERE status = 'queued' AND run_after_ms <= ? ORDER BY run_after_ms, id LIMIT 1");
  const claim = db.prepare<[number, number]>("UPDATE jobs SET status = 'running', attempts = attempts + 1, updated_at_ms = ? WHERE id = ? AND status = 'queued'");
  const find = db.prepare<[number], Row>('SELECT * FROM jobs WHERE id = ?');
  const finish = db.prepare<[string | null, number, number]>("UPDATE jobs SET status = 'done', result = ?, last_error = NULL, updated_at_ms = ? WHERE id = ?");
  const giveUp = db.prepare<[string, number, number]>("UPDATE jobs SET status = 'failed', last_error = ?, updated_at_ms = ? WHERE id = ?");
  const retry = db.prepare<[string, number, number, number]>("UPDATE jobs SET status = 'queued', last_error = ?, run_after_ms = ?, updated_at_ms = ? WHERE id = ?");
  const queuedSibling = db.prepare<[JobKind, string], { id: number }>("SELECT id FROM jobs WHERE kind = ? AND subject = ? AND status = 'queued'");
  const remove = db.prepare<[number]>('DELETE FROM jobs WHERE id = ?');
  const interrupted = db.prepare<[], Row>("SELECT * FROM jobs WHERE status = 'running'");
  const recent = db.prepare<[number], Row>("SELECT * FROM jobs ORDER BY CASE status WHEN 'running' THEN 0 WHEN 'queued' THEN 1 WHEN 'failed' THEN 2 ELSE 3 END, updated_at_ms DESC, id DESC LIMIT ?");
  const counts = db.prepare<[], { status: JobStatus; n: number }>('SELECT status, count(*) AS n FROM jobs GROUP BY status');
  const pruneDone = db.prepare<[number]>("DELETE FROM jobs WHERE status = 'done' AND updated_at_ms < ?");

  /** Back to the queue, unless a newer change queued the same work meanwhile: then that one does it. */
  function requeue(job: Row, error: string, runAfterMs: number, nowMs: number): void {
    if (queuedSibling.get(job.kind, job.subject)) remove.run(job.id);
    else retry.run(error.slice(0, 500), runAfterMs, nowMs, job.id);
  }

  return {
    enqueue(kind: JobKind, subject: string, nowMs: number): void {
      enqueue.run(kind, subject, nowMs, nowMs, nowMs);
    },
    /** Takes the next due job and marks it running, or returns undefined. */
    claimDue(nowMs: number): Job | undefined {
      return db.transaction(() => {
        const row = due.get(nowMs);
        if (!row || claim.run(nowMs, row.id).changes !== 1) return undefined;
        const claimed = find.get(row.id);
        return claimed && toModel(claimed);
      }).immediate();
    },
    complete(id: number, result: string | null, nowMs: number): void {
      finish.run(result, nowMs, id);
    },
    /** Nothing was there to do: the job leaves no trace in the panel. */
    discard(id: number): void {
      remove.run(id);
    },
    /** Schedules another try at `retryAtMs`, or gives up (`failed`) when retryAtMs is null. */
    fail(id: number, error: string, retryAtMs: number | null, nowMs: number): void {
      db.transaction(() => {
        const row = find.get(id);
        if (!row) return;
        if (retryAtMs === null) giveUp.run(error.slice(0, 500), nowMs, id);
        else requeue(row, error, retryAtMs, nowMs);
      }).immediate();
    },
    /** A failed job, run again now at the owner's request. */
    retryNow(id: number, nowMs: number): boolean {
      return db.transaction(() => {
        const row = find.get(id);
        if (!row || row.status !== 'failed') return false;
        requeue(row, row.last_error ?? '', nowMs, nowMs);
        return true;
      }).immediate();
    },
    /** After a crash, jobs that were running when the process died run again (they are idempotent). */
    requeueInterrupted(nowMs: number): number {
      return db.transaction(() => {
        const rows = interrupted.all();
        for (const row of rows) requeue(row, row.last_error ?? 'interrupted: the gateway stopped while this ran', nowMs, nowMs);
        return rows.length;
      }).immediate();
    },
    /** Running and queued first, then failed, then the latest done. */
    recent: (limit: number): Job[] => recent.all(limit).map(toModel),
    counts(): Record<JobStatus, number> {
      const result: Record<JobStatus, number> = { queued: 0, running: 0, done: 0, failed: 0 };
      for (const row of counts.all()) result[row.status] = row.n;
      return result;
    },
    pruneDone: (beforeMs: number) => pruneDone.run(beforeMs).changes,
  };
}
export type JobsRepo = ReturnType<typeof createJobsRepo>;
