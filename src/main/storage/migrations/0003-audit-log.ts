import type Database from 'better-sqlite3';

export const version = 3;
export const name = 'Audit log: hash-chained rows, full-text index, daily counts, prune checkpoints';

export function up(db: Database.Database): void {
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
}
