import type Database from 'better-sqlite3';

export const version = 9;
export const name = 'Audit: a summary of each tool call in words, searchable with the rest of the row';

/**
 * `summary` holds what a tool call did in the owner's words, with the names of the records it touched ("added a note
 * to Anna Nilsson"), so a search for a name finds what agents did to that person. Rows written before it have none:
 * their hashes were made without it, and the chain hashes it only when it is there (audit/chain.ts).
 *
 * An FTS5 table's columns cannot be altered, so the index is made again with the new column and refilled with the
 * rows the old one held (those up to 'audit.ftsIndexedThrough'; later rows are indexed as before, after they are
 * written). The refill reads every indexed row once: about 6 s for a million rows, once, at the upgrade.
 */
export function up(db: Database.Database): void {
  db.exec(`
    ALTER TABLE audit_log ADD COLUMN summary TEXT;

    DROP TRIGGER audit_fts_delete;
    DROP TABLE audit_fts;
    CREATE VIRTUAL TABLE audit_fts USING fts5(tool, endpoint, args, summary, content = 'audit_log', content_rowid = 'id', tokenize = 'unicode61');
    CREATE TRIGGER audit_fts_delete AFTER DELETE ON audit_log
      WHEN old.id <= coalesce((SELECT CAST(value AS INTEGER) FROM settings WHERE key = 'audit.ftsIndexedThrough'), 0)
    BEGIN
      INSERT INTO audit_fts (audit_fts, rowid, tool, endpoint, args, summary) VALUES ('delete', old.id, coalesce(old.tool, ''), old.endpoint, old.args, old.summary);
    END;

    INSERT INTO audit_fts (rowid, tool, endpoint, args, summary)
      SELECT id, coalesce(tool, ''), endpoint, args, summary FROM audit_log
      WHERE id <= coalesce((SELECT CAST(value AS INTEGER) FROM settings WHERE key = 'audit.ftsIndexedThrough'), 0)
      ORDER BY id;
  `);
}
