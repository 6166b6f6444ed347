import type { Db } from './database.ts';
import { table } from './table.ts';

export interface BusyTime {
  provider: string;
  /** The calendar's name as the owner knows it. */
  calendar: string;
  startsAt: number;
  endsAt: number;
}

const busyTimes = table<BusyTime>('busy_times', { provider: 'plain', calendar: 'plain', startsAt: 'plain', endsAt: 'plain' });

/** Busy times read from connected calendars (a cache, replaced per provider on each refresh). */
export function createBusyTimesRepo(db: Db) {
  const clear = busyTimes.deleteBy(db, 'provider');
  const insert = busyTimes.inserter(db);
  const overlapping = busyTimes.prepare<[number, number]>(db, 'WHERE starts_at < ? AND ends_at > ? ORDER BY starts_at');
  return {
    replace(provider: string, busy: BusyTime[]): void {
      db.transaction(() => {
        clear(provider);
        for (const b of busy) insert(b);
      })();
    },
    clear,
    overlapping(startsAt: number, endsAt: number): BusyTime[] {
      return overlapping.all(endsAt, startsAt);
    },
  };
}
export type BusyTimesRepo = ReturnType<typeof createBusyTimesRepo>;
