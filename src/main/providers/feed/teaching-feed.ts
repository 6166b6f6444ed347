import { TZDate } from '@date-fns/tz';
import icalGenerator, { ICalEventStatus } from 'ical-generator';
import { tzlib_get_ical_block } from 'timezones-ical-library';
import type { Storage } from '../../storage/index.ts';
import { SCHEDULE_HORIZON_SECONDS } from '../../studio/classes.ts';
import { sessionJoinUrl } from '../../studio/join-url.ts';

/** Past sessions stay in the feed this long, so last week's classes do not vanish from the owner's calendar. */
const PAST_SECONDS = 30 * 24 * 60 * 60;
const VIDEO_NAMES = { google_meet: 'Google Meet', zoom: 'Zoom' } as const;

/**
 * The VTIMEZONE of a zone (RFC 5545 §3.6.5: every TZID used needs one), under the zone's own name: the library
 * answers a linked zone (Europe/Stockholm) with its canonical block (Europe/Berlin), whose rules are the same.
 */
export function vtimezone(zone: string): string | null {
  const block = tzlib_get_ical_block(zone);
  const text = Array.isArray(block) ? block[0] : undefined;
  if (!text) return null;
  return text.replace(/^TZID:.*$/m, `TZID:${zone}`).replace(/^X-LIC-LOCATION:.*$/m, `X-LIC-LOCATION:${zone}`);
}

/**
 * The teaching schedule as an iCalendar feed (RFC 5545), for any calendar app that subscribes (webcal): every
 * class, in person and online, each session in its class's time zone; cancelled sessions stay, marked
 * CANCELLED, so subscribers drop them instead of keeping a stale copy.
 */
export function teachingFeed(storage: Storage, now: number): string {
  const studio = storage.studio.get();
  const calendar = icalGenerator({
    name: `${studio?.name ?? 'Studio'} teaching schedule`,
    prodId: { company: 'Studio Gateway', product: 'Teaching schedule', language: 'EN' },
    timezone: { name: null, generator: vtimezone },
    // How often subscribers should look again (draft-ietf-calext-ical-refresh: REFRESH-INTERVAL; X-PUBLISHED-TTL).
    ttl: 60 * 60,
  });
  const classes = new Map(storage.classes.all().map((c) => [c.id, c]));
  const locations = new Map(storage.locations.all().map((l) => [l.id, l]));
  for (const session of storage.sessions.between(now - PAST_SECONDS, now + SCHEDULE_HORIZON_SECONDS)) {
    const cls = classes.get(session.classId);
    if (!cls) continue;
    const location = cls.locationId ? locations.get(cls.locationId) : undefined;
    const joinUrl = sessionJoinUrl(storage, session, cls);
    const booked = storage.bookings.countLive(session.id);
    calendar.createEvent({
      id: `${session.id}@studio-gateway`,
      start: new TZDate(session.startsAt * 1000, cls.timezone),
      end: new TZDate(session.endsAt * 1000, cls.timezone),
      timezone: cls.timezone,
      summary: session.status === 'cancelled' ? `Cancelled: ${cls.title}` : cls.title,
      description: [cls.description, `${booked} of ${cls.capacity} places booked.`, joinUrl ? `Join: ${joinUrl}` : ''].filter(Boolean).join('\n\n'),
      location: location ? `${location.name}, ${location.address}, ${location.city}` : cls.mode === 'online' ? `Online (${cls.videoProvider ? VIDEO_NAMES[cls.videoProvider] : 'video'})` : null,
      url: joinUrl,
      status: session.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      stamp: new Date(now * 1000),
    });
  }
  return calendar.toString();
}
