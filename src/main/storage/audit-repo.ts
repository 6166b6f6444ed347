import type { AuditOutcome } from '../../shared/audit-outcome.ts';
import { AUDIT_FIELDS, type AuditFields, type AuditKind, type AuditStatus } from '../../shared/audit-row.ts';
import type { DailyCount } from '../../shared/control-api.ts';
import { AGENT_ACTIVITY, outcomeCondition } from './audit-conditions.ts';
import { statement, type Db } from './database.ts';
import { where } from './paging.ts';

/** A row as stored: its fields and the chain's two hashes. */
export interface AuditRow extends AuditFields {
  prevHash: Buffer;
  hash: Buffer;
}

const column = (field: string) => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
/** Every column of a row, selected under its field's name. */
const ROW = [...AUDIT_FIELDS, 'prevHash', 'hash'].map((f) => `a.${column(f)} AS ${f}`).join(', ');
type StoredRow = Omit<AuditRow, 'argsTruncated'> & { argsTruncated: 0 | 1 };
const toModel = (r: StoredRow): AuditRow => ({ ...r, argsTruncated: r.argsTruncated === 1 });

export interface AuditFilter {
  clientId?: string | undefined;
  tool?: string | undefined;
  endpoint?: string | undefined;
  kind?: AuditKind | undefined;
  status?: AuditStatus | undefined;
  /** How the request ended, in the owner's words (shared/audit-outcome.ts). */
  outcome?: AuditOutcome | undefined;
  /** Only what agents did and the owner decided: no technical events (audit-conditions.ts). */
  activityOnly?: boolean | undefined;
  /** Inclusive lower and exclusive upper bound, ms since the epoch. */
  fromMs?: number | undefined;
  toMs?: number | undefined;
  /** Full-text search over tool, endpoint, redacted arguments and the summary in words ("Anna" finds what agents did to Anna). */
  text?: string | undefined;
}

/** FTS5 query for free text: every word must appear (as a prefix), and no word is read as FTS syntax. */
export function ftsQuery(text: string): string | undefined {
  const words = text.match(/[\p{L}\p{N}_]+/gu) ?? [];
  return words.length ? words.map((w) => `"${w}"*`).join(' ') : undefined;
}

/** How many new rows make a full-text indexing batch (see unindexed in createAuditRepo). */
export const TEXT_BATCH_ROWS = 250;

