import type Database from 'better-sqlite3';

export interface Migration {
  /** What the migration does, for humans; its position in MIGRATIONS is its version. */
  readonly name: string;
  readonly up: (db: Database.Database) => void;
}

/**
 * Numbered migrations: entry i takes the schema from version i to i+1. Never edit a migration that has
 * shipped; append a new one. There are no automatic `down` migrations: they would drop owners' data.
 * Every table is STRICT so a wrong type is an error, not a silent coercion.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    name: 'OAuth core: settings, owner, clients, grants, tokens, consent requests, owner sessions',
    up(db) {
      db.exec(`
        CREATE TABLE settings (
          key TEXT PRIMARY KEY,
          value TEXT NOT NULL
        ) STRICT;

        -- The one account this gateway serves. id is the OIDC subject.
        CREATE TABLE owner_profile (
          id TEXT PRIMARY KEY,
          name TEXT NOT NULL,
          email TEXT NOT NULL,
          email_verified INTEGER NOT NULL DEFAULT 0 CHECK (email_verified IN (0, 1)),
          account_type TEXT NOT NULL CHECK (account_type IN ('mentor', 'studio')),
          settings TEXT NOT NULL DEFAULT '{}',
          updated_at INTEGER NOT NULL
        ) STRICT;

        -- OAuth clients. Public clients only, so metadata never holds a secret.
        CREATE TABLE clients (
          client_id TEXT PRIMARY KEY,
          client_name TEXT,
          origin TEXT NOT NULL CHECK (origin IN ('registration', 'setup-snippet')),
          metadata TEXT NOT NULL,
          created_at INTEGER NOT NULL,
          last_used_at INTEGER,
          revoked_at INTEGER
        ) STRICT;

        -- What the owner approved for a client (oidc-provider Grant payload).
        CREATE TABLE grants (
          grant_id TEXT PRIMARY KEY,
          client_id TEXT NOT NULL REFERENCES clients (client_id) ON DELETE CASCADE,
          payload TEXT NOT NULL,
          created_at INTEGER NOT NULL,
          expires_at INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX grants_by_client ON grants (client_id);

        -- Authorization codes, access tokens and refresh tokens, keyed by the SHA-256 of their value:
        -- a copy of this file yields no usable token. Times are unix seconds, except consumed_at_ms.
        CREATE TABLE tokens (
          token_hash BLOB PRIMARY KEY,
          kind TEXT NOT NULL CHECK (kind IN ('AuthorizationCode', 'AccessToken', 'RefreshToken')),
          grant_id TEXT NOT NULL,
          client_id TEXT NOT NULL,
          payload TEXT NOT NULL,
          expires_at INTEGER NOT NULL,
          consumed_at_ms INTEGER
        ) STRICT;
        CREATE INDEX tokens_by_grant ON tokens (grant_id);
        CREATE INDEX tokens_by_expiry ON tokens (expires_at);

        -- Authorization requests waiting for (or decided by) the owner in the control panel.
        CREATE TABLE consent_requests (
          id TEXT PRIMARY KEY,
          interaction_hash BLOB NOT NULL UNIQUE,
          client_id TEXT NOT NULL,
          client_name TEXT,
          client_uri TEXT,
          redirect_uri TEXT NOT NULL,
          resource TEXT NOT NULL,
          requested_scopes TEXT NOT NULL,
          ignored_scopes TEXT NOT NULL,
          status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'denied', 'completed')),
          granted_scopes TEXT,
          grant_ttl_seconds INTEGER,
          decided_at INTEGER,
          decided_by TEXT,
          created_at INTEGER NOT NULL,
          expires_at INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX consent_requests_by_status ON consent_requests (status, created_at);

        -- One-time owner login links and the panel sessions they open, hashed like tokens.
        CREATE TABLE owner_sessions (
          id_hash BLOB PRIMARY KEY,
          kind TEXT NOT NULL CHECK (kind IN ('login-link', 'session')),
          created_at INTEGER NOT NULL,
          expires_at INTEGER NOT NULL
        ) STRICT;
      `);
    },
  },
  {
    name: 'Studio workspace: studio, locations, mentors, classes, sessions, clients, bookings, reviews, messages, money, directory',
    up(db) {
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
        -- No double booking: one live booking per client and session (PRODUCT §5).
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
    },
  },
  {
    name: 'Audit log: hash-chained rows, full-text index, daily counts, prune checkpoints',
    up(db) {
      db.exec(`
        -- Every OAuth, MCP and control-panel request. No foreign keys: rows outlive the clients they name.
        -- hash = SHA-256(prev_hash || canonical row): changing any byte of any row breaks the chain there.
        CREATE TABLE audit_log (
          id INTEGER PRIMARY KEY,
          ts_ms INTEGER NOT NULL,
          kind TEXT NOT NULL CHECK (kind IN ('oauth', 'mcp', 'control')),
          endpoint TEXT NOT NULL,
          tool TEXT,
          client_id TEXT,
          client_name TEXT,
          grant_id TEXT,
          actor TEXT,
          args TEXT NOT NULL,
          args_truncated INTEGER NOT NULL DEFAULT 0 CHECK (args_truncated IN (0, 1)),
          status TEXT NOT NULL CHECK (status IN ('ok', 'refused', 'error')),
          reason TEXT,
          http_status INTEGER,
          duration_ms REAL NOT NULL,
          prev_hash BLOB NOT NULL,
          hash BLOB NOT NULL
        ) STRICT;
        CREATE INDEX audit_by_time ON audit_log (ts_ms);
        CREATE INDEX audit_by_client ON audit_log (client_id, id);
        CREATE INDEX audit_by_tool ON audit_log (tool, id);

        -- Full-text search over tool names, endpoints and the (already redacted) arguments. Rows are indexed
        -- in batches after they are written (kept off the request path), and always before a search runs;
        -- settings 'audit.ftsIndexedThrough' holds the last indexed id, updated with the index.
        CREATE VIRTUAL TABLE audit_fts USING fts5(tool, endpoint, args, content = 'audit_log', content_rowid = 'id', tokenize = 'unicode61');
        -- Only rows already in the index may be deleted from it (an external-content FTS5 index is corrupted
        -- by deleting what it never held).
        CREATE TRIGGER audit_fts_delete AFTER DELETE ON audit_log
          WHEN old.id <= coalesce((SELECT CAST(value AS INTEGER) FROM settings WHERE key = 'audit.ftsIndexedThrough'), 0)
        BEGIN
          INSERT INTO audit_fts (audit_fts, rowid, tool, endpoint, args) VALUES ('delete', old.id, coalesce(old.tool, ''), old.endpoint, old.args);
        END;

        -- Requests per day, client, endpoint/tool and status, kept with each insert: charts without scans.
        CREATE TABLE audit_daily (
          day TEXT NOT NULL,
          client_id TEXT NOT NULL,
          name TEXT NOT NULL,
          status TEXT NOT NULL,
          count INTEGER NOT NULL,
          PRIMARY KEY (day, client_id, name, status)
        ) STRICT, WITHOUT ROWID;

        -- Where a pruned chain resumes: the last pruned row's id and hash.
        CREATE TABLE audit_checkpoints (
          id INTEGER PRIMARY KEY,
          pruned_through INTEGER NOT NULL,
          hash BLOB NOT NULL,
          created_at INTEGER NOT NULL
        ) STRICT;
      `);
    },
  },
  {
    name: 'Provider connections: sealed credentials, connection state, meetings per session, background jobs, busy times',
    up(db) {
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
    },
  },
  {
    name: 'Audit: the client index also carries status and tool, so a filtered page checks them without reading rows',
    up(db) {
      // "Client + status (+ tool)" pages walk a client's rows newest first until enough match; with status and
      // tool in the index entries that walk no longer reads the table (17 ms → 2 ms at a million rows).
      db.exec(`
        DROP INDEX audit_by_client;
        CREATE INDEX audit_by_client ON audit_log (client_id, id, status, tool);
      `);
    },
  },
  {
    name: 'Owner sign-in without cookies: one-time login links, and panel sessions bound to a browser-held key',
    up(db) {
      // The cookie sessions of owner_sessions were sent by browsers to every loopback port (cookies ignore the
      // port): they are dropped, not carried over, and the owner signs in again with a new link.
      db.exec(`
        DROP TABLE owner_sessions;

        -- Single-use links that open the web panel; only the hash of the key is kept.
        CREATE TABLE owner_login_links (
          key_hash BLOB PRIMARY KEY,
          created_at INTEGER NOT NULL,
          expires_at INTEGER NOT NULL
        ) STRICT;

        -- A signed-in browser. id is the signature's keyid and no secret: every request must be signed with the
        -- private key that never leaves the browser (public_key is its JWK).
        CREATE TABLE panel_sessions (
          id TEXT PRIMARY KEY,
          public_key TEXT NOT NULL,
          browser TEXT NOT NULL,
          created_at INTEGER NOT NULL,
          last_used_at INTEGER NOT NULL,
          expires_at INTEGER NOT NULL
        ) STRICT;
      `);
    },
  },
  {
    name: 'Clients known by their metadata document: a third origin for OAuth clients',
    up(db) {
      // A CHECK constraint cannot be altered, so clients is rebuilt. grants references it with ON DELETE CASCADE and
      // foreign keys stay on inside this transaction, so dropping clients would delete every grant: grants is set
      // aside first (nothing references grants) and rebuilt exactly as it was, with its index.
      db.exec(`
        CREATE TEMP TABLE grants_kept AS SELECT * FROM grants;
        DROP TABLE grants;

        CREATE TABLE clients_rebuilt (
          client_id TEXT PRIMARY KEY,
          client_name TEXT,
          origin TEXT NOT NULL CHECK (origin IN ('registration', 'setup-snippet', 'metadata-document')),
          metadata TEXT NOT NULL,
          created_at INTEGER NOT NULL,
          last_used_at INTEGER,
          revoked_at INTEGER
        ) STRICT;
        INSERT INTO clients_rebuilt (client_id, client_name, origin, metadata, created_at, last_used_at, revoked_at)
          SELECT client_id, client_name, origin, metadata, created_at, last_used_at, revoked_at FROM clients;
        DROP TABLE clients;
        ALTER TABLE clients_rebuilt RENAME TO clients;

        CREATE TABLE grants (
          grant_id TEXT PRIMARY KEY,
          client_id TEXT NOT NULL REFERENCES clients (client_id) ON DELETE CASCADE,
          payload TEXT NOT NULL,
          created_at INTEGER NOT NULL,
          expires_at INTEGER NOT NULL
        ) STRICT;
        INSERT INTO grants (grant_id, client_id, payload, created_at, expires_at)
          SELECT grant_id, client_id, payload, created_at, expires_at FROM grants_kept;
        DROP TABLE grants_kept;
        CREATE INDEX grants_by_client ON grants (client_id);
      `);
    },
  },
];
