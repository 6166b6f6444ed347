import type { AuditRowView } from '../../../../shared/control-api.ts';

/** What the log lists: a heading for each day (the owner's own days), then that day's rows, newest first. */
export type LogItem = { type: 'day'; key: string; label: string } | { type: 'row'; key: number; row: AuditRowView };

const dayKey = (d: Date) => `${d.getFullYear()}-${d.getMonth() + 1}-${d.getDate()}`;

/** "Today", "Yesterday", or "Monday, 3 November 2025", in the viewer's locale. */
export function dayLabel(time: string, nowMs: number): string {
  const day = new Date(time);
  const today = new Date(nowMs);
  if (dayKey(day) === dayKey(today)) return 'Today';
  if (dayKey(day) === dayKey(new Date(today.getFullYear(), today.getMonth(), today.getDate() - 1))) return 'Yesterday';
  return day.toLocaleDateString(undefined, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
}

/** The time of day a row shows beside its sentence (its day is in the heading above). */
export function timeOfDay(time: string): string {
  return new Date(time).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
}

/** Rows (newest first) with a heading before the first row of each day. */
export function withDayHeadings(rows: readonly AuditRowView[], nowMs: number): LogItem[] {
  const items: LogItem[] = [];
  let last = '';
  for (const row of rows) {
    const key = dayKey(new Date(row.time));
    if (key !== last) items.push({ type: 'day', key: `day-${key}`, label: dayLabel(row.time, nowMs) });
    last = key;
    items.push({ type: 'row', key: row.id, row });
  }
  return items;
}
