import type { Storage } from '../../storage/index.ts';
import type { BusyTime } from '../../storage/busy-times-repo.ts';
import { SCHEDULE_HORIZON_SECONDS } from '../../studio/classes.ts';
import type { ConnectionState } from '../connection-state.ts';

export type CalendarProvider = 'google' | 'apple';

/** How often connected calendars are read again. */
export const BUSY_REFRESH_MS = 15 * 60_000;

/** Reads one calendar provider's busy times for the schedule's horizon. */
export type BusyReader = (from: number, to: number) => Promise<BusyTime[]>;

/**
 * Keeps the busy-time cache of connected calendars fresh (class tools warn from it without waiting on the
 * network). A provider that is not connected has no busy times.
 */
export function createBusySync(deps: { storage: Storage; state: ConnectionState; readers: Record<CalendarProvider, BusyReader>; now: () => number }) {
  const { storage, state } = deps;
  return {
    async run(subject: string): Promise<string | null> {
      const provider = subject as CalendarProvider;
      if (!state.isConnected(provider)) {
        storage.busyTimes.clear(provider);
        return null;
      }
      const now = deps.now();
      const busy = await deps.readers[provider](now - 24 * 60 * 60, now + SCHEDULE_HORIZON_SECONDS);
      storage.transaction(() => {
        storage.busyTimes.replace(provider, busy);
        state.setOptions(provider, { busyRefreshedAt: now, busyCount: busy.length });
      });
      return `read ${busy.length} busy ${busy.length === 1 ? 'time' : 'times'}`;
    },
    /** Queues a refresh of every connected calendar. */
    queueAll(nowMs: number): void {
      for (const provider of ['google', 'apple'] as const) if (state.isConnected(provider)) storage.jobs.enqueue('busy', provider, nowMs);
    },
  };
}
