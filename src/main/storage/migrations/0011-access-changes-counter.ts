import type Database from 'better-sqlite3';

export const version = 11;
export const name = 'Access changes: a counter every change to an access token, a grant or a client moves, so a bearer check knows when to read them again';

/**
 * The bearer check (mcp/bearer.ts) keeps what it found for each access token and must see any change to that token,
 * its grant or its client on the very next request. Reading the three rows on every request cost more than the rest of
 * the check; these triggers count every change to them instead, whichever connection makes it (the gateway, a CLI
 * command on the same file), in the same transaction as the change. The check reads the one-row count (one seek) and
 * reads the rows again only when it moved.
 *
 * Only what a check reads moves the count: access tokens (not codes or refresh tokens, whose rotation would otherwise
 * make every exchange invalidate every app's checks), every column of grants, and every column of clients but
 * last_used_at (written by the check itself once a minute). INSERT counts too: an INSERT OR REPLACE deletes without a
 * DELETE trigger (SQLite "CREATE TRIGGER": unless recursive triggers are on).
 */
export function up(db: Database.Database): void {
  db.exec(`
    CREATE TABLE access_changes (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      count INTEGER NOT NULL
    ) STRICT;
    INSERT INTO access_changes (id, count) VALUES (1, 0);

    CREATE TRIGGER access_token_inserted AFTER INSERT ON tokens WHEN new.kind = 'AccessToken'
    BEGIN UPDATE access_changes SET count = count + 1; END;
    CREATE TRIGGER access_token_updated AFTER UPDATE ON tokens WHEN old.kind = 'AccessToken' OR new.kind = 'AccessToken'
    BEGIN UPDATE access_changes SET count = count + 1; END;
    CREATE TRIGGER access_token_deleted AFTER DELETE ON tokens WHEN old.kind = 'AccessToken'
    BEGIN UPDATE access_changes SET count = count + 1; END;

    CREATE TRIGGER grant_inserted AFTER INSERT ON grants BEGIN UPDATE access_changes SET count = count + 1; END;
    CREATE TRIGGER grant_updated AFTER UPDATE ON grants BEGIN UPDATE access_changes SET count = count + 1; END;
    CREATE TRIGGER grant_deleted AFTER DELETE ON grants BEGIN UPDATE access_changes SET count = count + 1; END;

    CREATE TRIGGER client_inserted AFTER INSERT ON clients BEGIN UPDATE access_changes SET count = count + 1; END;
    CREATE TRIGGER client_updated AFTER UPDATE OF client_id, client_name, origin, metadata, created_at, revoked_at ON clients
    BEGIN UPDATE access_changes SET count = count + 1; END;
    CREATE TRIGGER client_deleted AFTER DELETE ON clients BEGIN UPDATE access_changes SET count = count + 1; END;
  `);
}
