import type { Db } from './database.ts';
import { table } from './table.ts';

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

const meetings = table<SessionMeeting>('session_meetings', {
  sessionId: 'plain', provider: 'plain', requestKey: 'plain', externalId: 'plain', calendarId: 'plain', joinUrl: 'plain', title: 'plain', startsAt: 'plain', endsAt: 'plain', createdAt: 'plain',
});

export function createSessionMeetingsRepo(db: Db) {
  const forSession = meetings.prepare<[string]>(db, 'WHERE session_id = ? ORDER BY provider');
  const put = db.prepare(meetings.upsert('session_id, provider', meetings.except('sessionId', 'provider', 'createdAt')));
  const remove = db.prepare<[string, string]>('DELETE FROM session_meetings WHERE session_id = ? AND provider = ?');
  const joinUrl = db.prepare<[string, string], { join_url: string }>(
    'SELECT join_url FROM session_meetings WHERE session_id = ? AND provider = ? AND join_url IS NOT NULL',
  );
  return {
    forSession: (sessionId: string): SessionMeeting[] => forSession.all(sessionId),
    put: (meeting: SessionMeeting) => void put.run(meeting),
    delete: (sessionId: string, provider: MeetingProvider) => void remove.run(sessionId, provider),
    /** The link students join with, once the provider made one. */
    joinUrl: (sessionId: string, provider: MeetingProvider): string | null => joinUrl.get(sessionId, provider)?.join_url ?? null,
  };
}
export type SessionMeetingsRepo = ReturnType<typeof createSessionMeetingsRepo>;
