import { z } from 'zod';
import { ProviderError } from '../provider-error.ts';
import type { ApiClient } from '../oauth/api-client.ts';

// Zoom API v2 (developers.zoom.us/docs/api/meetings/, /docs/api/users/): the calls and fields used here.

const userSchema = z.object({ id: z.string(), email: z.string().optional(), display_name: z.string().optional(), first_name: z.string().optional(), last_name: z.string().optional() });
const meetingSchema = z.object({ id: z.union([z.number(), z.string()]).transform(String), join_url: z.string(), agenda: z.string().optional() });
const meetingListSchema = z.object({ meetings: z.array(meetingSchema).default([]), next_page_token: z.string().optional() });

export type ZoomMeetingResult = z.infer<typeof meetingSchema>;

/** What the gateway sets on a meeting: a scheduled meeting (type 2), join before host, no waiting room (seed 002). */
export interface MeetingFields {
  topic: string;
  agenda: string;
  /** Local wall time in `timezone`, yyyy-MM-ddTHH:mm:ss. */
  start_time: string;
  timezone: string;
  duration: number;
}

export const MEETING_SETTINGS = { join_before_host: true, jbh_time: 0, waiting_room: false } as const;

function parse<T>(schema: z.ZodType<T>, body: unknown, what: string): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new ProviderError('zoom', 'provider_bad_answer', `Zoom answered ${what} in an unexpected shape.`, { retryable: true });
  return parsed.data;
}

export function createZoomApi(request: ApiClient) {
  return {
    /** "Connected as <name>". */
    async me(): Promise<{ id: string; name: string; email: string | null }> {
      const user = parse(userSchema, (await request('GET', '/users/me')).body, 'the user profile');
      const name = user.display_name ?? [user.first_name, user.last_name].filter(Boolean).join(' ');
      return { id: user.id, name: name || user.email || user.id, email: user.email ?? null };
    },

    async create(fields: MeetingFields): Promise<ZoomMeetingResult> {
      const { body } = await request('POST', '/users/me/meetings', { body: { ...fields, type: 2, settings: MEETING_SETTINGS } });
      return parse(meetingSchema, body, 'the new meeting');
    },

    /** An upcoming meeting whose agenda carries `marker`: what an interrupted create made, if anything. */
    async findByMarker(marker: string): Promise<ZoomMeetingResult | undefined> {
      let pageToken: string | undefined;
      do {
        const { body } = await request('GET', '/users/me/meetings', { query: { type: 'upcoming', page_size: 300, next_page_token: pageToken } });
        const page = parse(meetingListSchema, body, 'the meeting list');
        const found = page.meetings.find((m) => m.agenda?.includes(marker));
        if (found) return found;
        pageToken = page.next_page_token || undefined;
      } while (pageToken);
      return undefined;
    },

    /** Moves or renames a meeting; false when it is gone (deleted in Zoom). */
    async patch(meetingId: string, fields: MeetingFields): Promise<boolean> {
      const { status } = await request('PATCH', `/meetings/${encodeURIComponent(meetingId)}`, { body: { ...fields, settings: MEETING_SETTINGS }, accept: [404] });
      return status !== 404;
    },

    /** Deletes a meeting; one already gone counts as deleted. */
    async remove(meetingId: string): Promise<void> {
      await request('DELETE', `/meetings/${encodeURIComponent(meetingId)}`, { accept: [404] });
    },
  };
}
export type ZoomApi = ReturnType<typeof createZoomApi>;
