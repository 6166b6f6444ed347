import type { Db } from './database.ts';

export interface BusyTime {
  provider: string;
  /** The calendar's name as the owner knows it. */
  calendar: string;
  startsAt: number;
  endsAt: number;
}

/** Busy times read from connected calendars (a cache, replaced per provider on each refresh). */
export function createBusyTimesRepo(db: Db) {
  const clear = db.prepare<[string]>('DELETE FROM busy_times WHERE provider = ?');
  const insert = db.prepare('INSERT INTO busy_times (provider, calendar, starts_at, ends_at) VALUES (@provider, @calendar, @startsAt, @endsAt)');
  const overlapping = db.prepare<[number, number], { provider: string; calendar: string; starts_at: number; ends_at: number }>(
    'SELECT * FROM busy_times WHERE starts_at < ? AND ends_at > ? ORDER BY starts_at',
  );
  return {
    replace(provider: string, busy: BusyTime[]): void {
      db.transaction(() => {
        clear.run(provider);
        for (const b of busy) insert.run(b);
      })();
    },
    clear: (provider: string) => void clear.run(provider),
    overlapping(startsAt: number, endsAt: number): BusyTime[] {
      return overlapping.all(endsAt, startsAt).map((r) => ({ provider: r.provider, calendar: r.calendar, startsAt: r.starts_at, endsAt: r.ends_at }));
    },
  };
}
export type BusyTimesRepo = ReturnType<typeof createBusyTimesRepo>;
