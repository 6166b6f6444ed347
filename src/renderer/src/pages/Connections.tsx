import { useState } from 'react';
import type { ConnectionView } from '../../../shared/control-api.ts';
import { api } from '../api.ts';
import { ErrorNote } from '../components/ui.tsx';
import { unwrap, useCall } from '../lib/use-call.ts';
import { AppCredentials } from './connections/AppCredentials.tsx';
import { AppleSignIn } from './connections/AppleSignIn.tsx';
import { FeedCard } from './connections/FeedCard.tsx';
import { SyncJobs } from './connections/SyncJobs.tsx';

const WHAT_IT_DOES: Record<ConnectionView['provider'], string> = {
  google: 'Reads busy times from the calendar you pick; a confirmed booking on an online Google Meet class adds an event with a Meet link, moved and removed with the session.',
  apple: 'Reads busy times from iCloud; writes nothing back.',
  zoom: 'When a booking confirms on a class set to Zoom, creates a scheduled meeting on your Zoom account, one per session.',
};

const when = (iso: string) => new Date(iso).toLocaleString();

/** Calendar and video connections, the calendar feed and the background sync, live (never sample data). */
export function Connections({ notify }: { notify: (message: string) => void }) {
  const overview = useCall(() => api.connectionsList(), [], 3000);
  const [error, setError] = useState<string | null>(null);
  const [signIn, setSignIn] = useState<{ provider: string; url: string } | null>(null);

  /** Runs an action, shows its refusal, and reloads the page's state. */
  async function run<T>(action: () => Promise<T>, done?: (value: T) => string): Promise<boolean> {
    setError(null);
    try {
      const value = await action();
      if (done) notify(done(value));
      return true;
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      return false;
    } finally {
      void overview.reload();
    }
  }

  async function connect(provider: 'google' | 'zoom', name: string) {
    await run(async () => {
      const { authorizeUrl } = unwrap(await api.connectionsConnect({ provider }));
      setSignIn({ provider: name, url: authorizeUrl });
      window.open(authorizeUrl, '_blank', 'noopener,noreferrer');
    });
  }

  const data = overview.data;
  return (
    <>
      <ErrorNote error={error ?? overview.error} />
      {data && !data.keychain.available && (
        <p className="error" role="alert">
          {data.keychain.problem}
        </p>
      )}
      {signIn && (
        <p className="notice" role="status">
          Finish signing in to {signIn.provider} in your browser; this page updates when you are back.{' '}
          <a href={signIn.url} target="_blank" rel="noopener noreferrer">
            Open the sign-in page again
          </a>
        </p>
      )}
      {data?.providers.map((c) => (
        <section key={c.provider} className="card stack" data-provider={c.provider} aria-labelledby={`${c.provider}-heading`}>
          <div className="card-head">
            <div className="stack" style={{ gap: 4 }}>
              <h2 id={`${c.provider}-heading`}>{c.name}</h2>
              <span className="muted">{WHAT_IT_DOES[c.provider]}</span>
            </div>
            <span className={`badge ${c.status === 'connected' ? 'ok' : ''}`}>{c.status === 'connected' ? 'Connected' : 'Not connected'}</span>
          </div>
          {c.status === 'connected' ? (
            <p>
              Connected as <strong>{c.account}</strong>
              {c.connectedAt && <span className="muted"> since {when(c.connectedAt)}</span>}
              {c.busy && (
                <span className="muted">
                  {' '}
                  · {c.busy.count} busy {c.busy.count === 1 ? 'time' : 'times'} read {when(c.busy.refreshedAt)}
                </span>
              )}
            </p>
          ) : (
            <p className="muted" data-testid="connection-detail">
              {c.detail}
            </p>
          )}
          {c.provider === 'google' && c.status === 'connected' && c.calendars.length > 0 && (
            <label className="field" style={{ maxWidth: 420 }}>
              Calendar for events and busy times
              <select value={c.calendarId ?? ''} onChange={(e) => void run(async () => unwrap(await api.connectionsSelectCalendar({ calendarId: e.target.value })), (v) => `New events go to ${v.calendars.find((x) => x.id === v.calendarId)?.name ?? 'that calendar'}`)}>
                {c.calendars.map((cal) => (
                  <option key={cal.id} value={cal.id}>
                    {cal.name}
                    {cal.primary ? ' (primary)' : ''}
                  </option>
                ))}
              </select>
            </label>
          )}
          {c.provider === 'apple' && c.status !== 'connected' && <AppleSignIn onSubmit={(input) => run(async () => unwrap(await api.connectionsConnectApple(input)), (v) => `Apple Calendar connected as ${v.account ?? ''}`)} />}
          {c.app && <AppCredentials provider={c.provider as 'google' | 'zoom'} app={c.app} onSave={(input) => run(async () => unwrap(await api.connectionsConfigureApp(input)), () => `${c.name}: app credentials saved`)} />}
          <div className="row">
            {c.provider !== 'apple' && (
              <button type="button" className={c.status === 'connected' ? '' : 'primary'} disabled={!c.app?.configured} onClick={() => void connect(c.provider as 'google' | 'zoom', c.name)}>
                {c.wasConnected ? 'Reconnect' : 'Connect'}
              </button>
            )}
            {c.status === 'connected' && (
              <button type="button" className="danger" onClick={() => void run(async () => unwrap(await api.connectionsDisconnect({ provider: c.provider })), () => `${c.name} disconnected; its credentials are deleted`)}>
                Disconnect
              </button>
            )}
          </div>
        </section>
      ))}
      {data && (
        <FeedCard
          feed={data.feed}
          onRotate={() => run(async () => unwrap(await api.feedRotate()), () => 'New feed URL made; the old one no longer works')}
          onDisable={() => run(async () => unwrap(await api.feedDisable()), () => 'Calendar feed turned off')}
        />
      )}
      {data && (
        <SyncJobs
          jobs={data.jobs}
          counts={data.jobCounts}
          onRefresh={() => run(async () => unwrap(await api.connectionsRefresh()), () => 'Reading busy times again')}
          onRetry={(jobId) => run(async () => unwrap(await api.connectionsRetryJob({ jobId })), () => 'Trying again')}
        />
      )}
    </>
  );
}
