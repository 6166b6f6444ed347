import { randomBytes } from 'node:crypto';

/** Helpers both provider emulators use. */

export type Json = Record<string, unknown>;
export interface Reply { status: number; body?: unknown; headers?: Record<string, string> }
/** `'reset'` destroys the socket instead of answering; `dropAfterCommit` performs the operation first. */
export interface FailOptions { dropAfterCommit?: boolean }
export interface Fault { match: string; status: number | 'reset'; dropAfterCommit: boolean }
export interface Call { method: string; path: string; query: string }

export const random = (bytes: number) => randomBytes(bytes).toString('base64url');
export const obj = (v: unknown): Json | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined);

export function parseJson(raw: string): Json | undefined {
  try { return raw ? obj(JSON.parse(raw)) : {}; } catch { return undefined; }
}

/** `'POST /calendar/v3/freeBusy'` matches method and path substring; `'/events'` matches a path substring only. */
export function faultMatches(match: string, method: string, path: string): boolean {
  const m = /^([A-Z]+) (.+)$/.exec(match);
  return m ? m[1] === method && path.includes(m[2] ?? '') : path.includes(match);
}

/** Milliseconds for a date-time: an RFC 3339 offset or Z wins, else the local time is read in `timeZone`. */
export function zonedMs(dateTime: string, timeZone: string | undefined): number {
  if (/([zZ]|[+-]\d\d:\d\d)$/.test(dateTime)) return Date.parse(dateTime);
  const asUtc = Date.parse(`${dateTime}Z`);
  const offset = (ms: number) => {
    const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' }).formatToParts(ms);
    const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
    return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - ms;
  };
  return asUtc - offset(asUtc - offset(asUtc));
}
