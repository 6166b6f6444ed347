import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { ConnectionView } from '../../../shared/control-api.ts';
import { ErrorNote } from '../components/ui.tsx';
import { useConfigureApp, useConnect, useConnectApple, useDisableFeed, useDisconnect, useReadBusyTimes, useRetryJob, useRotateFeed, useSelectCalendar } from '../data/changes.ts';
import { reads } from '../data/reads.ts';
import { useAction } from '../lib/use-action.ts';
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
  const overview = useQuery(reads.connections);
  const { error, run } = useAction(notify);
  const [signIn, setSignIn] = useState<{ provider: string; url: string } | null>(null);
  const connectProvider = useConnect();
  const connectApple = useConnectApple();
  const configureApp = useConfigureApp();
  const selectCalendar = useSelectCalendar();
  const disconnect = useDisconnect();
  const rotateFeed = useRotateFeed();
  const disableFeed = useDisableFeed();
  const readBusyTimes = useReadBusyTimes();
  const retryJob = useRetryJob();

  async function connect(provider: 'google' | 'zoom', name: string) {
    await run(async () => {
      const { authorizeUrl } = await connectProvider.mutateAsync({ provider });
      setSignIn({ provider: name, url: authorizeUrl });
      window.open(authorizeUrl, '_blank', 'noopener,noreferrer');
    });
  }

  const data = overview.data;
  return (
    <>
      <ErrorNote error={error ?? overview.error?.message} />
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
              <select value={c.calendarId ?? ''} onChange={(e) => void run(() => selectCalendar.mutateAsync({ calendarId: e.target.value }), (v) => `New events go to ${v.calendars.find((x) => x.id === v.calendarId)?.name ?? 'that calendar'}`)}>
                {c.calendars.map((cal) => (
                  <option key={cal.id} value={cal.id}>
                    {cal.name}
                    {cal.primary ? ' (primary)' : ''}
                  </option>
                ))}
              </select>
            </label>
          )}
          {c.provider === 'apple' && c.status !== 'connected' && <AppleSignIn onSubmit={(input) => run(() => connectApple.mutateAsync(input), (v) => `Apple Calendar connected as ${v.account ?? ''}`)} />}
          {c.app && <AppCredentials provider={c.provider as 'google' | 'zoom'} app={c.app} onSave={(input) => run(() => configureApp.mutateAsync(input), () => `${c.name}: app credentials saved`)} />}
          <div className="row">
            {c.provider !== 'apple' && (
              <button type="button" className={c.status === 'connected' ? '' : 'primary'} disabled={!c.app?.configured} onClick={() => void connect(c.provider as 'google' | 'zoom', c.name)}>
                {c.wasConnected ? 'Reconnect' : 'Connect'}
              </button>
            )}
            {c.status === 'connected' && (
              <button type="button" className="danger" onClick={() => void run(() => disconnect.mutateAsync({ provider: c.provider }), () => `${c.name} disconnected; its credentials are deleted`)}>
                Disconnect
              </button>
            )}
          </div>
        </section>
      ))}
      {data && (
        <FeedCard
          feed={data.feed}
          onRotate={() => run(() => rotateFeed.mutateAsync(), () => 'New feed URL made; the old one no longer works')}
          onDisable={() => run(() => disableFeed.mutateAsync(), () => 'Calendar feed turned off')}
        />
      )}
      {data && (
        <SyncJobs
          jobs={data.jobs}
          counts={data.jobCounts}
          onRefresh={() => run(() => readBusyTimes.mutateAsync(), () => 'Reading busy times again')}
          onRetry={(jobId) => run(() => retryJob.mutateAsync({ jobId }), () => 'Trying again')}
        />
      )}
    </>
  );
}
