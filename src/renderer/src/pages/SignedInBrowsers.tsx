import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { PanelSessionView } from '../../../shared/control-api.ts';
import { PANEL_LIFETIMES } from '../../../shared/panel-auth.ts';
import { isWebPanel } from '../api.ts';
import { ConfirmDialog, ErrorNote, ListTable } from '../components/ui.tsx';
import { useSignOutBrowser, useSignOutEverywhere } from '../data/changes.ts';
import { reads } from '../data/reads.ts';
import { dateTime, relative } from '../lib/format.ts';
import { useAction } from '../lib/use-action.ts';
import { endSession } from '../session/panel-session.ts';

/** Settings: every browser signed in to the web panel, with Sign out and Sign out everywhere. */
export function SignedInBrowsers({ notify }: { notify: (m: string) => void }) {
  const browsers = useQuery(reads.browsers);
  const signOutBrowser = useSignOutBrowser();
  const signOutEverywhere = useSignOutEverywhere();
  const { error, run } = useAction();
  const [confirmAll, setConfirmAll] = useState(false);

  const signOut = (session: PanelSessionView) =>
    run(async () => {
      await signOutBrowser.mutateAsync(session);
      if (session.current) await endSession('You signed out of this browser.');
      else notify(`Signed out ${session.browser}.`);
    });

  async function signOutAll() {
    setConfirmAll(false);
    await run(async () => {
      const { signedOut } = await signOutEverywhere.mutateAsync();
      const count = `${signedOut} ${signedOut === 1 ? 'browser' : 'browsers'}`;
      if (isWebPanel) await endSession(`You signed out everywhere (${count}).`);
      else notify(`Signed out ${count}.`);
    });
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
      <ErrorNote error={error ?? browsers.error?.message} />
      <ListTable
        items={list}
        empty="No browser is signed in to the web panel."
        head={
          <>
            <th scope="col">Browser</th>
            <th scope="col">Signed in</th>
            <th scope="col">Last used</th>
            <th scope="col">
              <span className="sr-only">Action</span>
            </th>
          </>
        }
        row={(session) => (
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
        )}
      />
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
