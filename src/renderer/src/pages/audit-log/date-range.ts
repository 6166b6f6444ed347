import { localDateTime } from '../../../../shared/instant.ts';

/** The log's time ranges: the presets, a day of the activity chart, and the pickers' local date-times. */

export const DATE_PRESETS = [
  { id: 'today', label: 'Today' },
  { id: 'yesterday', label: 'Yesterday' },
  { id: '7d', label: '7 days' },
  { id: '30d', label: '30 days' },
] as const;
export type DatePreset = (typeof DATE_PRESETS)[number]['id'];

/** A range as the log's filter takes it: ISO instants, `from` inclusive, `to` exclusive; either may be open. */
export interface TimeRange {
  from?: string | undefined;
  to?: string | undefined;
}

/** Local midnight `daysAgo` days before the day of `nowMs` (0: today's). */
function localMidnight(nowMs: number, daysAgo: number): Date {
  const day = new Date(nowMs);
  return new Date(day.getFullYear(), day.getMonth(), day.getDate() - daysAgo);
}

/** A preset's range in the owner's own days: today, yesterday, or the last 7 or 30 days with today. */
export function presetRange(preset: DatePreset, nowMs: number): TimeRange {
  const iso = (daysAgo: number) => localMidnight(nowMs, daysAgo).toISOString();
  switch (preset) {
    case 'today':
      return { from: iso(0) };
    case 'yesterday':
      return { from: iso(1), to: iso(0) };
    case '7d':
      return { from: iso(6) };
    case '30d':
      return { from: iso(29) };
  }
}

/** One day of the activity chart (its days are UTC, like the counts behind it): the log then counts what its bar does. */
export function chartDayRange(day: string): Required<TimeRange> {
  const from = new Date(`${day}T00:00:00.000Z`);
  return { from: from.toISOString(), to: new Date(from.getTime() + 86_400_000).toISOString() };
}

/** An ISO instant as a datetime-local input shows it (local time, to the minute); '' for none. */
export function toLocalInput(iso: string | undefined): string {
  return iso ? localDateTime(new Date(iso).getTime()).slice(0, 16).replace(' ', 'T') : '';
}

/** A datetime-local input's value (local time) as an ISO instant; undefined when empty. */
export function fromLocalInput(local: string): string | undefined {
  return local ? new Date(local).toISOString() : undefined;
}
