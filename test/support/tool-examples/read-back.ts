/** Small readers the tool examples' checks share: a tool result's lists, and times as the database keeps them. */

/** The list a tool result holds under `key` (list tools: `{ <key>: [...], next_cursor }`); throws if there is none. */
export function listed(result: Record<string, unknown>, key: string): Record<string, unknown>[] {
  const value = result[key];
  if (!Array.isArray(value)) throw new Error(`the result has no list "${key}": ${JSON.stringify(result).slice(0, 300)}`);
  return value as Record<string, unknown>[];
}

/** The ids of listed items or stored records, in their order. */
export function idsOf(items: readonly { id?: unknown }[]): unknown[] {
  return items.map((item) => item.id);
}

/** Weekday and wall-clock time of an instant (epoch seconds) in a time zone, e.g. "Fri 16:00". */
export function wallClock(epochSeconds: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(epochSeconds * 1000));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('weekday')} ${part('hour')}:${part('minute')}`;
}
