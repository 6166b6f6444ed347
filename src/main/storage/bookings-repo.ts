import type { Db } from './database.ts';
import type { Page, PageRequest } from './paging.ts';
import { table, type Filter } from './table.ts';

export type BookingStatus = 'pending' | 'confirmed' | 'cancelled';

export interface Booking {
  id: string;
  sessionId: string;
  clientId: string;
  status: BookingStatus;
  paid: boolean;
  priceCents: number;
  addOns: string[];
  createdAt: number;
  cancelledAt: number | null;
}

const bookings = table<Booking>(
  'bookings',
  { id: 'plain', sessionId: 'plain', clientId: 'plain', status: 'plain', paid: 'boolean', priceCents: 'plain', addOns: 'json', createdAt: 'plain', cancelledAt: 'plain' },
  { alias: 'b' },
);

/** What a list of bookings can be narrowed to (`s` is the booking's session, joined). */
const matching = bookings.filter({
  status: 'b.status = ?',
  paid: (paid: boolean) => ['b.paid = ?', paid ? 1 : 0],
  sessionId: 'b.session_id = ?',
  classId: (classId: string) => ['s.class_id = ?', classId],
  clientId: 'b.client_id = ?',
  /** Session start time range, epoch seconds. */
  from: (at: number) => ['s.starts_at >= ?', at],
  to: (at: number) => ['s.starts_at < ?', at],
});
export type BookingFilter = Filter<typeof matching>;

export function createBookingsRepo(db: Db) {
  const setStatus = db.prepare<[BookingStatus, number | null, string]>('UPDATE bookings SET status = ?, cancelled_at = ? WHERE id = ?');
  const setPaid = db.prepare<[string]>('UPDATE bookings SET paid = 1 WHERE id = ?');
  const countLive = db.prepare<[string], { n: number }>("SELECT count(*) AS n FROM bookings WHERE session_id = ? AND status <> 'cancelled'");
  const countConfirmed = db.prepare<[string], { n: number }>("SELECT count(*) AS n FROM bookings WHERE session_id = ? AND status = 'confirmed'");
  const liveFor = bookings.prepare<[string, string]>(db, "WHERE session_id = ? AND client_id = ? AND status <> 'cancelled'");
  const forSession = bookings.prepare<[string]>(db, "WHERE session_id = ? AND status <> 'cancelled' ORDER BY created_at");
  const maxConfirmed = db.prepare<[string, number], { n: number | null }>(
    `SELECT max(n) AS n FROM (SELECT count(*) AS n FROM bookings b JOIN sessions s ON s.id = b.session_id
       WHERE s.class_id = ? AND s.starts_at >= ? AND b.status = 'confirmed' GROUP BY b.session_id)`,
  );
  const liveUpcomingForClass = db.prepare<[string, number], { n: number }>(
    `SELECT count(*) AS n FROM bookings b JOIN sessions s ON s.id = b.session_id
     WHERE s.class_id = ? AND s.starts_at >= ? AND b.status <> 'cancelled'`,
  );
  const liveUpcomingForClient = db.prepare<[string, number], { n: number }>(
    `SELECT count(*) AS n FROM bookings b JOIN sessions s ON s.id = b.session_id
     WHERE b.client_id = ? AND s.starts_at >= ? AND b.status <> 'cancelled'`,
  );

  return {
    insert: bookings.inserter(db),
    find: bookings.findBy(db, 'id'),
    list(filter: BookingFilter, page: PageRequest): Page<Booking> {
      const w = matching(filter);
      return bookings.page(db, page, { ...w, sql: `JOIN sessions s ON s.id = b.session_id ${w.sql}` }, 's.starts_at, b.id');
    },
    liveForSession(sessionId: string): Booking[] {
      return forSession.all(sessionId);
    },
    /** Pending and confirmed bookings on a session: what takes a place. */
    countLive(sessionId: string): number {
      return countLive.get(sessionId)?.n ?? 0;
    },
    countConfirmed(sessionId: string): number {
      return countConfirmed.get(sessionId)?.n ?? 0;
    },
    liveFor(sessionId: string, clientId: string): Booking | undefined {
      return liveFor.get(sessionId, clientId);
    },
    /** The most confirmed bookings on any upcoming session of a class: the floor for its capacity. */
    maxConfirmedUpcoming(classId: string, now: number): number {
      return maxConfirmed.get(classId, now)?.n ?? 0;
    },
    liveUpcomingForClass(classId: string, now: number): number {
      return liveUpcomingForClass.get(classId, now)?.n ?? 0;
    },
    liveUpcomingForClient(clientId: string, now: number): number {
      return liveUpcomingForClient.get(clientId, now)?.n ?? 0;
    },
    setStatus(id: string, status: BookingStatus, cancelledAt: number | null): void {
      setStatus.run(status, cancelledAt, id);
    },
    markPaid(id: string): void {
      setPaid.run(id);
    },
    delete: bookings.deleteBy(db, 'id'),
  };
}
export type BookingsRepo = ReturnType<typeof createBookingsRepo>;
