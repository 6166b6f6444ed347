import type { ConnectionsOverview, ProviderId } from '../../shared/control-api.ts';
import type { ConnectionsInput } from '../control/calls/connections.ts';
import type { Logger } from '../log.ts';
import { epochSeconds, systemClock, type Clock } from '../../shared/clock.ts';
import type { Storage } from '../storage/index.ts';
import { appleBusyReader, connectApple } from './apple/apple-connection.ts';
import { createConnectionState } from './connection-state.ts';
import { createFeedSecret } from './feed/feed-secret.ts';
import { createGoogleCalendarApi } from './google/google-calendar.ts';
import { completeGoogle, selectGoogleCalendar, type GoogleOptions } from './google/google-connection.ts';
import { googleMeetingTarget } from './google/google-meetings.ts';
import { createApiClient } from './oauth/api-client.ts';
import { createOAuthApps, type OAuthProvider } from './oauth/oauth-app.ts';
import { createOAuthConnect } from './oauth/oauth-connect.ts';
import { revokeQuietly } from './oauth/revoke.ts';
import { createTokenSource } from './oauth/token-source.ts';
import { PROVIDER_LABELS } from './provider-error.ts';
import { BUSY_REFRESH_MS, createBusySync } from './sync/busy-sync.ts';
import { createJobRunner } from './sync/job-runner.ts';
import { createMeetingSync } from './sync/meeting-sync.ts';
import type { VaultKeyStore } from './vault/key-store.ts';
import { createVault } from './vault/vault.ts';
import { connectionView, feedView, jobView } from './views.ts';
import { createZoomApi } from './zoom/zoom-api.ts';
import { completeZoom } from './zoom/zoom-connection.ts';
import { zoomMeetingTarget } from './zoom/zoom-meetings.ts';

const PROVIDERS: ProviderId[] = ['google', 'apple', 'zoom'];
const VIDEO_PROVIDER = { google: 'google_meet', zoom: 'zoom' } as const;

export interface ProvidersOptions {
  storage: Storage;
  issuer: string;
  keyStore: VaultKeyStore;
  log: Logger;
  clock?: Clock;
}

/**
 * Calendar and video providers: the credential vault, Google Calendar + Meet, Apple Calendar (CalDAV), Zoom, the
 * background sync that makes, moves and removes meetings and reads busy times, and the teaching-schedule feed.
 */
