import { isoInstant } from '../../studio/time.ts';
import type { MeetingDetails, MeetingTarget } from '../sync/meeting-sync.ts';
import type { MeetingFields, ZoomApi } from './zoom-api.ts';

/** Zoom takes no idempotency key; the agenda carries the request key so a resumed create can find its meeting. */
const marker = (requestKey: string) => `Studio Gateway ref ${requestKey}`;

export function meetingFields(details: MeetingDetails, requestKey: string): MeetingFields {
  const agenda = [details.description.slice(0, 1800), marker(requestKey)].filter(Boolean).join('\n\n');
  return {
    topic: details.title.slice(0, 200),
    agenda,
    start_time: isoInstant(details.startsAt), // GMT (yyyy-MM-ddTHH:mm:ssZ); timezone is how Zoom shows it
    timezone: details.timezone,
    duration: Math.round((details.endsAt - details.startsAt) / 60),
  };
}

/** Zoom as a meeting target: one scheduled meeting per session (seed 002: "Each session … gets its own"). */
export function zoomMeetingTarget(deps: { api: ZoomApi; connected: () => boolean }): MeetingTarget {
  const { api } = deps;
  const findMade = (requestKey: string) => api.findByMarker(marker(requestKey));
  return {
    provider: 'zoom',
    connected: deps.connected,
    placement: () => null,
    async create(row, details, resumed) {
      const made = (resumed ? await findMade(row.requestKey) : undefined) ?? (await api.create(meetingFields(details, row.requestKey)));
      return { externalId: made.id, joinUrl: made.join_url };
    },
    async joinUrl(row) {
      return row.joinUrl ?? (await findMade(row.requestKey))?.join_url;
    },
    update: (row, details) => api.patch(row.externalId ?? '', meetingFields(details, row.requestKey)),
    async remove(row) {
      const id = row.externalId ?? (await findMade(row.requestKey))?.id;
      if (id) await api.remove(id);
    },
  };
}
