import { describe, expect, it } from 'vitest';
import { migrate } from '../../../../src/main/storage/database.ts';
import { MIGRATIONS } from '../../../../src/main/storage/migrations/index.ts';
import { databaseAt } from './database-at.ts';

const STUDIO = `
  INSERT INTO classes (id, title, practice, description, mentor_id, timezone, capacity, price_cents, duration_minutes, mode, location_id, video_provider, start_date, start_time, recurrence, created_at, updated_at)
    VALUES ('cls_o', 'Online', 'yoga', '', NULL, 'UTC', 5, 100, 60, 'online', NULL, 'zoom', '2030-01-01', '10:00', NULL, 0, 0);
  INSERT INTO sessions (id, class_id, starts_at, ends_at, status) VALUES ('ses_o', 'cls_o', 1893492000, 1893495600, 'scheduled');
  INSERT INTO crm_clients (id, name, email, phone, notes, tags, created_at) VALUES ('cli_a', 'A', NULL, NULL, '', '[]', 0);
  INSERT INTO bookings (id, session_id, client_id, status, paid, price_cents, add_ons, created_at) VALUES ('bkg_1', 'ses_o', 'cli_a', 'confirmed', 0, 100, '[]', 0);
`;

describe('migrations on a database an older version wrote', () => {
  // Version 4 queued meeting jobs from triggers; version 8 drops them (the studio services queue instead), so this
  // upgrade stops at the version under test.
  it('provider connections: online bookings made before the upgrade are left alone, new changes queue their session', () => {
    const index = MIGRATIONS.findIndex((m) => m.name.startsWith('Provider connections'));
    const { db, done } = databaseAt(index);
    try {
      db.exec(`
        INSERT INTO classes (id, title, practice, description, mentor_id, timezone, capacity, price_cents, duration_minutes, mode, location_id, video_provider, start_date, start_time, recurrence, created_at, updated_at)
          VALUES ('cls_o', 'Online', 'yoga', '', NULL, 'UTC', 5, 100, 60, 'online', NULL, 'zoom', '2030-01-01', '10:00', NULL, 0, 0);
        INSERT INTO sessions (id, class_id, starts_at, ends_at, status) VALUES ('ses_o', 'cls_o', 1893492000, 1893495600, 'scheduled');
        INSERT INTO crm_clients (id, name, email, phone, notes, tags, created_at) VALUES ('cli_a', 'A', NULL, NULL, '', '[]', 0);
        INSERT INTO bookings (id, session_id, client_id, status, paid, price_cents, add_ons, created_at) VALUES ('bkg_1', 'ses_o', 'cli_a', 'confirmed', 0, 100, '[]', 0);
      `);
      migrate(db, 'old.sqlite', index + 1);
      expect(db.prepare('SELECT count(*) AS n FROM jobs').get()).toEqual({ n: 0 });
      db.prepare("UPDATE bookings SET status = 'cancelled' WHERE id = 'bkg_1'").run();
      expect(db.prepare('SELECT kind, subject, status FROM jobs').all()).toEqual([{ kind: 'meeting', subject: 'ses_o', status: 'queued' }]);
    } finally {
      done();
    }
  });

  it('provider connections: the studio is kept, and the new tables check what they hold and keep one queued job per subject', () => {
    const { db, done } = databaseAt(3);
    try {
      db.pragma('foreign_keys = ON');
      db.exec(STUDIO);
      migrate(db, 'old.sqlite', 4);
      expect(db.prepare('SELECT id, status FROM bookings').all()).toEqual([{ id: 'bkg_1', status: 'confirmed' }]);
      expect(db.prepare('SELECT id, starts_at FROM sessions').all()).toEqual([{ id: 'ses_o', starts_at: 1893492000 }]);

      db.prepare("INSERT INTO provider_credentials (entry, sealed, updated_at) VALUES ('zoom', x'0102', 1)").run();
      expect(() => db.prepare("INSERT INTO provider_credentials (entry, sealed, updated_at) VALUES ('dropbox', x'01', 1)").run()).toThrow(/CHECK constraint failed/);
      expect(() => db.prepare("INSERT INTO provider_connections (provider, status, updated_at) VALUES ('zoom', 'connected', 'now')").run()).toThrow(/cannot store TEXT value in INTEGER column/);
      db.prepare("INSERT INTO session_meetings (session_id, provider, request_key, created_at) VALUES ('ses_o', 'zoom', 'sgkey', 1)").run();
      expect(() => db.prepare("INSERT INTO session_meetings (session_id, provider, request_key, created_at) VALUES ('ses_o', 'zoom', 'again', 1)").run()).toThrow(/UNIQUE constraint failed/);

      const enqueue = db.prepare(
        `INSERT INTO jobs (kind, subject, status, run_after_ms, created_at_ms, updated_at_ms) VALUES ('busy', 'google', 'queued', ?, 1, 1)
         ON CONFLICT (kind, subject) WHERE status = 'queued' DO UPDATE SET run_after_ms = min(run_after_ms, excluded.run_after_ms)`,
      );
      enqueue.run(500);
      enqueue.run(200);
      enqueue.run(900);
      expect(db.prepare("SELECT run_after_ms FROM jobs WHERE kind = 'busy'").all()).toEqual([{ run_after_ms: 200 }]);
      db.prepare("UPDATE jobs SET status = 'running' WHERE kind = 'busy'").run();
      enqueue.run(1000); // one may run while the next waits
      expect(db.prepare("SELECT status FROM jobs WHERE kind = 'busy' ORDER BY id").all()).toEqual([{ status: 'running' }, { status: 'queued' }]);
    } finally {
      done();
    }
  });
});
