import { useState } from 'react';
import type { PanelSessionView } from '../../../shared/control-api.ts';
import { PANEL_LIFETIMES } from '../../../shared/panel-auth.ts';
import { api, isWebPanel } from '../api.ts';
import { ConfirmDialog, Empty, ErrorNote } from '../components/ui.tsx';
import { dateTime, relative } from '../lib/format.ts';
import { unwrap, useCall } from '../lib/use-call.ts';
import { endSession } from '../session/panel-session.ts';

/** Settings: every browser signed in to the web panel, with Sign out and Sign out everywhere. */
export function SignedInBrowsers({ notify }: { notify: (m: string) => void }) {
  const browsers = useCall(() => api.browsersList(), [], 15_000);
  const [error, setError] = useState<string | null>(null);
  const [confirmAll, setConfirmAll] = useState(false);

  async function signOut(session: PanelSessionView) {
    setError(null);
    try {
      unwrap(await api.browsersSignOut({ id: session.id }));
      if (session.current) return void (await endSession('You signed out of this browser.'));
      notify(`Signed out ${session.browser}.`);
      await browsers.reload();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  }

  async function signOutAll() {
    setConfirmAll(false);
    setError(null);
    try {
      const { signedOut } = unwrap(await api.browsersSignOutAll());
      if (isWebPanel) return void (await endSession(`You signed out everywhere (${signedOut} ${signedOut === 1 ? 'browser' : 'browsers'}).`));
      notify(`Signed out ${signedOut} ${signedOut === 1 ? 'browser' : 'browsers'}.`);
      await browsers.reload();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  }

  const list = browsers.data ?? [];
  return (
    <section className="card stack" aria-labelledby="browsers-heading">
      <div className="card-head">
        <h2 id="browsers-heading">Signed-in browsers</h2>
        {list.length > 0 && (
          <button type="button" className="danger" onClick={() => setConfirmAll(true)}>
            Sign out everywhere
          </button>
        )}
      </div>
      <p className="muted" style={{ margin: 0 }}>
        Browsers where the control panel is open with a sign-in link. Each ends by itself after {PANEL_LIFETIMES.sessionIdle / 60} minutes unused,
        and at the latest {PANEL_LIFETIMES.sessionMax / 3600} hours after sign-in. Sign out any you do not recognise.
      </p>
      <ErrorNote error={error ?? browsers.error} />
      {list.length === 0 ? (
        <Empty>No browser is signed in to the web panel.</Empty>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Browser</th>
              <th scope="col">Signed in</th>
              <th scope="col">Last used</th>
              <th scope="col">
                <span className="sr-only">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.map((session) => (
              <tr key={session.id} data-browser-session={session.id}>
                <td>
                  {session.browser} {session.current && <span className="badge accent">This browser</span>}
                </td>
                <td>{dateTime(session.signedInAt)}</td>
                <td>{relative(session.lastUsedAt)}</td>
                <td style={{ textAlign: 'right' }}>
                  <button type="button" className="small" onClick={() => void signOut(session)}>
                    Sign out
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {confirmAll && (
        <ConfirmDialog
          title="Sign out every browser?"
          danger
          confirm="Sign out everywhere"
          body={<p>Every browser signed in to the control panel{isWebPanel ? ', this one too,' : ''} needs a new sign-in link to open it again.</p>}
          onCancel={() => setConfirmAll(false)}
          onConfirm={() => void signOutAll()}
        />
      )}
    </section>
  );
}
