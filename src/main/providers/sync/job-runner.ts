import { DomainError } from '../../errors.ts';
import type { Logger } from '../../log.ts';
import type { Job, JobKind } from '../../storage/jobs-repo.ts';
import type { Storage } from '../../storage/index.ts';
import { ProviderError } from '../provider-error.ts';

/** A job's work: what it did in words, or null when there was nothing to do (the job then leaves no trace). */
export type JobHandler = (subject: string) => Promise<string | null>;

export const MAX_ATTEMPTS = 8;
const FIRST_RETRY_MS = 5_000;
const MAX_RETRY_MS = 30 * 60_000;
const DONE_KEPT_MS = 7 * 24 * 60 * 60_000;

/** Exponential backoff with ±20 % jitter: 5 s, 10 s, 20 s … capped at 30 min. */
export function retryDelayMs(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1));
  return Math.round(base * (0.8 + 0.4 * random()));
}

/**
 * Runs background jobs from the jobs table one at a time (so two jobs never work on one session at once): due
 * ones first, retried with backoff when the failure may pass (network, 429, 5xx), stopped with the reason when it
 * will not (a refusal, a revoked connection). Jobs interrupted by a crash run again at start.
 */
export function createJobRunner(deps: { storage: Storage; handlers: Record<JobKind, JobHandler>; log: Logger; clock?: () => number; pollMs?: number }) {
  const { storage, log } = deps;
  const clock = deps.clock ?? Date.now;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;

  async function runOne(job: Job): Promise<void> {
    try {
      const result = await deps.handlers[job.kind](job.subject);
      if (result === null) storage.jobs.discard(job.id);
      else storage.jobs.complete(job.id, result, clock());
    } catch (err) {
      const known = err instanceof DomainError;
      const retryable = err instanceof ProviderError ? err.retryable : !known;
      const message = known ? err.message : 'Internal error; the gateway log has the details.';
      if (!known) log.error(`job ${job.kind} ${job.id} failed`, err);
      const again = retryable && job.attempts < MAX_ATTEMPTS;
      storage.jobs.fail(job.id, message, again ? clock() + retryDelayMs(job.attempts) : null, clock());
    }
  }

  async function runDue(): Promise<number> {
    let count = 0;
    for (let job = storage.jobs.claimDue(clock()); job; job = storage.jobs.claimDue(clock())) {
      await runOne(job);
      count++;
    }
    return count;
  }

  /** Runs what is due unless a run is under way; the next tick picks up anything queued meanwhile. */
  function tick(): Promise<number> {
    running ??= runDue().finally(() => {
      running = undefined;
    });
    return running;
  }

  return {
    start(): void {
      storage.jobs.requeueInterrupted(clock());
      storage.jobs.pruneDone(clock() - DONE_KEPT_MS);
      timer = setInterval(() => void tick().catch((err: unknown) => log.error('background jobs failed', err)), deps.pollMs ?? 1000);
      timer.unref();
    },
    /** Runs every due job, including ones queued while it runs, and resolves when none is due. */
    async drain(): Promise<number> {
      let total = 0;
      for (;;) {
        if (running) await running.catch(() => 0);
        const count = await tick();
        total += count;
        if (count === 0) return total;
      }
    },
    async stop(): Promise<void> {
      clearInterval(timer);
      await running?.catch(() => 0);
    },
  };
}
export type JobRunner = ReturnType<typeof createJobRunner>;
