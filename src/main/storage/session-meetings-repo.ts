import type { Db } from './database.ts';

export type MeetingProvider = 'google' | 'zoom';

/**
 * The calendar event (with Meet) or Zoom meeting made for one session. A row with no externalId is a create
 * that was started and may or may not have reached the provider: requestKey finds it there.
 */
export interface SessionMeeting {
  sessionId: string;
  provider: MeetingProvider;
  requestKey: string;
  externalId: string | null;
  calendarId: string | null;
  joinUrl: string | null;
  /** What the provider holds now, to tell when it must be moved or renamed. */
  title: string | null;
  startsAt: number | null;
  endsAt: number | null;
  createdAt: number;
}

interface Row {
  session_id: string;
  provider: MeetingProvider;
  request_key: string;
  external_id: string | null;
  calendar_id: string | null;
  join_url: string | null;
  title: string | null;
  starts_at: number | null;
  ends_at: number | null;
  created_at: number;
}

const toModel = (r: Row): SessionMeeting => ({
  sessionId: r.session_id,
  provider: r.provider,
  requestKey: r.request_key,
  externalId: r.external_id,
  calendarId: r.calendar_id,
  joinUrl: r.join_url,
  title: r.title,
  startsAt: r.starts_at,
  endsAt: r.ends_at,
  createdAt: r.created_at,
});

export function createSessionMeetingsRepo(db: Db) {
  const forSession = db.prepare<[string], Row>('SELECT * FROM session_meetings WHERE session_id = ? ORDER BY provider');
  const put = db.prepare(
    `INSERT INTO session_meetings (session_id, provider, request_key, external_id, calendar_id, join_url, title, starts_at, ends_at, created_at)
     VALUES (@sessionId, @provider, @requestKey, @externalId, @calendarId, @joinUrl, @title, @startsAt, @endsAt, @createdAt)
     ON CONFLICT (session_id, provider) DO UPDATE SET request_key = excluded.request_key, external_id = excluded.external_id,
       calendar_id = excluded.calendar_id, join_url = excluded.join_url, title = excluded.title, starts_at = excluded.starts_at, ends_at = excluded.ends_at`,
  );
  const remove = db.prepare<[string, string]>('DELETE FROM session_meetings WHERE session_id = ? AND provider = ?');
  const joinUrl = db.prepare<[string, string], { join_url: string }>(
    'SELECT join_url FROM session_meetings WHERE session_id = ? AND provider = ? AND join_url IS NOT NULL',
  );
  return {
    forSession: (sessionId: string): SessionMeeting[] => forSession.all(sessionId).map(toModel),
    put: (meeting: SessionMeeting) => void put.run(meeting),
    delete: (sessionId: string, provider: MeetingProvider) => void remove.run(sessionId, provider),
    /** The link students join with, once the provider made one. */
    joinUrl: (sessionId: string, provider: MeetingProvider): string | null => joinUrl.get(sessionId, provider)?.join_url ?? null,
  };
}
export type SessionMeetingsRepo = ReturnType<typeof createSessionMeetingsRepo>;
