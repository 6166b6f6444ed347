import { statement, type Db } from './database.ts';
import { paged, where, type Page, type PageRequest } from './paging.ts';

export type SessionStatus = 'scheduled' | 'cancelled';

/** One occurrence of a class, in UTC. */
export interface Session {
  id: string;
  classId: string;
  startsAt: number;
  endsAt: number;
  status: SessionStatus;
}

interface SessionRow {
  id: string;
  class_id: string;
  starts_at: number;
  ends_at: number;
  status: SessionStatus;
}

const toModel = (r: SessionRow): Session => ({ id: r.id, classId: r.class_id, startsAt: r.starts_at, endsAt: r.ends_at, status: r.status });

export interface SessionFilter {
  classId?: string | undefined;
  from?: number | undefined;
  to?: number | undefined;
  status?: SessionStatus | undefined;
}

export function createSessionsRepo(db: Db) {
  const insert = db.prepare('INSERT INTO sessions (id, class_id, starts_at, ends_at, status) VALUES (@id, @classId, @startsAt, @endsAt, @status)');
  const find = db.prepare<[string], SessionRow>('SELECT * FROM sessions WHERE id = ?');
  const forClass = db.prepare<[string], SessionRow>('SELECT * FROM sessions WHERE class_id = ? ORDER BY starts_at');
  const fromTime = db.prepare<[string, number], SessionRow>('SELECT * FROM sessions WHERE class_id = ? AND starts_at >= ? ORDER BY starts_at');
  const move = db.prepare<[number, number, string]>('UPDATE sessions SET starts_at = ?, ends_at = ? WHERE id = ?');
  const setStatus = db.prepare<[SessionStatus, string]>('UPDATE sessions SET status = ? WHERE id = ?');
  const remove = db.prepare<[string]>('DELETE FROM sessions WHERE id = ?');
  const last = db.prepare<[string], { starts_at: number }>('SELECT max(starts_at) AS starts_at FROM sessions WHERE class_id = ?');
  const between = db.prepare<[number, number], SessionRow>('SELECT * FROM sessions WHERE starts_at >= ? AND starts_at < ? ORDER BY starts_at, id');
  const bookedOnline = db.prepare<[string, number], { id: string }>(
    `SELECT s.id FROM sessions s JOIN classes c ON c.id = s.class_id
     WHERE c.mode = 'online' AND c.video_provider = ? AND s.status = 'scheduled' AND s.ends_at > ?
       AND EXISTS (SELECT 1 FROM bookings b WHERE b.session_id = s.id AND b.status = 'confirmed')
     ORDER BY s.starts_at`,
  );

  return {
    insert(session: Session): void {
      insert.run(session);
    },
    find(id: string): Session | undefined {
      const row = find.get(id);
      return row && toModel(row);
    },
    forClass(classId: string, from?: number): Session[] {
      return (from === undefined ? forClass.all(classId) : fromTime.all(classId, from)).map(toModel);
    },
    /** Every session starting in [from, to), soonest first. */
    between(from: number, to: number): Session[] {
      return between.all(from, to).map(toModel);
    },
    /** Ids of upcoming sessions of online classes on this video provider that hold a confirmed booking. */
    bookedOnline(videoProvider: 'google_meet' | 'zoom', now: number): string[] {
      return bookedOnline.all(videoProvider, now).map((r) => r.id);
    },
    lastStart(classId: string): number | null {
      return last.get(classId)?.starts_at ?? null;
    },
    list(filter: SessionFilter, page: PageRequest): Page<Session> {
      const w = where([
        filter.classId !== undefined && ['class_id = ?', filter.classId],
        filter.from !== undefined && ['starts_at >= ?', filter.from],
        filter.to !== undefined && ['starts_at < ?', filter.to],
        filter.status !== undefined && ['status = ?', filter.status],
      ]);
      return paged(page, (limit, offset) =>
        statement<unknown[], SessionRow>(db, `SELECT * FROM sessions ${w.sql} ORDER BY starts_at, id LIMIT ? OFFSET ?`).all(...w.params, limit, offset).map(toModel),
      );
    },
    move(id: string, startsAt: number, endsAt: number): void {
      move.run(startsAt, endsAt, id);
    },
    setStatus(id: string, status: SessionStatus): void {
      setStatus.run(status, id);
    },
    delete(id: string): void {
      remove.run(id);
    },
  };
}
export type SessionsRepo = ReturnType<typeof createSessionsRepo>;
