import { describe, expect, it } from 'vitest';
import type { Clock } from '../../../../src/shared/clock.ts';
import { createServices } from '../../../../src/main/services.ts';
import { createStorage } from '../../../../src/main/storage/index.ts';
import { MIGRATIONS } from '../../../../src/main/storage/migrations/index.ts';
import { databaseAt, schemaNames } from './database-at.ts';

/** 2030-01-01 10:00Z, an hour long, of an online Zoom class. */
const STARTS_AT = 1893492000;
const STUDIO = `
  INSERT INTO classes (id, title, practice, description, mentor_id, timezone, capacity, price_cents, duration_minutes, mode, location_id, video_provider, start_date, start_time, recurrence, created_at, updated_at)
    VALUES ('cls_o', 'Online', 'yoga', '', NULL, 'UTC', 5, 100, 60, 'online', NULL, 'zoom', '2030-01-01', '10:00', NULL, 0, 0);
  INSERT INTO sessions (id, class_id, starts_at, ends_at, status) VALUES ('ses_o', 'cls_o', ${STARTS_AT}, ${STARTS_AT + 3600}, 'scheduled');
  INSERT INTO crm_clients (id, name, email, phone, notes, tags, created_at) VALUES ('cli_a', 'A', NULL, NULL, '', '[]', 0);
  INSERT INTO bookings (id, session_id, client_id, status, paid, price_cents, add_ons, created_at) VALUES ('bkg_1', 'ses_o', 'cli_a', 'confirmed', 0, 100, '[]', 0);
  INSERT INTO session_meetings (session_id, provider, request_key, external_id, join_url, title, starts_at, ends_at, created_at)
    VALUES ('ses_o', 'zoom', 'sgkey', '123', 'https://zoom.example/j/123', 'Online', ${STARTS_AT}, ${STARTS_AT + 3600}, 0);
`;

describe('migration 0008: meeting sync queued by the studio services', () => {
  it('drops the sync triggers and keeps the studio, its meetings and the jobs already queued', () => {
    const { db, file, done } = databaseAt(7);
    try {
      db.pragma('foreign_keys = ON');
      db.exec(STUDIO); // version 7's trigger queues the booking's session
      const queued = db.prepare('SELECT * FROM jobs').all();
      expect(queued).toEqual([expect.objectContaining({ kind: 'meeting', subject: 'ses_o', status: 'queued' })]);
      db.close();

      const storage = createStorage(file); // opening upgrades it
      try {
        expect(storage.db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
        // No sync trigger is left (later versions add triggers of their own, none on the studio's tables).
        expect(schemaNames(storage.db, 'trigger').filter((name) => /meeting|session|sync/.test(name))).toEqual([]);
        expect(schemaNames(storage.db, 'trigger')).toContain('audit_fts_delete');
        expect(storage.db.prepare('SELECT * FROM jobs').all()).toEqual(queued);
        expect(storage.bookings.find('bkg_1')).toMatchObject({ sessionId: 'ses_o', status: 'confirmed' });
        expect(storage.meetings.forSession('ses_o')).toEqual([expect.objectContaining({ externalId: '123', joinUrl: 'https://zoom.example/j/123' })]);

        // A change made behind the services' back queues nothing any more.
        for (const job of storage.jobs.recent(10)) storage.jobs.discard(job.id);
        storage.db.prepare("UPDATE bookings SET status = 'cancelled' WHERE id = 'bkg_1'").run();
        storage.db.prepare("UPDATE classes SET title = 'Renamed' WHERE id = 'cls_o'").run();
        expect(storage.jobs.recent(10)).toEqual([]);
      } finally {
        storage.close();
      }
    } finally {
      done();
    }
  });

  it('the services queue the same work, at the time their clock gives', () => {
    const { db, file, done } = databaseAt(7);
    try {
      db.pragma('foreign_keys = ON');
      db.exec(STUDIO);
      db.exec('DELETE FROM jobs');
      db.close();

      const storage = createStorage(file);
      try {
        let nowMs = (STARTS_AT - 86_400) * 1000 + 250; // the day before, a quarter second into the second
        const clock: Clock = { nowMs: () => nowMs };
        const services = createServices(storage, { clock });
        const jobs = () => storage.jobs.recent(10).map((j) => ({ subject: j.subject, status: j.status, runAfterMs: j.runAfterMs }));

        services.bookings.cancel('bkg_1');
        expect(jobs()).toEqual([{ subject: 'ses_o', status: 'queued', runAfterMs: (STARTS_AT - 86_400) * 1000 }]);

        // A rename looks at sessions not over yet that have a meeting: not once the session has ended.
        for (const job of storage.jobs.recent(10)) storage.jobs.discard(job.id);
        nowMs = (STARTS_AT + 3600) * 1000;
        services.classes.update('cls_o', { title: 'Renamed' });
        expect(jobs()).toEqual([]);
        nowMs = (STARTS_AT + 3599) * 1000;
        services.classes.update('cls_o', { title: 'Renamed again' });
        expect(jobs()).toEqual([{ subject: 'ses_o', status: 'queued', runAfterMs: (STARTS_AT + 3599) * 1000 }]);
      } finally {
        storage.close();
      }
    } finally {
      done();
    }
  });
});
