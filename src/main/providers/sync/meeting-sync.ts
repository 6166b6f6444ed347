import { randomBytes } from 'node:crypto';
import type { Storage } from '../../storage/index.ts';
import type { MeetingProvider, SessionMeeting } from '../../storage/session-meetings-repo.ts';
import { MEETING_PROVIDER } from '../../studio/join-url.ts';
import { PROVIDER_LABELS, ProviderError } from '../provider-error.ts';

/** What a meeting is made from: the class and the session's times (epoch seconds), in the class's zone. */
export interface MeetingDetails {
  title: string;
  description: string;
  startsAt: number;
  endsAt: number;
  timezone: string;
}

/** What a create left at the provider. joinUrl is missing while Google is still setting up Meet. */
export interface CreatedMeeting {
  externalId: string;
  joinUrl: string | undefined;
}

/** One video provider as the sync sees it (Google Calendar + Meet, or Zoom). */
export interface MeetingTarget {
  readonly provider: MeetingProvider;
  connected(): boolean;
  /** Where a new meeting goes (Google: the chosen calendar), fixed on the row before the create call. */
  placement(): string | null;
  /**
   * Creates the meeting under `row.requestKey`; `resumed` when an earlier try may have made it already.
   * 'key_taken': the key belongs to something deleted (Google keeps deleted event ids): use a fresh one.
   */
  create(row: SessionMeeting, details: MeetingDetails, resumed: boolean): Promise<CreatedMeeting | 'key_taken'>;
  /** The join link of a meeting made earlier, once the provider has one. */
  joinUrl(row: SessionMeeting): Promise<string | undefined>;
  /** Moves or renames; false when it is gone at the provider. */
  update(row: SessionMeeting, details: MeetingDetails): Promise<boolean>;
  remove(row: SessionMeeting): Promise<void>;
}

/** A request key: lowercase hex with an "sg" prefix, valid as a Google event id (base32hex, RFC 4648 §7). */
export const newRequestKey = () => `sg${randomBytes(16).toString('hex')}`;

/**
 * Brings one session's meetings in line with the studio: an upcoming, scheduled online session with a confirmed
 * booking has a meeting on its class's provider, at the session's time; nothing else does. State-based, so a job
 * run twice, or after a crash at any point, does the same as one run once (the request key is committed before
 * the create call, and a resumed create looks for what the interrupted one made). Which studio changes queue a
 * session's job: studio/meeting-queue.ts.
 */
export function createMeetingSync(deps: { storage: Storage; targets: Record<MeetingProvider, MeetingTarget>; now: () => number }) {
  const { storage } = deps;

  function wanted(sessionId: string): { provider: MeetingProvider; details: MeetingDetails } | null | 'past' {
    const session = storage.sessions.find(sessionId);
    const cls = session && storage.classes.find(session.classId);
    if (!session || !cls) return null;
    if (session.endsAt <= deps.now()) return 'past'; // history stays as it was
    const provider = cls.videoProvider ? MEETING_PROVIDER[cls.videoProvider] : undefined;
    if (cls.mode !== 'online' || !provider || session.status !== 'scheduled' || storage.bookings.countConfirmed(session.id) === 0) return null;
    return { provider, details: { title: cls.title, description: cls.description, startsAt: session.startsAt, endsAt: session.endsAt, timezone: cls.timezone } };
  }

  /** Makes the meeting; `existing` is an intent row an earlier try committed (its create may have gone through). */
  async function create(target: MeetingTarget, existing: SessionMeeting | undefined, sessionId: string, details: MeetingDetails): Promise<SessionMeeting> {
    let row: SessionMeeting = existing ?? {
      sessionId,
      provider: target.provider,
      requestKey: newRequestKey(),
      externalId: null,
      calendarId: target.placement(),
      joinUrl: null,
      title: null,
      startsAt: null,
      endsAt: null,
      createdAt: deps.now(),
    };
    storage.meetings.put(row); // the intent is on disk before the provider hears of it
    let made = await target.create(row, details, existing !== undefined);
    if (made === 'key_taken') {
      row = { ...row, requestKey: newRequestKey() };
      storage.meetings.put(row);
      made = await target.create(row, details, false);
      if (made === 'key_taken') throw new ProviderError(target.provider, 'provider_refused', `${PROVIDER_LABELS[target.provider]} refused a new event id twice.`, { retryable: true });
    }
    row = { ...row, externalId: made.externalId, joinUrl: made.joinUrl ?? null, title: details.title, startsAt: details.startsAt, endsAt: details.endsAt };
    storage.meetings.put(row);
    return row;
  }

  /** Returns what it did, in words, or null when there was nothing to do. */
  async function run(sessionId: string): Promise<string | null> {
    const want = wanted(sessionId);
    if (want === 'past') return null;
    const done: string[] = [];
    for (const row of storage.meetings.forSession(sessionId)) {
      if (want && row.provider === want.provider) continue;
      const target = deps.targets[row.provider];
      // Disconnected: what was made stays at the provider (seed 002, "You disconnect → existing events stay").
      if (!target.connected()) continue;
      await target.remove(row);
      storage.meetings.delete(sessionId, row.provider);
      done.push(`removed the ${PROVIDER_LABELS[row.provider]} ${row.provider === 'google' ? 'event' : 'meeting'}`);
    }
    if (!want) return done.join('; ') || null;

    const target = deps.targets[want.provider];
    if (!target.connected()) return done.join('; ') || null;
    const noun = want.provider === 'google' ? 'event with a Meet link' : 'meeting';
    let row = storage.meetings.forSession(sessionId).find((m) => m.provider === want.provider);
    if (!row?.externalId) {
      row = await create(target, row, sessionId, want.details);
      done.push(`created the ${PROVIDER_LABELS[want.provider]} ${noun}`);
    } else if (row.startsAt !== want.details.startsAt || row.endsAt !== want.details.endsAt || row.title !== want.details.title) {
      if (await target.update(row, want.details)) {
        row = { ...row, title: want.details.title, startsAt: want.details.startsAt, endsAt: want.details.endsAt };
        storage.meetings.put(row);
        done.push(`moved the ${PROVIDER_LABELS[want.provider]} ${noun}`);
      } else {
        // Deleted at the provider by hand: the session still needs one, made afresh.
        storage.meetings.delete(sessionId, want.provider);
        row = await create(target, undefined, sessionId, want.details);
        done.push(`made the ${PROVIDER_LABELS[want.provider]} ${noun} again (it had been deleted there)`);
      }
    }
    if (!row.joinUrl) {
      const joinUrl = await target.joinUrl(row);
      if (!joinUrl) throw new ProviderError(want.provider, 'meeting_link_pending', `${PROVIDER_LABELS[want.provider]} is still setting up the video link; it will be read again shortly.`, { retryable: true });
      storage.meetings.put({ ...row, joinUrl });
    }
    return done.join('; ') || null;
  }

  return { run };
}
export type MeetingSync = ReturnType<typeof createMeetingSync>;
