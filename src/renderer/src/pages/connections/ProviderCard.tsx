import { useId, useState } from 'react';
import type { ConnectionView } from '../../../../shared/control-api.ts';
import { ErrorNote } from '../../components/ui.tsx';
import { useConfigureApp, useConnect, useConnectApple, useDisconnect, useSelectCalendar } from '../../data/changes.ts';
import { useAction } from '../../lib/use-action.ts';
import { AppCredentials } from './AppCredentials.tsx';
import { AppleSignIn } from './AppleSignIn.tsx';

const WHAT_IT_DOES: Record<ConnectionView['provider'], string> = {
  google: 'Reads busy times from the calendar you pick; a confirmed booking on an online Google Meet class adds an event with a Meet link, moved and removed with the session.',
  apple: 'Reads busy times from iCloud; writes nothing back.',
  zoom: 'When a booking confirms on a class set to Zoom, creates a scheduled meeting on your Zoom account, one per session.',
};

const when = (iso: string) => new Date(iso).toLocaleString();

/**
 * One calendar or video provider: its state, and each action with its own error note beside it. `blocked` says why
 * nothing can be stored now (no keychain): the actions that would store a sign-in are off, and say so.
 */
export function ProviderCard({ connection: c, blocked, notify }: { connection: ConnectionView; blocked: string | null; notify: (message: string) => void }) {
  const id = useId();
  const credentials = useAction(notify);
  const signIn = useAction(notify);
  const calendar = useAction(notify);
  const [opened, setOpened] = useState<string | null>(null);
  const connectProvider = useConnect();
  const connectApple = useConnectApple();
  const configureApp = useConfigureApp();
  const selectCalendar = useSelectCalendar();
  const disconnect = useDisconnect();

  async function connect(provider: 'google' | 'zoom') {
    await signIn.run(async () => {
      const { authorizeUrl } = await connectProvider.mutateAsync({ provider });
      setOpened(authorizeUrl);
      window.open(authorizeUrl, '_blank', 'noopener,noreferrer');
    });
  }

  const needsApp = c.provider !== 'apple' && !c.app?.configured;
  const connectOff = blocked ?? (needsApp ? 'Save the app credentials above first.' : null);

  return (
    <section className="card stack" data-provider={c.provider} aria-labelledby={`${c.provider}-heading`}>
      <div className="card-head">
        <div className="stack" style={{ gap: 4 }}>
          <h2 id={`${c.provider}-heading`}>{c.name}</h2>
          <span className="muted">{WHAT_IT_DOES[c.provider]}</span>
        </div>
        <span className={`badge ${c.status === 'connected' ? 'ok' : ''}`}>{c.status === 'connected' ? 'Connected' : 'Not connected'}</span>
      </div>
      {c.status === 'connected' ? (
        <p style={{ margin: 0 }}>
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
        c.detail && (
          <p className="muted" style={{ margin: 0 }} data-testid="connection-detail">
            {c.detail}
          </p>
        )
      )}
      {c.provider === 'google' && c.status === 'connected' && c.calendars.length > 0 && (
        <>
          <label className="field" style={{ maxWidth: 420 }}>
            Calendar for events and busy times
            <select
              value={c.calendarId ?? ''}
              onChange={(e) => void calendar.run(() => selectCalendar.mutateAsync({ calendarId: e.target.value }), (v) => `New events go to ${v.calendars.find((x) => x.id === v.calendarId)?.name ?? 'that calendar'}`)}
            >
              {c.calendars.map((cal) => (
                <option key={cal.id} value={cal.id}>
                  {cal.name}
                  {cal.primary ? ' (primary)' : ''}
                </option>
              ))}
            </select>
          </label>
          <ErrorNote error={calendar.error} />
        </>
      )}
      {c.provider === 'apple' && c.status !== 'connected' && (
        <AppleSignIn blocked={blocked} error={signIn.error} onSubmit={(input) => signIn.run(() => connectApple.mutateAsync(input), (v) => `Apple Calendar connected as ${v.account ?? ''}`)} />
      )}
      {c.app && (
        <AppCredentials
          provider={c.provider as 'google' | 'zoom'}
          app={c.app}
          blocked={blocked}
          error={credentials.error}
          onSave={(input) => credentials.run(() => configureApp.mutateAsync(input), () => `${c.name}: app credentials saved`)}
        />
      )}
      {(c.provider !== 'apple' || c.status === 'connected') && (
        <div className="row">
          {c.provider !== 'apple' && (
            <button
              type="button"
              className={c.status === 'connected' ? '' : 'primary'}
              disabled={connectOff !== null}
              aria-describedby={connectOff ? `${id}-why` : undefined}
              onClick={() => void connect(c.provider as 'google' | 'zoom')}
            >
              {c.wasConnected ? 'Reconnect' : 'Connect'}
            </button>
          )}
          {c.status === 'connected' && (
            <button type="button" className="danger" onClick={() => void signIn.run(() => disconnect.mutateAsync({ provider: c.provider }), () => `${c.name} disconnected; its credentials are deleted`)}>
              Disconnect
            </button>
          )}
          {c.provider !== 'apple' && connectOff && (
            <span id={`${id}-why`} className="muted">
              {connectOff}
            </span>
          )}
        </div>
      )}
      {(c.provider !== 'apple' || c.status === 'connected') && <ErrorNote error={signIn.error} />}
      {opened && c.status !== 'connected' && (
        <p className="notice" role="status">
          Finish signing in to {c.name} in your browser; this page updates when you are back.{' '}
          <a href={opened} target="_blank" rel="noopener noreferrer">
            Open the sign-in page again
          </a>
        </p>
      )}
    </section>
  );
}
