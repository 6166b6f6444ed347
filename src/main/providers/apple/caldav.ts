import ICAL from 'ical.js';
import { createDAVClient, type DAVCalendar } from 'tsdav';
import { ProviderError, unreachable } from '../provider-error.ts';
import { APP_PASSWORD_HELP } from './app-password.ts';

/** iCloud's CalDAV server (seed 002: "Used for CalDAV requests to caldav.icloud.com"). */
export const ICLOUD_CALDAV = 'https://caldav.icloud.com';

export interface AppleCredentials {
  email: string;
  appPassword: string;
  serverUrl: string;
}

export interface BusyBlock {
  calendar: string;
  start: number;
  end: number;
}

const REQUEST_TIMEOUT_MS = 20_000;

/** Apple refused the email and password: nothing a retry changes. */
export function authRefused(): ProviderError {
  return new ProviderError(
    'apple',
    'apple_auth_refused',
    'Apple refused the Apple ID email and app-specific password. Check the email; if the password was revoked, or your Apple ID password changed since you made it, ' +
      `generate a new app-specific password and connect again. ${APP_PASSWORD_HELP}`,
    { retryable: false, status: 401 },
  );
}

/**
 * The fetch tsdav uses: a timeout on every request, and a 401 or 403 turned into a clear refusal at once (tsdav
 * would otherwise fall back to other discovery paths and end with "cannot find principalUrl").
 */
async function caldavFetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(input, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  } catch (err) {
    throw unreachable('apple', err);
  }
  if (response.status === 401 || response.status === 403) {
    await response.body?.cancel();
    throw authRefused();
  }
  if (response.status >= 500 || response.status === 429) {
    await response.body?.cancel();
    throw new ProviderError('apple', 'provider_unavailable', `Apple's calendar server answered ${response.status}. It will be tried again.`, { retryable: true, status: response.status });
  }
  return response;
}

function failure(err: unknown): ProviderError {
  if (err instanceof ProviderError) return err;
  const detail = err instanceof Error ? err.message.slice(0, 200) : String(err);
  return new ProviderError('apple', 'caldav_failed', `The CalDAV server did not answer as a calendar server should (${detail}). Check the server address.`, { retryable: false });
}

async function client(credentials: AppleCredentials) {
  try {
    return await createDAVClient({
      serverUrl: credentials.serverUrl,
      credentials: { username: credentials.email, password: credentials.appPassword },
      authMethod: 'Basic',
      defaultAccountType: 'caldav',
      fetch: caldavFetch,
    });
  } catch (err) {
    throw failure(err);
  }
}

const eventCalendars = (calendars: DAVCalendar[]) => calendars.filter((c) => !c.components || c.components.includes('VEVENT'));
const calendarName = (c: DAVCalendar) => (typeof c.displayName === 'string' && c.displayName ? c.displayName : new URL(c.url).pathname.split('/').filter(Boolean).at(-1) ?? c.url);

/** Signs in (service discovery, RFC 6764) and lists the calendars that hold events. */
export async function appleCalendars(credentials: AppleCredentials): Promise<string[]> {
  const dav = await client(credentials);
  try {
    return eventCalendars(await dav.fetchCalendars()).map(calendarName);
  } catch (err) {
    throw failure(err);
  }
}

/**
 * Busy blocks of every event calendar between `from` and `to` (epoch seconds): recurring events expanded with
 * their exceptions, cancelled and transparent (free) events left out, and all-day events only when marked busy.
 */
export async function appleBusyTimes(credentials: AppleCredentials, from: number, to: number): Promise<BusyBlock[]> {
  const dav = await client(credentials);
  const timeRange = { start: new Date(from * 1000).toISOString(), end: new Date(to * 1000).toISOString() };
  const blocks: BusyBlock[] = [];
  try {
    for (const calendar of eventCalendars(await dav.fetchCalendars())) {
      const objects = await dav.fetchCalendarObjects({ calendar, timeRange });
      for (const object of objects) {
        if (typeof object.data === 'string') blocks.push(...busyIn(object.data, calendarName(calendar), from, to));
      }
    }
  } catch (err) {
    throw failure(err);
  }
  return blocks.sort((a, b) => a.start - b.start);
}

/** Busy blocks of one calendar object (RFC 5545 text), clipped to nothing outside [from, to). */
export function busyIn(ics: string, calendar: string, from: number, to: number): BusyBlock[] {
  let root: ICAL.Component;
  try {
    root = new ICAL.Component(ICAL.parse(ics) as unknown[]);
  } catch {
    return []; // one unreadable object must not hide every other busy time
  }
  for (const zone of root.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  const vevents = root.getAllSubcomponents('vevent');
  const masters = vevents.filter((v) => !v.hasProperty('recurrence-id')).map((v) => new ICAL.Event(v));
  for (const exception of vevents.filter((v) => v.hasProperty('recurrence-id'))) {
    const master = masters.find((m) => m.uid === exception.getFirstPropertyValue('uid'));
    if (master) master.relateException(exception);
    else masters.push(new ICAL.Event(exception));
  }
  const blocks: BusyBlock[] = [];
  const add = (event: ICAL.Event, start: ICAL.Time, end: ICAL.Time) => {
    if (!isBusy(event, start)) return;
    const s = start.toUnixTime();
    const e = end.toUnixTime();
    if (e > from && s < to) blocks.push({ calendar, start: s, end: e });
  };
  for (const event of masters) {
    if (!event.isRecurring()) {
      add(event, event.startDate, event.endDate);
      continue;
    }
    const occurrences = event.iterator();
    for (let next = occurrences.next(); next; next = occurrences.next()) {
      if (next.toUnixTime() >= to) break;
      const details = event.getOccurrenceDetails(next);
      add(details.item, details.startDate, details.endDate);
    }
  }
  return blocks;
}

function isBusy(event: ICAL.Event, start: ICAL.Time): boolean {
  if (String(event.component.getFirstPropertyValue('status') ?? '').toUpperCase() === 'CANCELLED') return false;
  const transp = String(event.component.getFirstPropertyValue('transp') ?? '').toUpperCase();
  if (transp === 'TRANSPARENT') return false;
  // All-day entries (birthdays, holidays) are free unless the owner marked them busy.
  return !start.isDate || transp === 'OPAQUE';
}
