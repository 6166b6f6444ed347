import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DomainError } from '../../../src/main/errors.ts';
import { ProviderError } from '../../../src/main/providers/provider-error.ts';
import { createJobRunner, MAX_ATTEMPTS, retryDelayMs, type JobHandler } from '../../../src/main/providers/sync/job-runner.ts';
import { createServices, type Services } from '../../../src/main/services.ts';
import { createStorage, type Storage } from '../../../src/main/storage/index.ts';
import { seedDemoWorkspace } from '../../../src/main/studio/demo/index.ts';
import { memoryLogger, tempDir } from '../../support/gateway.ts';
import { defined } from '../../support/defined.ts';
import { book, firstSession, onlineClass } from '../../support/online-class.ts';

describe('background jobs', () => {
  let dir: string;
  let storage: Storage;
  let services: Services;
  let clock: number;
  beforeEach(() => {
    dir = tempDir();
    storage = createStorage(join(dir, 'studio-gateway.sqlite'));
    services = createServices(storage);
    clock = Date.now();
  });
  afterEach(() => {
    storage.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const runner = (meeting: JobHandler, busy: JobHandler = async () => null) => createJobRunner({ storage, handlers: { meeting, busy }, log: memoryLogger(), clock: () => clock });
  const jobs = () => storage.jobs.recent(100);

  it('backs off exponentially, with jitter, up to 30 minutes', () => {
    expect(retryDelayMs(1, () => 0.5)).toBe(5_000);
    expect(retryDelayMs(2, () => 0.5)).toBe(10_000);
    expect(retryDelayMs(5, () => 0.5)).toBe(80_000);
    expect(retryDelayMs(30, () => 0.5)).toBe(30 * 60_000);
    expect(retryDelayMs(1, () => 0)).toBe(4_000);
    expect(retryDelayMs(1, () => 1)).toBe(6_000);
  });

  it('records what a job did, and leaves no trace of one that had nothing to do', async () => {
    storage.jobs.enqueue('meeting', 'ses_a', clock);
    storage.jobs.enqueue('meeting', 'ses_b', clock);
    await runner(async (subject) => (subject === 'ses_a' ? 'created the Zoom meeting' : null)).drain();
    expect(jobs()).toEqual([expect.objectContaining({ subject: 'ses_a', status: 'done', result: 'created the Zoom meeting', attempts: 1 })]);
  });

  it('retries a failure that may pass, later each time, and gives up after the last attempt with the reason', async () => {
    storage.jobs.enqueue('meeting', 'ses_a', clock);
    const r = runner(async () => {
      throw new ProviderError('zoom', 'provider_unavailable', 'Zoom had a server error (503).', { retryable: true });
    });
    const waits: number[] = [];
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      await r.drain();
      const [job] = jobs();
      expect(job?.attempts).toBe(attempt);
      if (job?.status === 'queued') {
        waits.push(job.runAfterMs - clock);
        clock = job.runAfterMs;
      }
    }
    expect(waits).toHaveLength(MAX_ATTEMPTS - 1);
    for (let i = 1; i < waits.length; i++) expect(waits[i]).toBeGreaterThan(defined(waits[i - 1]) * 1.3);
    expect(jobs()[0]).toMatchObject({ status: 'failed', lastError: 'Zoom had a server error (503).' });
  });

  it('stops at once on a refusal a retry would meet again', async () => {
    storage.jobs.enqueue('meeting', 'ses_a', clock);
    await runner(async () => {
      throw new DomainError('provider_not_connected', 'Zoom is not connected.');
    }).drain();
    expect(jobs()[0]).toMatchObject({ status: 'failed', attempts: 1, lastError: 'Zoom is not connected.' });
  });

  it('retries an unexpected error without showing its internals', async () => {
    storage.jobs.enqueue('meeting', 'ses_a', clock);
    await runner(async () => {
      throw new TypeError('cannot read x of undefined at /home/secret/path');
    }).drain();
    expect(jobs()[0]).toMatchObject({ status: 'queued', lastError: 'Internal error; the gateway log has the details.' });
  });

  it('runs a job again after a crash left it running', async () => {
    storage.jobs.enqueue('meeting', 'ses_a', clock);
    expect(storage.jobs.claimDue(clock)?.status).toBe('running'); // then the process died
    const r = runner(async () => 'done after restart');
    r.start();
    await r.drain();
    await r.stop();
    expect(jobs()[0]).toMatchObject({ status: 'done', attempts: 2, result: 'done after restart' });
  });

  it('queues one job per subject however many changes arrive, and a change while it runs queues one more run', async () => {
    storage.jobs.enqueue('meeting', 'ses_a', clock + 60_000);
    storage.jobs.enqueue('meeting', 'ses_a', clock);
    expect(jobs()).toHaveLength(1);
    expect(jobs()[0]?.runAfterMs).toBe(clock); // brought forward
    let runs = 0;
    await runner(async () => {
      runs++;
      if (runs === 1) storage.jobs.enqueue('meeting', 'ses_a', clock); // a change arrives mid-run
      return `run ${runs}`;
    }).drain();
    expect(runs).toBe(2);
  });

  it('a failed job the owner retries runs again', async () => {
    storage.jobs.enqueue('meeting', 'ses_a', clock);
    let fail = true;
    const r = runner(async () => {
      if (fail) throw new DomainError('provider_refused', 'Zoom refused the request (400).');
      return 'created';
    });
    await r.drain();
    const [failed] = jobs();
    expect(failed?.status).toBe('failed');
    fail = false;
    expect(storage.jobs.retryNow(defined(failed).id, clock)).toBe(true);
    expect(storage.jobs.retryNow(defined(failed).id, clock)).toBe(false); // queued now, not failed
    await r.drain();
    expect(jobs()[0]).toMatchObject({ status: 'done', result: 'created' });
  });

  describe('sync triggers (in the same transaction as the change)', () => {
    beforeEach(() => {
      seedDemoWorkspace(storage, { now: services.now() });
      for (const job of storage.jobs.recent(10_000)) storage.jobs.discard(job.id);
    });

    it('queue the session when a booking on an online class is made, confirmed, cancelled or deleted', () => {
      const session = firstSession(services, onlineClass(services, 'zoom').id);
      const booking = book(services, session.id);
      expect(jobs().map((j) => [j.kind, j.subject])).toEqual([['meeting', session.id]]);
      storage.jobs.discard(defined(jobs()[0]).id);
      services.bookings.cancel(booking.id);
      expect(jobs().map((j) => j.subject)).toEqual([session.id]);
      storage.jobs.discard(defined(jobs()[0]).id);
      services.bookings.delete(booking.id);
      expect(jobs().map((j) => j.subject)).toEqual([session.id]);
    });

    it('leave in-person classes alone', () => {
      const inPerson = defined(storage.classes.all().find((c) => c.mode === 'in_person'));
      const session = defined(storage.sessions.forClass(inPerson.id, services.now()).find((s) => s.status === 'scheduled'));
      book(services, session.id);
      services.classes.reschedule(inPerson.id, { startTime: '06:00' });
      expect(jobs()).toEqual([]);
    });

    it('queue every upcoming booked session of a class that moves', () => {
      const cls = onlineClass(services, 'google_meet', { weeks: 3 });
      for (const s of storage.sessions.forClass(cls.id)) book(services, s.id);
      for (const job of jobs()) storage.jobs.discard(job.id);
      services.classes.reschedule(cls.id, { startTime: '07:00' });
      expect(jobs().map((j) => j.subject).sort()).toEqual(storage.sessions.forClass(cls.id).map((s) => s.id).sort());
    });

    it('roll back with the change that queued them', () => {
      const session = firstSession(services, onlineClass(services, 'zoom').id);
      expect(() =>
        storage.transaction(() => {
          book(services, session.id);
          throw new Error('the change fails');
        }),
      ).toThrow('the change fails');
      expect(jobs()).toEqual([]);
    });
  });
});