export function createProviders(options: ProvidersOptions) {
  const { storage, issuer, log } = options;
  const clock = options.clock ?? systemClock;
  const now = () => epochSeconds(clock);
  const vault = createVault(storage, options.keyStore, now);
  const apps = createOAuthApps(vault);
  const state = createConnectionState(storage, now);

  /** The provider refused the saved access: its tokens go at once and the panel says why. */
  const lost = (provider: OAuthProvider) => (reason: string) => {
    vault.delete(provider);
    state.notConnected(provider, reason);
  };
  const apiFor = (provider: OAuthProvider) =>
    createApiClient({
      provider,
      tokens: createTokenSource({ provider, vault, apps, now, onRevoked: lost(provider) }),
      apiBase: async () => (await apps.require(provider)).apiBase,
      onRevoked: lost(provider),
    });
  const google = createGoogleCalendarApi(apiFor('google'));
  const zoom = createZoomApi(apiFor('zoom'));
  const googleOptions = () => state.get('google').options as GoogleOptions;
  const googleCalendarId = () => googleOptions().calendarId ?? 'primary';

  const meetings = createMeetingSync({
    storage,
    now,
    targets: {
      google: googleMeetingTarget({ api: google, connected: () => state.isConnected('google'), calendarId: googleCalendarId }),
      zoom: zoomMeetingTarget({ api: zoom, connected: () => state.isConnected('zoom') }),
    },
  });
  const busy = createBusySync({
    storage,
    state,
    now,
    readers: {
      google: async (from, to) =>
        (await google.busy(googleCalendarId(), from, to)).map((b) => ({ provider: 'google', calendar: `Google Calendar (${googleOptions().calendarName ?? 'primary'})`, startsAt: b.start, endsAt: b.end })),
      apple: appleBusyReader({ vault, state }),
    },
  });
  const jobs = createJobRunner({ storage, log, handlers: { meeting: meetings.run, busy: busy.run } });
  const feed = createFeedSecret(storage, vault, now);

  /** A new connection catches up: meetings for sessions already booked, and busy times at once. */
  function afterConnect(provider: ProviderId): void {
    const nowMs = clock.nowMs();
    storage.transaction(() => {
      if (provider !== 'apple') for (const id of storage.sessions.bookedOnline(VIDEO_PROVIDER[provider], now())) storage.jobs.enqueue('meeting', id, nowMs);
      if (provider !== 'zoom') storage.jobs.enqueue('busy', provider, nowMs);
    });
  }

  const oauth = createOAuthConnect({
    apps,
    vault,
    issuer,
    now,
    async onTokens(provider) {
      const account = provider === 'google' ? await completeGoogle(google, state) : await completeZoom(zoom, state);
      afterConnect(provider);
      return account;
    },
  });

  async function view(provider: ProviderId) {
    const app = provider === 'apple' ? undefined : await apps.get(provider).catch(() => undefined);
    return connectionView(state, provider, app, provider === 'apple' ? '' : oauth.redirectUri(provider));
  }

  async function overview(): Promise<ConnectionsOverview> {
    const problem = await vault.ready().then(
      () => null,
      (err: unknown) => (err instanceof Error ? err.message : String(err)),
    );
    return {
      providers: await Promise.all(PROVIDERS.map(view)),
      feed: feedView(problem ? null : await feed.current(issuer).catch(() => null)),
      jobs: storage.jobs.recent(30).map((job) => jobView(storage, job)),
      jobCounts: storage.jobs.counts(),
      keychain: { available: problem === null, name: vault.keyStore, problem },
    };
  }

  /** Deletes the credentials at once; then, best effort, tells Google or Zoom to revoke them (RFC 7009). */
  async function disconnect(provider: ProviderId) {
    const app = provider === 'apple' ? undefined : await apps.get(provider).catch(() => undefined);
    const tokens = provider === 'apple' ? undefined : await vault.get<{ refreshToken: string }>(provider).catch(() => undefined);
    storage.transaction(() => {
      vault.delete(provider);
      state.notConnected(provider, `You disconnected ${PROVIDER_LABELS[provider]} on ${new Date(now() * 1000).toISOString().slice(0, 10)}. What was already made there stays.`);
    });
    if (app && tokens) await revokeQuietly(provider as OAuthProvider, app, tokens.refreshToken, log);
    return view(provider);
  }

  let busyTimer: NodeJS.Timeout | undefined;
  return {
    vault,
    jobs,
    oauth,
    feed,
    overview,
    start(): void {
      jobs.start();
      busy.queueAll(clock.nowMs());
      busyTimer = setInterval(() => busy.queueAll(clock.nowMs()), BUSY_REFRESH_MS);
      busyTimer.unref();
    },
    async stop(): Promise<void> {
      clearInterval(busyTimer);
      await jobs.stop();
    },
    /** The control-panel calls of the Connections page. */
    control: {
      list: overview,
      async configureApp({ provider, ...app }: ConnectionsInput['configureApp']) {
        await apps.save(provider, app);
        return view(provider);
      },
      connect: async ({ provider }: ConnectionsInput['connect']) => ({ authorizeUrl: await oauth.begin(provider) }),
      async connectApple(input: ConnectionsInput['connectApple']) {
        await connectApple({ vault, state }, input);
        afterConnect('apple');
        return view('apple');
      },
      disconnect: ({ provider }: ConnectionsInput['disconnect']) => disconnect(provider),
      async selectCalendar({ calendarId }: ConnectionsInput['selectCalendar']) {
        await selectGoogleCalendar(google, state, calendarId);
        storage.jobs.enqueue('busy', 'google', clock.nowMs());
        return view('google');
      },
      refresh() {
        busy.queueAll(clock.nowMs());
        return overview();
      },
      retryJob: ({ jobId }: ConnectionsInput['retryJob']) => ({ retried: storage.jobs.retryNow(jobId, clock.nowMs()) }),
      async rotateFeed() {
        await feed.rotate();
        return feedView(await feed.current(issuer));
      },
      disableFeed() {
        feed.disable();
        return feedView(null);
      },
    },
  };
}
export type Providers = ReturnType<typeof createProviders>;
