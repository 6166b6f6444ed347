import { z } from 'zod';

/**
 * The one reader of dates and instants that tools, the audit filter and the panel share. It checks each part
 * (ISO 8601 / RFC 3339 §5.6: month 01–12, a day that exists in that month, hour 00–23, offset up to ±23:59)
 * rather than trusting `Date.parse`, which reads 2026-02-30 as 2 March.
 */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(?:(Z)|([+-])(\d{2}):(\d{2}))$/;

/** Date.UTC reads years 0–99 as 1900–1999; this does not. */
function utc(year: number, month: number, day: number, h = 0, mi = 0, s = 0, ms = 0): number {
  const date = new Date(Date.UTC(2000, month - 1, day, h, mi, s, ms));
  date.setUTCFullYear(year, month - 1, day);
  return date.getTime();
}

function daysInMonth(year: number, month: number): number {
  return new Date(utc(year, month + 1, 0)).getUTCDate();
}

function validDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** A real calendar date written YYYY-MM-DD (2026-02-30 is not). */
export function isIsoDate(value: string): boolean {
  const m = DATE.exec(value);
  return m !== null && validDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** A date (midnight UTC) or a date-time with Z or an offset, as epoch milliseconds; undefined when it is not one. */
export function parseInstantMs(value: string): number | undefined {
  const date = DATE.exec(value);
  if (date) {
    const [y, mo, d] = [Number(date[1]), Number(date[2]), Number(date[3])];
    return validDate(y, mo, d) ? utc(y, mo, d) : undefined;
  }
  const m = DATE_TIME.exec(value);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0)) as [number, number, number, number, number, number];
  const offsetH = Number(m[10] ?? 0);
  const offsetM = Number(m[11] ?? 0);
  if (!validDate(y, mo, d) || h > 23 || mi > 59 || s > 59 || offsetH > 23 || offsetM > 59) return undefined;
  const fraction = m[7] ? Math.floor(Number(m[7]) * 1000) : 0;
  const offsetMs = (m[9] === '-' ? -1 : 1) * (offsetH * 60 + offsetM) * 60_000;
  return utc(y, mo, d, h, mi, s, fraction) - offsetMs;
}

const NOT_AN_INSTANT = 'must be an ISO 8601 date or date-time with a zone, e.g. 2026-12-01 or 2026-12-01T18:00:00Z';

/** A date or date-time (as above) in a zod schema, kept as the text it was given. */
export const instantText = z.string().refine((value) => parseInstantMs(value) !== undefined, NOT_AN_INSTANT);

/** A date or date-time (as above) in a zod schema, read as epoch seconds. */
export const instantSeconds = z.string().transform((value, ctx) => {
  const ms = parseInstantMs(value);
  if (ms === undefined) {
    ctx.addIssue({ code: 'custom', message: NOT_AN_INSTANT });
    return z.NEVER;
  }
  return Math.floor(ms / 1000);
});

/**
 * An instant as this computer's clock shows it, "2026-12-07 18:18:26" (what the panel shows, to the second: the
 * gateway and the panel run on the same computer). A spreadsheet reads it as a date and time.
 */
export function localDateTime(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}
