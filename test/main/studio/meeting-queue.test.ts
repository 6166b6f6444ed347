import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../../src/main/services.ts';
import { migrate } from '../../../src/main/storage/database.ts';
import { createStorage, type Storage } from '../../../src/main/storage/index.ts';
import { seedDemoWorkspace } from '../../../src/main/studio/demo/index.ts';
import { exportWorkspace, importWorkspace, wipeWorkspace } from '../../../src/main/studio/workspace-file.ts';
import { defined } from '../../support/defined.ts';
import { tempDir } from '../../support/gateway.ts';
import { book, firstSession, onlineClass } from '../../support/online-class.ts';

/** The SQL of the sync triggers as migration 4 made them (migration 8 dropped them). */
function shippedSyncTriggers(): string[] {
  const db = new Database(':memory:');
  try {
    migrate(db, ':memory:', 7);
    return db.prepare<[], { sql: string }>("SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name LIKE 'sync_%' ORDER BY name").all().map((r) => r.sql);
  } finally {
    db.close();
  }
}

interface World {
  storage: Storage;
  services: Services;
  done: () => void;
}

/**
 * A studio whose meeting jobs are queued either by the shipped triggers alone (the services' own queueing
 * switched off) or by the services alone (today's schema): the same changes must queue the same jobs.
 */
function world(queuedBy: 'triggers' | 'services'): World {
  const dir = tempDir();
  const storage = createStorage(join(dir, 'studio-gateway.sqlite'));
  let next = 0;
  const services = createServices(storage, { newId: (prefix) => `${prefix}_${String(++next).padStart(6, '0')}` });
  if (queuedBy === 'triggers') {
    for (const sql of shippedSyncTriggers()) storage.db.exec(sql);
    const enqueue = storage.jobs.enqueue;
    storage.jobs.enqueue = (kind, subject, nowMs) => (kind === 'meeting' ? undefined : enqueue(kind, subject, nowMs));
  }
  return { storage, services, done: () => (storage.close(), rmSync(dir, { recursive: true, force: true })) };
}

const queued = (w: World) =>
  w.storage.jobs
    .recent(100_000)
    .map((j) => `${j.kind} ${j.subject} ${j.status}`)
    .sort();

