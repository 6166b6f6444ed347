import type Database from 'better-sqlite3';

export const version = 6;
export const name = 'Owner sign-in without cookies: one-time login links, and panel sessions bound to a browser-held key';

export function up(db: Database.Database): void {
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
}
