import { describe, expect, it } from 'vitest';
import { migrate } from '../../../../src/main/storage/database.ts';
import { databaseAt } from './database-at.ts';

describe('migration 0002: studio workspace', () => {
  it('keeps the owner and the OAuth rows, adds the home columns empty, and the studio tables hold their rules', () => {
    const { db, done } = databaseAt(1);
    try {
      db.pragma('foreign_keys = ON');
      db.exec(`
        INSERT INTO owner_profile (id, name, email, email_verified, account_type, settings, updated_at) VALUES ('own_1', 'Ana', 'ana@example.com', 1, 'mentor', '{"a":1}', 5);
        INSERT INTO clients (client_id, client_name, origin, metadata, created_at) VALUES ('c1', 'Cursor', 'registration', '{}', 1);
        INSERT INTO grants (grant_id, client_id, payload, created_at, expires_at) VALUES ('g1', 'c1', '{}', 1, 2);
      `);
      migrate(db, 'old.sqlite', 2);
      expect(db.prepare('SELECT * FROM owner_profile').all()).toEqual([
        { id: 'own_1', name: 'Ana', email: 'ana@example.com', email_verified: 1, account_type: 'mentor', settings: '{"a":1}', updated_at: 5, home_label: null, home_lat: null, home_lng: null },
      ]);
      expect(db.prepare('SELECT grant_id, client_id FROM grants').all()).toEqual([{ grant_id: 'g1', client_id: 'c1' }]);
      expect(() => db.prepare("UPDATE owner_profile SET home_lat = 91 WHERE id = 'own_1'").run()).toThrow(/CHECK constraint failed/);

      db.exec(`
        INSERT INTO locations (id, name, address, city, country, timezone, lat, lng, created_at) VALUES ('loc_1', 'Loft', 'Main St 1', 'Lisbon', 'PT', 'Europe/Lisbon', 38.7, -9.1, 1);
        INSERT INTO classes (id, title, practice, timezone, capacity, price_cents, duration_minutes, mode, location_id, video_provider, start_date, start_time, created_at, updated_at)
          VALUES ('cls_1', 'Flow', 'yoga', 'Europe/Lisbon', 2, 1500, 60, 'in_person', 'loc_1', NULL, '2030-01-01', '10:00', 1, 1);
        INSERT INTO sessions (id, class_id, starts_at, ends_at) VALUES ('ses_1', 'cls_1', 1893492000, 1893495600);
        INSERT INTO crm_clients (id, name, created_at) VALUES ('cli_1', 'Bo', 1);
        INSERT INTO bookings (id, session_id, client_id, status, price_cents, created_at) VALUES ('bkg_1', 'ses_1', 'cli_1', 'confirmed', 1500, 1);
      `);
      // A class is in person with a location or online with a video provider, never a mix.
      expect(() =>
        db.prepare("INSERT INTO classes (id, title, practice, timezone, capacity, price_cents, duration_minutes, mode, location_id, video_provider, start_date, start_time, created_at, updated_at) VALUES ('cls_2', 'X', 'yoga', 'UTC', 2, 0, 60, 'online', 'loc_1', 'zoom', '2030-01-01', '10:00', 1, 1)").run(),
      ).toThrow(/CHECK constraint failed/);
      // One live booking per client and session; a cancelled one does not count.
      expect(() => db.prepare("INSERT INTO bookings (id, session_id, client_id, status, price_cents, created_at) VALUES ('bkg_2', 'ses_1', 'cli_1', 'pending', 1500, 1)").run()).toThrow(/UNIQUE constraint failed/);
      db.prepare("UPDATE bookings SET status = 'cancelled' WHERE id = 'bkg_1'").run();
      db.prepare("INSERT INTO bookings (id, session_id, client_id, status, price_cents, created_at) VALUES ('bkg_2', 'ses_1', 'cli_1', 'pending', 1500, 1)").run();
      expect(() => db.prepare("DELETE FROM locations WHERE id = 'loc_1'").run()).toThrow(/FOREIGN KEY constraint failed/);
      db.prepare("DELETE FROM classes WHERE id = 'cls_1'").run();
      expect(db.prepare('SELECT (SELECT count(*) FROM sessions) AS sessions, (SELECT count(*) FROM bookings) AS bookings').get()).toEqual({ sessions: 0, bookings: 0 });
    } finally {
      done();
    }
  });
});
