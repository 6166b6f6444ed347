import type { ConnectionView, FeedView, ProviderId, SyncJobView } from '../../shared/control-api.ts';
import type { Job } from '../storage/jobs-repo.ts';
import type { Storage } from '../storage/index.ts';
import { isoInstant, zonedParts } from '../studio/time.ts';
import type { ConnectionState } from './connection-state.ts';
import type { FeedUrls } from './feed/feed-secret.ts';
import type { GoogleOptions } from './google/google-connection.ts';
import { DEFAULT_ENDPOINTS, type OAuthApp, type OAuthProvider } from './oauth/oauth-app.ts';

export const PROVIDER_NAMES: Record<ProviderId, string> = { google: 'Google Calendar and Meet', apple: 'Apple Calendar', zoom: 'Zoom' };

const iso = (epochSeconds: number | null | undefined) => (typeof epochSeconds === 'number' ? isoInstant(epochSeconds) : null);

/** One provider row of the Connections page. `app` is the saved OAuth app (Google, Zoom) or undefined. */
export function connectionView(state: ConnectionState, provider: ProviderId, app: OAuthApp | undefined, redirectUri: string): ConnectionView {
  const c = state.get(provider);
  const options = c.options as GoogleOptions & { busyRefreshedAt?: number; busyCount?: number; serverUrl?: string };
  const defaults = provider === 'apple' ? undefined : DEFAULT_ENDPOINTS[provider as OAuthProvider];
  return {
    provider,
    name: PROVIDER_NAMES[provider],
    status: c.status,
    account: c.status === 'connected' ? c.account : null,
    detail: c.status === 'connected' ? null : (c.detail ?? 'No account connected yet.'),
    connectedAt: c.status === 'connected' ? iso(c.connectedAt) : null,
    wasConnected: c.connectedAt !== null,
    app: defaults
      ? {
          configured: app !== undefined,
          clientId: app?.clientId ?? null,
          endpoints: app ? { authorizeUrl: app.authorizeUrl, tokenUrl: app.tokenUrl, revokeUrl: app.revokeUrl, apiBase: app.apiBase } : defaults,
          redirectUri,
        }
      : null,
    calendars: provider === 'google' ? (options.calendars ?? []) : [],
    calendarId: provider === 'google' ? (options.calendarId ?? null) : null,
    busy: c.status === 'connected' && typeof options.busyRefreshedAt === 'number' ? { refreshedAt: isoInstant(options.busyRefreshedAt), count: options.busyCount ?? 0 } : null,
    serverUrl: provider === 'apple' ? (options.serverUrl ?? null) : null,
  };
}

export function feedView(current: (FeedUrls & { rotatedAt: number | null }) | null): FeedView {
  return { url: current?.url ?? null, webcalUrl: current?.webcalUrl ?? null, rotatedAt: iso(current?.rotatedAt) };
}

/** A job in the owner's words: which session (class and local time) or which calendar. */
export function jobView(storage: Storage, job: Job): SyncJobView {
  let subject: string;
  if (job.kind === 'busy') {
    subject = `Busy times from ${PROVIDER_NAMES[job.subject as ProviderId] ?? job.subject}`;
  } else {
    const session = storage.sessions.find(job.subject);
    const cls = session && storage.classes.find(session.classId);
    const local = session && cls ? zonedParts(session.startsAt, cls.timezone) : undefined;
    subject = session && cls && local ? `${cls.title}, ${local.date} ${local.time}` : 'A session that was removed';
  }
  return {
    id: job.id,
    kind: job.kind,
    subject,
    status: job.status,
    attempts: job.attempts,
    nextRunAt: job.status === 'queued' ? new Date(job.runAfterMs).toISOString() : null,
    lastError: job.lastError,
    result: job.result,
    updatedAt: new Date(job.updatedAtMs).toISOString(),
  };
}
