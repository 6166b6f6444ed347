import { DomainError } from '../../errors.ts';
import type { ConnectionState } from '../connection-state.ts';
import { ProviderError } from '../provider-error.ts';
import type { GoogleCalendar, GoogleCalendarApi } from './google-calendar.ts';

export interface GoogleOptions {
  calendars?: GoogleCalendar[];
  calendarId?: string;
  calendarName?: string;
}

/** After the tokens are sealed: reads the calendars, keeps the earlier choice if it still exists, else primary. */
export async function completeGoogle(api: GoogleCalendarApi, state: ConnectionState): Promise<string> {
  const calendars = await api.calendars();
  const primary = calendars.find((c) => c.primary) ?? calendars[0];
  if (!primary) throw new ProviderError('google', 'no_calendar', 'This Google account has no calendar Studio Gateway may add events to.', { retryable: false });
  const previous = (state.get('google').options as GoogleOptions).calendarId;
  const chosen = calendars.find((c) => c.id === previous) ?? primary;
  // The primary calendar's id is the account's email address.
  state.connected('google', primary.id, { calendars, calendarId: chosen.id, calendarName: chosen.name } satisfies GoogleOptions);
  return primary.id;
}

/** Switches the calendar new events go to and busy times come from (seed 002: "switch to it from the connections page"). */
export async function selectGoogleCalendar(api: GoogleCalendarApi, state: ConnectionState, calendarId: string): Promise<void> {
  if (!state.isConnected('google')) throw new DomainError('provider_not_connected', 'Connect Google first.');
  const calendars = await api.calendars();
  const chosen = calendars.find((c) => c.id === calendarId);
  if (!chosen) throw new DomainError('not_found', `calendarId: your Google account has no calendar ${calendarId} that Studio Gateway may write to. Create it in Google Calendar first.`);
  state.setOptions('google', { calendars, calendarId: chosen.id, calendarName: chosen.name } satisfies GoogleOptions);
}
