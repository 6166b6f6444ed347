import type { Storage } from '../storage/index.ts';

/*
 * When a studio change queues a session's meeting job (providers/sync/meeting-sync.ts then makes, moves or removes
 * the session's Meet event or Zoom meeting). The studio services call these inside the transaction of the change,
 * after the write, so the job commits or rolls back with it, and they pass the time of the change. A session has at
 * most one queued job: queueing it again while it waits only brings it forward (jobs-repo).
 */

/**
 * Queues the session's meeting job when the session can have a meeting: its class is online, or it has one already
 * (which may have to go). Called after the change: for a session just deleted, only a meeting it had is left to
 * remove, so it queues only then.
 */
export function queueMeetingSync(storage: Storage, sessionId: string, nowMs: number): void {
  if (needsMeetingSync(storage, sessionId)) storage.jobs.enqueue('meeting', sessionId, nowMs);
}

/** Queues each of these sessions (queueMeetingSync), once. */
export function queueMeetingSyncAll(storage: Storage, sessionIds: Iterable<string>, nowMs: number): void {
  for (const sessionId of new Set(sessionIds)) queueMeetingSync(storage, sessionId, nowMs);
}

/**
 * After a class's title, mode or video provider may have changed: its sessions not over yet that have a meeting
 * (to rename, move to the other provider, or remove) or, if the class is online, a confirmed booking (to get one).
 */
export function queueClassMeetingSync(storage: Storage, classId: string, nowMs: number): void {
  const online = storage.classes.find(classId)?.mode === 'online';
  const now = Math.floor(nowMs / 1000);
  for (const session of storage.sessions.forClass(classId)) {
    if (session.endsAt <= now) continue;
    if (hasMeeting(storage, session.id) || (online && storage.bookings.countConfirmed(session.id) > 0)) storage.jobs.enqueue('meeting', session.id, nowMs);
  }
}

function needsMeetingSync(storage: Storage, sessionId: string): boolean {
  if (hasMeeting(storage, sessionId)) return true;
  const session = storage.sessions.find(sessionId);
  return session !== undefined && storage.classes.find(session.classId)?.mode === 'online';
}

const hasMeeting = (storage: Storage, sessionId: string) => storage.meetings.forSession(sessionId).length > 0;
