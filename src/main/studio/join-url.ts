import type { StudioClass } from '../storage/classes-repo.ts';
import type { Storage } from '../storage/index.ts';
import type { Session } from '../storage/sessions-repo.ts';

/** Which meeting provider hosts a class's video. */
export const MEETING_PROVIDER = { google_meet: 'google', zoom: 'zoom' } as const;

/** The link to join an online session on its class's video provider; null in person or before the sync made one. */
export function sessionJoinUrl(storage: Storage, session: Session, cls: StudioClass): string | null {
  if (cls.mode !== 'online' || !cls.videoProvider || session.status === 'cancelled') return null;
  return storage.meetings.joinUrl(session.id, MEETING_PROVIDER[cls.videoProvider]);
}
