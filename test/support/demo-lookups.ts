import type { Services } from '../../src/main/services.ts';
import type { Booking } from '../../src/main/storage/bookings-repo.ts';
import type { Session } from '../../src/main/storage/sessions-repo.ts';

/** Finds things in the demo workspace for tests, by what they are rather than by id. */

export function upcomingSession(services: Services, classId: string, options: { withSpace?: boolean } = {}): Session {
  const cls = services.storage.classes.find(classId);
  const session = services.storage.sessions
    .forClass(classId, services.now() + 3600)
    .find((s) => s.status === 'scheduled' && (!options.withSpace || services.storage.bookings.countLive(s.id) < (cls?.capacity ?? 0)));
  if (!session) throw new Error(`no upcoming session of ${classId}`);
  return session;
}

export function allBookings(services: Services): Booking[] {
  return services.storage.bookings.list({}, { limit: 10_000 }).items;
}

export function bookingWhere(services: Services, predicate: (b: Booking, session: Session) => boolean): Booking {
  const found = allBookings(services).find((b) => {
    const session = services.storage.sessions.find(b.sessionId);
    return session !== undefined && predicate(b, session);
  });
  if (!found) throw new Error('no booking matches');
  return found;
}

export function clientWithoutUpcomingBookings(services: Services): string {
  const client = services.storage.customers
    .list({}, { limit: 1000 })
    .items.find((c) => services.storage.bookings.liveUpcomingForClient(c.id, services.now()) === 0);
  if (!client) throw new Error('every client has upcoming bookings');
  return client.id;
}

/** Today's date in a time zone, YYYY-MM-DD. */
export function todayIn(services: Services, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(services.now() * 1000));
}
