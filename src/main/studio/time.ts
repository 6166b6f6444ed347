/**
 * Wall-clock time in IANA time zones, with the platform's Intl data only. Classes are scheduled in their
 * own zone ("18:00 in Lisbon" stays 18:00 across daylight-saving changes); sessions are stored in UTC.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      weekday: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isValidTimeZone(timeZone: string): boolean {
  if (!/^[A-Za-z_]+(?:\/[A-Za-z0-9_+-]+)*$/.test(timeZone) && timeZone !== 'UTC') return false;
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function isWallTime(value: string): boolean {
  return TIME.test(value);
}

export interface ZonedParts {
  date: string;
  time: string;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** The wall-clock date, time and weekday of a UTC instant in a time zone. */
export function zonedParts(epochSeconds: number, timeZone: string): ZonedParts {
  const parts = Object.fromEntries(formatter(timeZone).formatToParts(new Date(epochSeconds * 1000)).map((p) => [p.type, p.value]));
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    time: `${parts.hour}:${parts.minute}`,
    weekday: WEEKDAYS.indexOf(String(parts.weekday)),
  };
}

/** Offset of the zone from UTC at an instant, in seconds (Stockholm in summer: +7200). */
function offsetAt(epochSeconds: number, timeZone: string): number {
  const parts = Object.fromEntries(formatter(timeZone).formatToParts(new Date(epochSeconds * 1000)).map((p) => [p.type, p.value]));
  const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return Math.round(asUtc / 1000 - epochSeconds);
}

/**
 * The UTC instant of a wall-clock date and time in a zone. A time that occurs twice (the night clocks go
 * back) is its first occurrence, and a time skipped by a spring-forward jump moves forward by the jump
 * (RFC 5545 §3.3.5), as calendar apps do.
 */
export function zonedToEpoch(date: string, time: string, timeZone: string): number {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi] = time.split(':').map(Number) as [number, number];
  const naive = Date.UTC(y, mo - 1, d, h, mi) / 1000;
  const before = offsetAt(naive - 43_200, timeZone);
  const after = offsetAt(naive + 43_200, timeZone);
  const matching = [naive - before, naive - after].filter((epoch) => {
    const parts = zonedParts(epoch, timeZone);
    return parts.date === date && parts.time === time;
  });
  return matching.length ? Math.min(...matching) : naive - before;
}

/** Adds whole days to a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Weekday (0 = Sunday) of a YYYY-MM-DD date. */
export function weekdayOf(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

export function isoInstant(epochSeconds: number): string {
  return new Date(epochSeconds * 1000).toISOString().replace('.000Z', 'Z');
}
