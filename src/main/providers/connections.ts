import type { ConnectionView } from '../../shared/control-api.ts';
import type { Storage } from '../storage/index.ts';

const PROVIDERS: Pick<ConnectionView, 'provider' | 'name'>[] = [
  { provider: 'google', name: 'Google Calendar and Meet' },
  { provider: 'apple', name: 'Apple Calendar' },
  { provider: 'zoom', name: 'Zoom' },
  { provider: 'ics', name: 'Calendar feed (.ics)' },
];

/** The calendar and video connections as they are now. Until provider connections exist, none is connected. */
export function listConnections(_storage: Storage): ConnectionView[] {
  return PROVIDERS.map((p) => ({ ...p, status: 'not_connected', detail: 'No account connected yet.' }));
}
