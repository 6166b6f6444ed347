import type Database from 'better-sqlite3';

export const version = 1;
export const name = 'OAuth core: settings, owner, clients, grants, tokens, consent requests, owner sessions';

export function up(db: Database.Database): void {
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
}