describe('meeting jobs queued by the studio services', () => {
  let worlds: [World, World];
  let now: number;
  beforeEach(() => {
    worlds = [world('triggers'), world('services')];
    now = worlds[1].services.now();
  });
  afterEach(() => {
    for (const w of worlds) w.done();
  });

  /** Makes the same change in both studios and compares what it queued; `expected` says whether it queues at all. */
  function change(what: string, action: (w: World) => void, expected?: 'queues' | 'queues nothing'): void {
    for (const w of worlds) action(w);
    const [byTriggers, byServices] = worlds.map(queued);
    expect(byServices, what).toEqual(byTriggers);
    if (expected === 'queues') expect(byTriggers?.length, what).toBeGreaterThan(0);
    if (expected === 'queues nothing') expect(byTriggers, what).toEqual([]);
    for (const w of worlds) for (const job of w.storage.jobs.recent(100_000)) w.storage.jobs.discard(job.id);
  }

  const seed = () => change('seeding the demo studio', (w) => seedDemoWorkspace(w.storage, { now }), 'queues');
  const meeting = (w: World, sessionId: string, provider: 'google' | 'zoom' = 'zoom') => {
    const session = defined(w.storage.sessions.find(sessionId));
    w.storage.meetings.put({ sessionId, provider, requestKey: `sg${sessionId}`, externalId: 'ext', calendarId: null, joinUrl: 'https://meet.example/x', title: 'T', startsAt: session.startsAt, endsAt: session.endsAt, createdAt: 0 });
  };
  const upcoming = (w: World, classId: string, index = 0) => defined(w.storage.sessions.forClass(classId, now + 3600).filter((s) => s.status === 'scheduled')[index], `session ${index} of ${classId}`);

  it('queue what the triggers queued for bookings made, confirmed, cancelled, paid and deleted', () => {
    seed();
    change('booking an online session', (w) => book(w.services, upcoming(w, 'cls_online_yin').id), 'queues');
    change('booking an in-person session', (w) => book(w.services, upcoming(w, 'cls_morning_vinyasa', 1).id, 'In Person'), 'queues nothing');
    change('a pending booking', (w) => w.services.bookings.create({ sessionId: upcoming(w, 'cls_online_pilates').id, newClient: { name: 'Pen Ding' }, status: 'pending' }), 'queues');
    const pending = (w: World) => defined(w.storage.bookings.list({ clientId: defined(w.storage.customers.list({}, { limit: 1000 }).items.find((c) => c.name === 'Pen Ding')).id }, { limit: 10 }).items[0]);
    change('confirming it', (w) => w.services.bookings.confirm(pending(w).id), 'queues');
    change('marking it paid', (w) => w.services.bookings.markPaid(pending(w).id), 'queues nothing');
    change('cancelling it', (w) => w.services.bookings.cancel(pending(w).id), 'queues');
    change('deleting it', (w) => w.services.bookings.delete(pending(w).id), 'queues');
    change('deleting a booking of an in-person class', (w) => {
      const [b] = w.storage.bookings.list({ classId: 'cls_morning_vinyasa' }, { limit: 1 }).items;
      w.services.bookings.delete(defined(b).id);
    }, 'queues nothing');
  });

  it('queue what the triggers queued for classes changed, moved, rescheduled, cancelled and deleted', () => {
    seed();
    for (const w of worlds) {
      meeting(w, upcoming(w, 'cls_online_breath').id, 'google');
      meeting(w, upcoming(w, 'cls_online_yin', 1).id);
      meeting(w, upcoming(w, 'cls_morning_vinyasa', 2).id); // left from when the class was online
      book(w.services, upcoming(w, 'cls_online_yin', 2).id, 'Yin Booker');
    }
    change('renaming an online class', (w) => w.services.classes.update('cls_online_breath', { title: 'Breath Reset' }), 'queues');
    change('changing what is not synced', (w) => w.services.classes.update('cls_online_yin', { capacity: 31 }), 'queues');
    change('renaming an in-person class with a meeting left', (w) => w.services.classes.update('cls_morning_vinyasa', { title: 'Vinyasa' }), 'queues');
    change('renaming an in-person class', (w) => w.services.classes.update('cls_slow_yin', { title: 'Yin' }));
    change('a longer online class', (w) => w.services.classes.update('cls_online_pilates', { durationMinutes: 40 }), 'queues');
    change('an online class going in person', (w) => w.services.classes.update('cls_online_yin', { mode: 'in_person', locationId: 'loc_stockholm' }), 'queues');
    change('rescheduling an online class', (w) => w.services.classes.reschedule('cls_online_breath', { startTime: '09:00' }), 'queues');
    change('rescheduling an in-person class', (w) => w.services.classes.reschedule('cls_lunch_flow', { startTime: '12:30' }));
    change('cancelling an online session', (w) => w.services.classes.cancelSession(upcoming(w, 'cls_online_pilates', 1).id), 'queues');

    change('a new online class, booked', (w) => {
      const cls = onlineClass(w.services, 'zoom', { weeks: 4, title: 'Four Weeks' });
      const sessions = w.storage.sessions.forClass(cls.id);
      meeting(w, defined(sessions[3]).id);
      w.services.bookings.cancel(book(w.services, defined(sessions[0]).id, 'Four Weeker').id);
    }, 'queues');
    const fourWeeks = (w: World) => defined(w.storage.classes.all().find((c) => c.title === 'Four Weeks'));
    change('a reschedule that drops sessions, one with a meeting', (w) => w.services.classes.reschedule(fourWeeks(w).id, { recurrence: 'FREQ=WEEKLY;COUNT=2' }), 'queues');
    change('deleting a client whose booking was cancelled', (w) => {
      const client = defined(w.storage.customers.list({}, { limit: 1000 }).items.find((c) => c.name === 'Four Weeker'));
      w.services.customers.delete(client.id);
    }, 'queues');
    change('deleting an online class whose session has a meeting', (w) => {
      meeting(w, firstSession(w.services, fourWeeks(w).id).id);
      w.services.classes.delete(fourWeeks(w).id);
    }, 'queues');
    change('deleting an online class with no meeting', (w) => {
      const cls = onlineClass(w.services, 'google_meet', { title: 'One Off' });
      w.services.classes.delete(cls.id);
    }, 'queues nothing');
    change('extending the schedules', (w) => w.services.classes.extendSchedules(), 'queues nothing');
  });

  it('queue what the triggers queued for a workspace wiped and imported', () => {
    seed();
    for (const w of worlds) meeting(w, upcoming(w, 'cls_online_breath').id, 'google');
    const file = JSON.stringify(exportWorkspace(worlds[0].storage, now));
    change('wiping the workspace', (w) => wipeWorkspace(w.storage, now), 'queues');
    change('importing a workspace', (w) => importWorkspace(w.storage, file, now), 'queues');
    change('importing it again over itself', (w) => importWorkspace(w.storage, file, now), 'queues');
  });

  it('roll back with a change that fails', () => {
    seed();
    change('a failed import', (w) => {
      expect(() => importWorkspace(w.storage, JSON.stringify({ ...exportWorkspace(w.storage, now), bookings: [{ ...defined(w.storage.bookings.list({}, { limit: 1 }).items[0]), sessionId: 'ses_missing' }] }), now)).toThrow(/Nothing was imported/);
    }, 'queues nothing');
  });
});
