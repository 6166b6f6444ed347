import type { Storage } from '../storage/index.ts';
import type { Session } from '../storage/sessions-repo.ts';
import { isoInstant, zonedParts } from './time.ts';

export interface CalendarConflict {
  sessionId: string;
  startsAt: string;
  /** Wall-clock start in the class's zone. */
  localStart: string;
  /** Which calendar is busy then, e.g. "Google Calendar (Studio)", "Apple Calendar (Home)". */
  calendar: string;
  busyFrom: string;
  busyTo: string;
}

export interface ConflictReport {
  /** The connected calendars whose busy times were looked at, with when each was last read. */
  calendarsChecked: { calendar: string; busyTimesAsOf: string }[];
  calendarConflicts: CalendarConflict[];
}

const CALENDARS = [
  { provider: 'google', name: 'Google Calendar' },
  { provider: 'apple', name: 'Apple Calendar' },
] as const;

/**
 * Warns when sessions fall on busy times of a connected calendar (Connections seed: busy times are read for this).
 * Made before a change: busy blocks at exactly a time the studio already teaches are the studio's own classes
 * showing in the owner's calendar (a Meet event made here, or the feed subscribed to), not conflicts.
 */
export function conflictChecker(storage: Storage, now: number) {
  const own = new Set<string>();
  for (const s of storage.sessions.between(now - 86_400, Number.MAX_SAFE_INTEGER)) own.add(`${s.startsAt}:${s.endsAt}`);

  return (sessions: readonly Session[], timezone: string): ConflictReport => {
    const calendarsChecked = CALENDARS.flatMap(({ provider, name }) => {
      const connection = storage.connections.get(provider);
      const asOf = connection?.status === 'connected' ? connection.options.busyRefreshedAt : undefined;
      if (typeof asOf !== 'number') return [];
      const calendarName = typeof connection?.options.calendarName === 'string' ? ` (${connection.options.calendarName})` : '';
      return [{ calendar: `${name}${calendarName}`, busyTimesAsOf: isoInstant(asOf) }];
    });
    const calendarConflicts: CalendarConflict[] = [];
    if (calendarsChecked.length === 0) return { calendarsChecked, calendarConflicts };
    for (const session of sessions) {
      if (session.status !== 'scheduled' || session.endsAt <= now) continue;
      for (const busy of storage.busyTimes.overlapping(session.startsAt, session.endsAt)) {
        if (own.has(`${busy.startsAt}:${busy.endsAt}`)) continue;
        const local = zonedParts(session.startsAt, timezone);
        calendarConflicts.push({
          sessionId: session.id,
          startsAt: isoInstant(session.startsAt),
          localStart: `${local.date} ${local.time}`,
          calendar: busy.calendar,
          busyFrom: isoInstant(busy.startsAt),
          busyTo: isoInstant(busy.endsAt),
        });
      }
    }
    return { calendarsChecked, calendarConflicts };
  };
}
