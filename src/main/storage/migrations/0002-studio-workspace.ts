import type Database from 'better-sqlite3';

export const version = 2;
export const name = 'Studio workspace: studio, locations, mentors, classes, sessions, clients, bookings, reviews, messages, money, directory';

export function up(db: Database.Database): void {
  db.exec(`
        ALTER TABLE owner_profile ADD COLUMN home_label TEXT;
        ALTER TABLE owner_profile ADD COLUMN home_lat REAL CHECK (home_lat BETWEEN -90 AND 90);
        ALTER TABLE owner_profile ADD COLUMN home_lng REAL CHECK (home_lng BETWEEN -180 AND 180);

        -- One row: the studio this workspace runs.
        CREATE TABLE studio_profile (
          id INTEGER PRIMARY KEY CHECK (id = 1),
          name TEXT NOT NULL,
          tagline TEXT NOT NULL DEFAULT '',
          description TEXT NOT NULL DEFAULT '',
          website TEXT,
          email TEXT,
          phone TEXT,
          currency TEXT NOT NULL CHECK (length(currency) = 3),
          updated_at INTEGER NOT NULL
        ) STRICT;

        CREATE TABLE locations (
          id TEXT PRIMARY KEY,
          name TEXT NOT NULL,
          address TEXT NOT NULL,
          city TEXT NOT NULL,
          country TEXT NOT NULL,
          timezone TEXT NOT NULL,
          lat REAL NOT NULL CHECK (lat BETWEEN -90 AND 90),
          lng REAL NOT NULL CHECK (lng BETWEEN -180 AND 180),
          created_at INTEGER NOT NULL
        ) STRICT;

        CREATE TABLE mentors (
          id TEXT PRIMARY KEY,
          name TEXT NOT NULL,
          bio TEXT NOT NULL DEFAULT '',
          practices TEXT NOT NULL DEFAULT '[]',
          photos TEXT NOT NULL DEFAULT '[]',
          location_ids TEXT NOT NULL DEFAULT '[]',
          is_owner INTEGER NOT NULL DEFAULT 0 CHECK (is_owner IN (0, 1)),
          updated_at INTEGER NOT NULL
        ) STRICT;

        CREATE TABLE certifications (
          id TEXT PRIMARY KEY,
          mentor_id TEXT NOT NULL REFERENCES mentors (id) ON DELETE CASCADE,
          title TEXT NOT NULL,
          issuer TEXT NOT NULL,
          year INTEGER NOT NULL CHECK (year BETWEEN 1950 AND 2100)
        ) STRICT;
        CREATE INDEX certifications_by_mentor ON certifications (mentor_id);

        -- A class and its schedule. Times are wall-clock times in the class's IANA time zone; sessions hold
        -- each occurrence in UTC. recurrence is an RFC 5545 RRULE (weekly subset) or NULL for a one-off.
        CREATE TABLE classes (
          id TEXT PRIMARY KEY,
          title TEXT NOT NULL,
          practice TEXT NOT NULL,
          description TEXT NOT NULL DEFAULT '',
          mentor_id TEXT REFERENCES mentors (id) ON DELETE SET NULL,
          timezone TEXT NOT NULL,
          capacity INTEGER NOT NULL CHECK (capacity BETWEEN 1 AND 500),
          price_cents INTEGER NOT NULL CHECK (price_cents >= 0),
          duration_minutes INTEGER NOT NULL CHECK (duration_minutes BETWEEN 5 AND 720),
          mode TEXT NOT NULL CHECK (mode IN ('in_person', 'online')),
          location_id TEXT REFERENCES locations (id) ON DELETE RESTRICT,
          video_provider TEXT CHECK (video_provider IN ('google_meet', 'zoom')),
          start_date TEXT NOT NULL,
          start_time TEXT NOT NULL,
          recurrence TEXT,
          created_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL,
          CHECK ((mode = 'in_person' AND location_id IS NOT NULL AND video_provider IS NULL)
              OR (mode = 'online' AND location_id IS NULL AND video_provider IS NOT NULL))
        ) STRICT;

        CREATE TABLE sessions (
          id TEXT PRIMARY KEY,
          class_id TEXT NOT NULL REFERENCES classes (id) ON DELETE CASCADE,
          starts_at INTEGER NOT NULL,
          ends_at INTEGER NOT NULL,
          status TEXT NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'cancelled')),
          CHECK (ends_at > starts_at)
        ) STRICT;
        CREATE INDEX sessions_by_class ON sessions (class_id, starts_at);
        CREATE INDEX sessions_by_time ON sessions (starts_at);

        -- The studio's clients (CRM). Not OAuth clients: those are the table "clients".
        CREATE TABLE crm_clients (
          id TEXT PRIMARY KEY,
          name TEXT NOT NULL,
          email TEXT,
          phone TEXT,
          notes TEXT NOT NULL DEFAULT '',
          tags TEXT NOT NULL DEFAULT '[]',
          created_at INTEGER NOT NULL
        ) STRICT;

        CREATE TABLE bookings (
          id TEXT PRIMARY KEY,
          session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
          client_id TEXT NOT NULL REFERENCES crm_clients (id) ON DELETE CASCADE,
          status TEXT NOT NULL CHECK (status IN ('pending', 'confirmed', 'cancelled')),
          paid INTEGER NOT NULL DEFAULT 0 CHECK (paid IN (0, 1)),
          price_cents INTEGER NOT NULL CHECK (price_cents >= 0),
          add_ons TEXT NOT NULL DEFAULT '[]',
          created_at INTEGER NOT NULL,
          cancelled_at INTEGER
        ) STRICT;
        CREATE INDEX bookings_by_session ON bookings (session_id, status);
        CREATE INDEX bookings_by_client ON bookings (client_id);
        -- No double booking: one live booking per client and session (docs/product.md#every-request-is-checked).
        CREATE UNIQUE INDEX bookings_one_live_per_client ON bookings (session_id, client_id) WHERE status <> 'cancelled';

        CREATE TABLE reviews (
          id TEXT PRIMARY KEY,
          class_id TEXT REFERENCES classes (id) ON DELETE SET NULL,
          mentor_id TEXT REFERENCES mentors (id) ON DELETE SET NULL,
          author_name TEXT NOT NULL,
          rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
          body TEXT NOT NULL,
          created_at INTEGER NOT NULL,
          response TEXT,
          responded_at INTEGER
        ) STRICT;

        CREATE TABLE message_threads (
          id TEXT PRIMARY KEY,
          client_id TEXT REFERENCES crm_clients (id) ON DELETE SET NULL,
          counterpart TEXT NOT NULL,
          subject TEXT NOT NULL,
          created_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL
        ) STRICT;

        CREATE TABLE messages (
          id TEXT PRIMARY KEY,
          thread_id TEXT NOT NULL REFERENCES message_threads (id) ON DELETE CASCADE,
          direction TEXT NOT NULL CHECK (direction IN ('inbound', 'outbound')),
          body TEXT NOT NULL,
          sent_at INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX messages_by_thread ON messages (thread_id, sent_at);

        CREATE TABLE earnings (
          id TEXT PRIMARY KEY,
          booking_id TEXT REFERENCES bookings (id) ON DELETE SET NULL,
          amount_cents INTEGER NOT NULL,
          category TEXT NOT NULL,
          description TEXT NOT NULL,
          earned_on TEXT NOT NULL
        ) STRICT;
        CREATE INDEX earnings_by_date ON earnings (earned_on);

        CREATE TABLE expenses (
          id TEXT PRIMARY KEY,
          amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
          category TEXT NOT NULL,
          description TEXT NOT NULL,
          spent_on TEXT NOT NULL,
          created_at INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX expenses_by_date ON expenses (spent_on);

        -- Public data about other mentors, studios and classes (read:public). Nothing private lives here.
        CREATE TABLE directory_entries (
          id TEXT PRIMARY KEY,
          kind TEXT NOT NULL CHECK (kind IN ('mentor', 'studio', 'class')),
          name TEXT NOT NULL,
          practices TEXT NOT NULL DEFAULT '[]',
          city TEXT NOT NULL,
          country TEXT NOT NULL,
          lat REAL NOT NULL CHECK (lat BETWEEN -90 AND 90),
          lng REAL NOT NULL CHECK (lng BETWEEN -180 AND 180),
          summary TEXT NOT NULL,
          rating REAL CHECK (rating BETWEEN 1 AND 5),
          url TEXT
        ) STRICT;
      `);
}
