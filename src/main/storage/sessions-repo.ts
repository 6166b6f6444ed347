import type { Db } from './database.ts';
import type { Page, PageRequest } from './paging.ts';
import { table, type Filter } from './table.ts';

export type SessionStatus = 'scheduled' | 'cancelled';

/** One occurrence of a class, in UTC. */
export interface Session {
  id: string;
  classId: string;
  startsAt: number;
  endsAt: number;
  status: SessionStatus;
}

const sessions = table<Session>('sessions', { id: 'plain', classId: 'plain', startsAt: 'plain', endsAt: 'plain', status: 'plain' });

/** What a list of sessions can be narrowed to. */
const matching = sessions.filter({
  classId: 'class_id = ?',
  from: (at: number) => ['starts_at >= ?', at],
  to: (at: number) => ['starts_at < ?', at],
  status: 'status = ?',
});
export type SessionFilter = Filter<typeof matching>;

export function createSessionsRepo(db: Db) {
  const forClass = sessions.prepare<[string]>(db, 'WHERE class_id = ? ORDER BY starts_at');
  const fromTime = sessions.prepare<[string, number]>(db, 'WHERE class_id = ? AND starts_at >= ? ORDER BY starts_at');
  const move = db.prepare<[number, number, string]>('UPDATE sessions SET starts_at = ?, ends_at = ? WHERE id = ?');
  const setStatus = db.prepare<[SessionStatus, string]>('UPDATE sessions SET status = ? WHERE id = ?');
  const last = db.prepare<[string], { starts_at: number }>('SELECT max(starts_at) AS starts_at FROM sessions WHERE class_id = ?');
  const between = sessions.prepare<[number, number]>(db, 'WHERE starts_at >= ? AND starts_at < ? ORDER BY starts_at, id');
  const bookedOnline = db.prepare<[string, number], { id: string }>(
    `SELECT s.id FROM sessions s JOIN classes c ON c.id = s.class_id
     WHERE c.mode = 'online' AND c.video_provider = ? AND s.status = 'scheduled' AND s.ends_at > ?
       AND EXISTS (SELECT 1 FROM bookings b WHERE b.session_id = s.id AND b.status = 'confirmed')
     ORDER BY s.starts_at`,
  );

  return {
    insert: sessions.inserter(db),
    find: sessions.findBy(db, 'id'),
    forClass(classId: string, from?: number): Session[] {
      return from === undefined ? forClass.all(classId) : fromTime.all(classId, from);
    },
    /** Every session starting in [from, to), soonest first. */
    between(from: number, to: number): Session[] {
      return between.all(from, to);
    },
    /** Ids of upcoming sessions of online classes on this video provider that hold a confirmed booking. */
    bookedOnline(videoProvider: 'google_meet' | 'zoom', now: number): string[] {
      return bookedOnline.all(videoProvider, now).map((r) => r.id);
    },
    lastStart(classId: string): number | null {
      return last.get(classId)?.starts_at ?? null;
    },
    list(filter: SessionFilter, page: PageRequest): Page<Session> {
      return sessions.page(db, page, matching(filter), 'starts_at, id');
    },
    move(id: string, startsAt: number, endsAt: number): void {
      move.run(startsAt, endsAt, id);
    },
    setStatus(id: string, status: SessionStatus): void {
      setStatus.run(status, id);
    },
    delete: sessions.deleteBy(db, 'id'),
  };
}
export type SessionsRepo = ReturnType<typeof createSessionsRepo>;
