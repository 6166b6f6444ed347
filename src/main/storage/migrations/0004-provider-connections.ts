import type Database from 'better-sqlite3';

export const version = 4;
export const name = 'Provider connections: sealed credentials, connection state, meetings per session, background jobs, busy times';

export function up(db: Database.Database): void {
  db.exec(`
        -- Calendar and video credentials (OAuth tokens, app secrets, the Apple app-specific password, the feed
        -- secret), sealed with AES-256-GCM under a key the OS keychain holds: the file alone opens nothing.
        CREATE TABLE provider_credentials (
          entry TEXT PRIMARY KEY CHECK (entry IN ('google', 'google_app', 'apple', 'zoom', 'zoom_app', 'ics')),
          sealed BLOB NOT NULL,
          updated_at INTEGER NOT NULL
        ) STRICT;

        -- What the panel shows per provider. options: what is not secret (chosen calendar, calendar names).
        CREATE TABLE provider_connections (
          provider TEXT PRIMARY KEY CHECK (provider IN ('google', 'apple', 'zoom')),
          status TEXT NOT NULL CHECK (status IN ('connected', 'not_connected')),
          account TEXT,
          detail TEXT,
          options TEXT NOT NULL DEFAULT '{}',
          connected_at INTEGER,
          updated_at INTEGER NOT NULL
        ) STRICT;

        -- The Meet event or Zoom meeting of one session, shared by its bookings. No foreign key: when a session
        -- goes, its row must stay until the meeting is removed at the provider. request_key is chosen and
        -- committed before the create call (the Google event id; a marker in the Zoom agenda), so a retried
        -- create finds what an interrupted one made instead of making a second.
        CREATE TABLE session_meetings (
          session_id TEXT NOT NULL,
          provider TEXT NOT NULL CHECK (provider IN ('google', 'zoom')),
          request_key TEXT NOT NULL,
          external_id TEXT,
          calendar_id TEXT,
          join_url TEXT,
          title TEXT,
          starts_at INTEGER,
          ends_at INTEGER,
          created_at INTEGER NOT NULL,
          PRIMARY KEY (session_id, provider)
        ) STRICT;

        -- Background work, durable, retried with backoff. At most one queued job per kind and subject (a
        -- second change while one waits only brings it forward); one may run while the next is queued.
        CREATE TABLE jobs (
          id INTEGER PRIMARY KEY,
          kind TEXT NOT NULL CHECK (kind IN ('meeting', 'busy')),
          subject TEXT NOT NULL,
          status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed')),
          attempts INTEGER NOT NULL DEFAULT 0,
          run_after_ms INTEGER NOT NULL,
          last_error TEXT,
          result TEXT,
          created_at_ms INTEGER NOT NULL,
          updated_at_ms INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX jobs_due ON jobs (status, run_after_ms);
        CREATE UNIQUE INDEX jobs_one_queued ON jobs (kind, subject) WHERE status = 'queued';

        -- Busy times read from connected calendars, refreshed in the background; class tools warn from here.
        CREATE TABLE busy_times (
          provider TEXT NOT NULL CHECK (provider IN ('google', 'apple')),
          calendar TEXT NOT NULL,
          starts_at INTEGER NOT NULL,
          ends_at INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX busy_times_by_start ON busy_times (starts_at);
      `);
  // Sync triggers: a change that can need a meeting made, moved or removed queues the session's job in the
  // same transaction as the change, whichever path made it (tools, the panel, an import). Only online
  // classes have meetings; a session that has one is always looked at.
  // Dropped by 0008: the studio services now queue this work themselves (providers/sync/meeting-queue.ts).
  const queue = (subject: string) => `
          INSERT INTO jobs (kind, subject, status, run_after_ms, created_at_ms, updated_at_ms)
          VALUES ('meeting', ${subject}, 'queued', CAST(unixepoch('subsec') * 1000 AS INTEGER), CAST(unixepoch('subsec') * 1000 AS INTEGER), CAST(unixepoch('subsec') * 1000 AS INTEGER))
          ON CONFLICT (kind, subject) WHERE status = 'queued' DO UPDATE SET run_after_ms = min(run_after_ms, excluded.run_after_ms);`;
  const needsSync = (session: string) =>
    `(EXISTS (SELECT 1 FROM session_meetings WHERE session_id = ${session}) OR EXISTS (SELECT 1 FROM sessions s JOIN classes c ON c.id = s.class_id WHERE s.id = ${session} AND c.mode = 'online'))`;
  db.exec(`
        CREATE TRIGGER sync_booking_insert AFTER INSERT ON bookings WHEN ${needsSync('NEW.session_id')}
        BEGIN ${queue('NEW.session_id')} END;
        CREATE TRIGGER sync_booking_status AFTER UPDATE OF status, session_id ON bookings WHEN ${needsSync('NEW.session_id')}
        BEGIN ${queue('NEW.session_id')} END;
        CREATE TRIGGER sync_booking_delete AFTER DELETE ON bookings WHEN ${needsSync('OLD.session_id')}
        BEGIN ${queue('OLD.session_id')} END;
        CREATE TRIGGER sync_session_change AFTER UPDATE OF starts_at, ends_at, status ON sessions WHEN ${needsSync('NEW.id')}
        BEGIN ${queue('NEW.id')} END;
        CREATE TRIGGER sync_session_delete AFTER DELETE ON sessions WHEN EXISTS (SELECT 1 FROM session_meetings WHERE session_id = OLD.id)
        BEGIN ${queue('OLD.id')} END;
        CREATE TRIGGER sync_class_change AFTER UPDATE OF mode, video_provider, title ON classes
        BEGIN
          INSERT INTO jobs (kind, subject, status, run_after_ms, created_at_ms, updated_at_ms)
          SELECT 'meeting', s.id, 'queued', CAST(unixepoch('subsec') * 1000 AS INTEGER), CAST(unixepoch('subsec') * 1000 AS INTEGER), CAST(unixepoch('subsec') * 1000 AS INTEGER)
          FROM sessions s WHERE s.class_id = NEW.id AND s.ends_at > unixepoch()
            AND (EXISTS (SELECT 1 FROM session_meetings m WHERE m.session_id = s.id) OR (NEW.mode = 'online' AND EXISTS (SELECT 1 FROM bookings b WHERE b.session_id = s.id AND b.status = 'confirmed')))
          ON CONFLICT (kind, subject) WHERE status = 'queued' DO UPDATE SET run_after_ms = min(run_after_ms, excluded.run_after_ms);
        END;
      `);
}