export function createAuditRepo(db: Db) {
  const firstAtOrAfter = db.prepare<[number], { id: number }>('SELECT id FROM audit_log WHERE ts_ms >= ? ORDER BY ts_ms, id LIMIT 1');
  const lastBefore = db.prepare<[number], { id: number; hash: Buffer }>('SELECT id, hash FROM audit_log WHERE ts_ms < ? ORDER BY ts_ms DESC, id DESC LIMIT 1');

  /**
   * Timestamps never decrease with id (the writer sees to that), so a time range is exactly an id range,
   * found with two seeks on the time index. Every (column, id) index can then seek straight into it, where a
   * time condition alone would make SQLite walk a tool's or client's rows from the newest.
   */
  function idRange(filter: AuditFilter, key: string): readonly [string, ...unknown[]] | false {
    if (filter.fromMs === undefined && filter.toMs === undefined) return false;
    const lo = filter.fromMs === undefined ? 1 : firstAtOrAfter.get(filter.fromMs)?.id;
    const hi = filter.toMs === undefined ? Number.MAX_SAFE_INTEGER : lastBefore.get(filter.toMs)?.id;
    return lo === undefined || hi === undefined ? ['0'] : [`${key} BETWEEN ? AND ?`, lo, hi];
  }

  /**
   * Where the rows come from, and the WHERE clause. A text search is driven by the full-text index, walked in id
   * order so a page stops after its rows (an `id IN (matches)` would first collect every match: 100 ms and more at
   * a million rows, where this takes a few). `seek`: for a count, which may seek by status (audit-conditions.ts).
   */
  function query(filter: AuditFilter, seek = false): { from: string; key: string; sql: string; params: unknown[] } {
    const fts = filter.text === undefined ? undefined : ftsQuery(filter.text);
    if (fts) indexPendingText();
    const text = filter.text !== undefined;
    const key = fts ? 'f.rowid' : 'a.id';
    const w = where([
      filter.clientId !== undefined && ['a.client_id = ?', filter.clientId],
      filter.tool !== undefined && ['a.tool = ?', filter.tool],
      filter.endpoint !== undefined && ['a.endpoint = ?', filter.endpoint],
      filter.kind !== undefined && ['a.kind = ?', filter.kind],
      filter.status !== undefined && ['a.status = ?', filter.status],
      filter.outcome !== undefined && outcomeCondition(filter.outcome, seek),
      // A tool call is always activity: with a tool named, the tool's own index counts without this.
      filter.activityOnly === true && filter.tool === undefined && AGENT_ACTIVITY,
      idRange(filter, key),
      text && (fts ? ['audit_fts MATCH ?', fts] : ['0']),
    ]);
    return { from: fts ? 'audit_fts f JOIN audit_log a ON a.id = f.rowid' : 'audit_log a', key, ...w };
  }

  const fields = [...AUDIT_FIELDS, 'prevHash', 'hash'];
  // Positional parameters: binding by name looks each one up on the row object, on the path of every request.
  const insert = db.prepare<unknown[]>(`INSERT INTO audit_log (${fields.map(column).join(', ')}) VALUES (${fields.map(() => '?').join(', ')})`);
  const daily = db.prepare<[string, string, string, string]>(
    `INSERT INTO audit_daily (day, client_id, name, status, count) VALUES (?, ?, ?, ?, 1)
     ON CONFLICT (day, client_id, name, status) DO UPDATE SET count = count + 1`,
  );
  const last = db.prepare<[], { id: number; hash: Buffer; ts_ms: number }>('SELECT id, hash, ts_ms FROM audit_log ORDER BY id DESC LIMIT 1');
  const find = db.prepare<[number], StoredRow>(`SELECT ${ROW} FROM audit_log a WHERE a.id = ?`);
  const checkpoint = db.prepare<[], { pruned_through: number; hash: Buffer }>('SELECT pruned_through, hash FROM audit_checkpoints ORDER BY id DESC LIMIT 1');
  const addCheckpoint = db.prepare<[number, Buffer, number]>('INSERT INTO audit_checkpoints (pruned_through, hash, created_at) VALUES (?, ?, ?)');
  const pruneThrough = db.prepare<[number]>('DELETE FROM audit_log WHERE id <= ?');
  const indexedThrough = db.prepare<[], { value: string }>("SELECT value FROM settings WHERE key = 'audit.ftsIndexedThrough'");
  const indexText = db.prepare<[number, number]>(
    "INSERT INTO audit_fts (rowid, tool, endpoint, args, summary) SELECT id, coalesce(tool, ''), endpoint, args, summary FROM audit_log WHERE id > ? AND id <= ? ORDER BY id",
  );
  const setIndexedThrough = db.prepare<[string]>(
    "INSERT INTO settings (key, value) VALUES ('audit.ftsIndexedThrough', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
  );

  /**
   * Rows this connection inserted since the last indexing; at TEXT_BATCH_ROWS a batch is indexed as soon as the
   * current task ends (outside the transaction that inserted them). Under load the batches stay small — FTS5 takes
   * ~5 µs a row, so 250 rows hold the event loop ~1.5 ms, where 5 s of a busy gateway's rows (10,000–45,000) held it
   * 20–250 ms at once and every request arriving meanwhile waited. At rest nothing is scheduled: the gateway's 5 s
   * timer and every search catch up on what is left.
   */
  let unindexed = 0;
  let batchQueued = false;
  function indexBatch(): void {
    batchQueued = false;
    try {
      indexPendingText();
    } catch {
      // Nothing committed is lost: the rows stay in the log, and the next batch, the timer or a search indexes them.
    }
  }

  /** Adds every row written since the last call to the full-text index, in one transaction. */
  function indexPendingText(): number {
    unindexed = 0;
    return db.transaction(() => {
      const from = Number(indexedThrough.get()?.value ?? 0);
      const to = last.get()?.id ?? 0;
      if (to <= from) return 0;
      indexText.run(from, to);
      setIndexedThrough.run(String(to));
      return to - from;
    }).immediate();
  }

  return {
    indexPendingText,
    /** Inserts a chained row and counts it for the day (UTC). Call inside a transaction. */
    insert(row: AuditRow): void {
      insert.run(fields.map((field) => (field === 'argsTruncated' ? (row.argsTruncated ? 1 : 0) : row[field as keyof AuditRow])));
      daily.run(new Date(row.tsMs).toISOString().slice(0, 10), row.clientId ?? '', row.tool ?? row.endpoint, row.status);
      if (++unindexed >= TEXT_BATCH_ROWS && !batchQueued) {
        batchQueued = true;
        setImmediate(indexBatch);
      }
    },
    last(): { id: number; hash: Buffer; tsMs: number } | undefined {
      const row = last.get();
      return row && { id: row.id, hash: row.hash, tsMs: row.ts_ms };
    },
    find(id: number): AuditRow | undefined {
      const row = find.get(id);
      return row && toModel(row);
    },
    /** Newest first, keyset-paged: rows with id below `beforeId`. */
    page(filter: AuditFilter, limit: number, beforeId?: number): AuditRow[] {
      const q = query(filter);
      const keyset = beforeId === undefined ? '' : `${q.sql ? ' AND' : 'WHERE'} ${q.key} < ?`;
      return statement<unknown[], StoredRow>(db, `SELECT ${ROW} FROM ${q.from} ${q.sql}${keyset} ORDER BY ${q.key} DESC LIMIT ?`)
        .all(...q.params, ...(beforeId === undefined ? [] : [beforeId]), limit)
        .map(toModel);
    },
    count(filter: AuditFilter): number {
      const q = query(filter, true);
      return statement<unknown[], { n: number }>(db, `SELECT count(*) AS n FROM ${q.from} ${q.sql}`).get(...q.params)?.n ?? 0;
    },
    /**
     * Oldest first, `limit` rows after `afterId`. Callers walk the log batch by batch, so the connection is
     * free between batches for the requests the gateway keeps answering (an open iterator would hold it).
     */
    batch(filter: AuditFilter, afterId: number, limit: number): AuditRow[] {
      const q = query(filter);
      return statement<unknown[], StoredRow>(db, `SELECT ${ROW} FROM ${q.from} ${q.sql}${q.sql ? ' AND' : 'WHERE'} ${q.key} > ? ORDER BY ${q.key} LIMIT ?`)
        .all(...q.params, afterId, limit)
        .map(toModel);
    },
    /**
     * Oldest first like batch, as bare arrays of the given fields and then the hash as hex: an export of a million
     * rows spends its time here, so no objects are made and SQLite does the hex.
     */
    exportBatch(filter: AuditFilter, afterId: number, limit: number, fields: readonly (keyof AuditFields)[]): unknown[][] {
      const q = query(filter);
      return statement<unknown[], unknown[]>(
        db,
        `SELECT ${fields.map((f) => `a.${column(f)}`).join(', ')}, lower(hex(a.hash))
         FROM ${q.from} ${q.sql}${q.sql ? ' AND' : 'WHERE'} ${q.key} > ? ORDER BY ${q.key} LIMIT ?`,
      )
        .raw(true)
        .all(...q.params, afterId, limit);
    },
    daily(fromDay: string, toDay: string, clientId?: string): DailyCount[] {
      const w = where([['day >= ?', fromDay], ['day <= ?', toDay], clientId !== undefined && ['client_id = ?', clientId]]);
      return statement<unknown[], { day: string; client_id: string; name: string; status: AuditStatus; count: number }>(db, 
          `SELECT day, client_id, name, status, count FROM audit_daily ${w.sql} ORDER BY day, client_id, name, status`,
        )
        .all(...w.params)
        .map((r) => ({ day: r.day, clientId: r.client_id, name: r.name, status: r.status, count: r.count }));
    },
    /**
     * Rows per client, tool or endpoint (its `name`) and status from a day (UTC, inclusive) on, from the daily counts:
     * a handful of rows per app and day, however many requests they stand for.
     */
    countsByClientSince(fromDay: string): { clientId: string; name: string; status: AuditStatus; count: number }[] {
      return statement<[string], { clientId: string; name: string; status: AuditStatus; count: number }>(
        db,
        "SELECT client_id AS clientId, name, status, sum(count) AS count FROM audit_daily WHERE day >= ? AND client_id != '' GROUP BY client_id, name, status",
      ).all(fromDay);
    },
    /** The first or last time (ms) a client's rows match a condition, walking its index from that end. */
    firstOrLast(clientId: string, condition: string, params: unknown[], order: 'ASC' | 'DESC'): number | null {
      const row = statement<unknown[], { ts_ms: number }>(db, `SELECT ts_ms FROM audit_log WHERE client_id = ? AND ${condition} ORDER BY id ${order} LIMIT 1`)
        .get(clientId, ...params);
      return row?.ts_ms ?? null;
    },
    checkpoint(): { prunedThrough: number; hash: Buffer } | undefined {
      const row = checkpoint.get();
      return row && { prunedThrough: row.pruned_through, hash: row.hash };
    },
    /** Deletes rows older than `beforeMs`, recording where the chain resumes. Returns how many went. */
    prune(beforeMs: number, nowMs: number): number {
      // The FTS delete trigger needs every pruned row to be in the index.
      indexPendingText();
      const edge = lastBefore.get(beforeMs);
      if (!edge) return 0;
      addCheckpoint.run(edge.id, edge.hash, nowMs);
      return pruneThrough.run(edge.id).changes;
    },
  };
}
export type AuditRepo = ReturnType<typeof createAuditRepo>;
