import { isoInstant } from '../../studio/time.ts';
import type { MeetingDetails, MeetingTarget } from '../sync/meeting-sync.ts';
import { meetLink, type EventFields, type GoogleCalendarApi } from './google-calendar.ts';

/** Event fields: the instant in UTC and the class's zone, so Google shows it in the zone it was planned in. */
export function eventFields(details: MeetingDetails): EventFields {
  return {
    summary: details.title,
    description: details.description,
    start: { dateTime: isoInstant(details.startsAt), timeZone: details.timezone },
    end: { dateTime: isoInstant(details.endsAt), timeZone: details.timezone },
  };
}

/** Google Calendar + Meet as a meeting target: one event per session, on the chosen calendar, with a Meet link. */
export function googleMeetingTarget(deps: { api: GoogleCalendarApi; connected: () => boolean; calendarId: () => string }): MeetingTarget {
  const { api } = deps;
  const calendarOf = (row: { calendarId: string | null }) => row.calendarId ?? deps.calendarId();
  return {
    provider: 'google',
    connected: deps.connected,
    placement: deps.calendarId,
    async create(row, details) {
      // The request key is the event id: a retried insert answers 409 and the event made before is read back.
      const event = await api.insertWithMeet(calendarOf(row), row.requestKey, eventFields(details));
      return event ? { externalId: event.id, joinUrl: meetLink(event) } : 'key_taken';
    },
    async joinUrl(row) {
      const event = await api.get(calendarOf(row), row.externalId ?? row.requestKey);
      return event && meetLink(event);
    },
    update: (row, details) => api.patch(calendarOf(row), row.externalId ?? row.requestKey, eventFields(details)),
    remove: (row) => api.remove(calendarOf(row), row.externalId ?? row.requestKey),
  };
}
