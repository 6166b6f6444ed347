import { z } from 'zod';
import { instantSeconds } from '../../../shared/instant.ts';
import { ProviderError } from '../provider-error.ts';
import type { ApiClient } from '../oauth/api-client.ts';

// Google Calendar API v3 (developers.google.com/calendar/api/v3/reference): the calls and fields used here.

const calendarListSchema = z.object({
  items: z.array(z.object({ id: z.string(), summary: z.string().optional(), summaryOverride: z.string().optional(), primary: z.boolean().optional(), accessRole: z.string().optional() })).default([]),
  nextPageToken: z.string().optional(),
});

const freeBusySchema = z.object({
  calendars: z.record(z.string(), z.object({ busy: z.array(z.object({ start: instantSeconds, end: instantSeconds })).default([]), errors: z.array(z.object({ reason: z.string() })).optional() })),
});

const eventSchema = z.object({
  id: z.string(),
  status: z.string().optional(),
  hangoutLink: z.string().optional(),
  conferenceData: z
    .object({
      createRequest: z.object({ status: z.object({ statusCode: z.string() }).optional() }).optional(),
      entryPoints: z.array(z.object({ entryPointType: z.string(), uri: z.string() })).optional(),
    })
    .optional(),
});
export type CalendarEventResult = z.infer<typeof eventSchema>;

export interface GoogleCalendar {
  id: string;
  name: string;
  primary: boolean;
}

/** The event as the gateway writes it: times in the class's zone, so the calendar shows them right (seed 002, "timezone"). */
export interface EventFields {
  summary: string;
  description: string;
  start: { dateTime: string; timeZone: string };
  end: { dateTime: string; timeZone: string };
}

function parse<T>(schema: z.ZodType<T>, body: unknown, what: string): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new ProviderError('google', 'provider_bad_answer', `Google answered ${what} in an unexpected shape.`, { retryable: true });
  return parsed.data;
}

const calendarPath = (calendarId: string) => `/calendars/${encodeURIComponent(calendarId)}/events`;

/** The Meet link of an event: hangoutLink, else the video entry point; undefined while Meet is still being set up. */
export function meetLink(event: CalendarEventResult): string | undefined {
  return event.hangoutLink ?? event.conferenceData?.entryPoints?.find((e) => e.entryPointType === 'video')?.uri;
}

export function createGoogleCalendarApi(request: ApiClient) {
  return {
    /** Calendars the owner can write events to (owner or writer), primary first. */
    async calendars(): Promise<GoogleCalendar[]> {
      const found: GoogleCalendar[] = [];
      let pageToken: string | undefined;
      do {
        const { body } = await request('GET', '/users/me/calendarList', { query: { minAccessRole: 'writer', pageToken } });
        const page = parse(calendarListSchema, body, 'the calendar list');
        for (const c of page.items) found.push({ id: c.id, name: c.summaryOverride ?? c.summary ?? c.id, primary: c.primary === true });
        pageToken = page.nextPageToken;
      } while (pageToken);
      return found.sort((a, b) => Number(b.primary) - Number(a.primary));
    },

    /** Busy intervals of one calendar (freeBusy.query), epoch seconds. */
    async busy(calendarId: string, from: number, to: number): Promise<{ start: number; end: number }[]> {
      const { body } = await request('POST', '/freeBusy', {
        body: { timeMin: new Date(from * 1000).toISOString(), timeMax: new Date(to * 1000).toISOString(), items: [{ id: calendarId }] },
      });
      const entry = parse(freeBusySchema, body, 'the busy-time query').calendars[calendarId];
      if (!entry || entry.errors?.length) {
        throw new ProviderError('google', 'calendar_not_found', `Google cannot read busy times of the chosen calendar (${entry?.errors?.[0]?.reason ?? 'not found'}). Pick another calendar.`, { retryable: false });
      }
      return entry.busy;
    },

    /**
     * Inserts an event with our own id and a Meet create request (conferenceDataVersion=1). The id makes the call
     * idempotent: a retry answers 409 and the event is read instead. undefined: the id is taken by a deleted event.
     */
    async insertWithMeet(calendarId: string, eventId: string, fields: EventFields): Promise<CalendarEventResult | undefined> {
      const { status, body } = await request('POST', calendarPath(calendarId), {
        query: { conferenceDataVersion: 1 },
        body: { id: eventId, ...fields, conferenceData: { createRequest: { requestId: eventId, conferenceSolutionKey: { type: 'hangoutsMeet' } } } },
        accept: [409],
      });
      if (status !== 409) return parse(eventSchema, body, 'the new event');
      const existing = await this.get(calendarId, eventId);
      return existing && existing.status !== 'cancelled' ? existing : undefined;
    },

    async get(calendarId: string, eventId: string): Promise<CalendarEventResult | undefined> {
      const { status, body } = await request('GET', `${calendarPath(calendarId)}/${encodeURIComponent(eventId)}`, { accept: [404, 410] });
      return status === 200 ? parse(eventSchema, body, 'the event') : undefined;
    },

    /** Moves or renames an event; false when it is gone (deleted in Google Calendar). */
    async patch(calendarId: string, eventId: string, fields: EventFields): Promise<boolean> {
      const { status } = await request('PATCH', `${calendarPath(calendarId)}/${encodeURIComponent(eventId)}`, { body: fields, accept: [404, 410] });
      return status === 200;
    },

    /** Deletes an event; one already gone counts as deleted. */
    async remove(calendarId: string, eventId: string): Promise<void> {
      await request('DELETE', `${calendarPath(calendarId)}/${encodeURIComponent(eventId)}`, { query: { sendUpdates: 'none' }, accept: [404, 410] });
    },
  };
}
export type GoogleCalendarApi = ReturnType<typeof createGoogleCalendarApi>;
