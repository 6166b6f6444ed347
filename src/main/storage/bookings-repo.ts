import { statement, type Db } from './database.ts';
import { json, paged, where, type Page, type PageRequest } from './paging.ts';

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

interface BookingRow {
  id: string;
  session_id: string;
  client_id: string;
  status: BookingStatus;
  paid: 0 | 1;
  price_cents: number;
  add_ons: string;
  created_at: number;
  cancelled_at: number | null;
}

const toModel = (r: BookingRow): Booking => ({
  id: r.id,
  sessionId: r.session_id,
  clientId: r.client_id,
  status: r.status,
  paid: r.paid === 1,
  priceCents: r.price_cents,
  addOns: json.parse(r.add_ons),
  createdAt: r.created_at,
  cancelledAt: r.cancelled_at,
});

export interface BookingFilter {
  status?: BookingStatus | undefined;
  paid?: boolean | undefined;
  sessionId?: string | undefined;
  classId?: string | undefined;
  clientId?: string | undefined;
  /** Session start time range, epoch seconds. */
  from?: number | undefined;
  to?: number | undefined;
}

export function createBookingsRepo(db: Db) {
  const insert = db.prepare(
    `INSERT INTO bookings (id, session_id, client_id, status, paid, price_cents, add_ons, created_at, cancelled_at)
     VALUES (@id, @sessionId, @clientId, @status, @paid, @priceCents, @addOns, @createdAt, @cancelledAt)`,
  );
  const find = db.prepare<[string], BookingRow>('SELECT * FROM bookings WHERE id = ?');
  const setStatus = db.prepare<[BookingStatus, number | null, string]>('UPDATE bookings SET status = ?, cancelled_at = ? WHERE id = ?');
  const setPaid = db.prepare<[string]>('UPDATE bookings SET paid = 1 WHERE id = ?');
  const remove = db.prepare<[string]>('DELETE FROM bookings WHERE id = ?');
  const countLive = db.prepare<[string], { n: number }>("SELECT count(*) AS n FROM bookings WHERE session_id = ? AND status <> 'cancelled'");
  const countConfirmed = db.prepare<[string], { n: number }>("SELECT count(*) AS n FROM bookings WHERE session_id = ? AND status = 'confirmed'");
  const liveFor = db.prepare<[string, string], BookingRow>("SELECT * FROM bookings WHERE session_id = ? AND client_id = ? AND status <> 'cancelled'");
  const forSession = db.prepare<[string], BookingRow>("SELECT * FROM bookings WHERE session_id = ? AND status <> 'cancelled' ORDER BY created_at");
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
    insert(b: Booking): void {
      insert.run({ ...b, paid: b.paid ? 1 : 0, addOns: json.stringify(b.addOns) });
    },
    find(id: string): Booking | undefined {
      const row = find.get(id);
      return row && toModel(row);
    },
    list(filter: BookingFilter, page: PageRequest): Page<Booking> {
      const w = where([
        filter.status !== undefined && ['b.status = ?', filter.status],
        filter.paid !== undefined && ['b.paid = ?', filter.paid ? 1 : 0],
        filter.sessionId !== undefined && ['b.session_id = ?', filter.sessionId],
        filter.classId !== undefined && ['s.class_id = ?', filter.classId],
        filter.clientId !== undefined && ['b.client_id = ?', filter.clientId],
        filter.from !== undefined && ['s.starts_at >= ?', filter.from],
        filter.to !== undefined && ['s.starts_at < ?', filter.to],
      ]);
      return paged(page, (limit, offset) =>
        statement<unknown[], BookingRow>(db, `SELECT b.* FROM bookings b JOIN sessions s ON s.id = b.session_id ${w.sql} ORDER BY s.starts_at, b.id LIMIT ? OFFSET ?`)
          .all(...w.params, limit, offset)
          .map(toModel),
      );
    },
    liveForSession(sessionId: string): Booking[] {
      return forSession.all(sessionId).map(toModel);
    },
    /** Pending and confirmed bookings on a session: what takes a place. */
    countLive(sessionId: string): number {
      return countLive.get(sessionId)?.n ?? 0;
    },
    countConfirmed(sessionId: string): number {
      return countConfirmed.get(sessionId)?.n ?? 0;
    },
    liveFor(sessionId: string, clientId: string): Booking | undefined {
      const row = liveFor.get(sessionId, clientId);
      return row && toModel(row);
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
    delete(id: string): void {
      remove.run(id);
    },
  };
}
export type BookingsRepo = ReturnType<typeof createBookingsRepo>;
