import { useId, useState } from 'react';
import type { FeedView } from '../../../../shared/control-api.ts';
import { ConfirmDialog, CopyButton, ErrorNote } from '../../components/ui.tsx';
import { useDisableFeed, useRotateFeed } from '../../data/changes.ts';
import { useAction } from '../../lib/use-action.ts';

/**
 * The teaching-schedule feed: every class, in person too, for any calendar app that subscribes (webcal). Its secret
 * URL is kept like a sign-in: `blocked` says why it cannot be made now (no keychain).
 */
export function FeedCard({ feed, blocked, notify }: { feed: FeedView; blocked: string | null; notify: (message: string) => void }) {
  const id = useId();
  const [confirm, setConfirm] = useState(false);
  const { error, run } = useAction(notify);
  const rotateFeed = useRotateFeed();
  const disableFeed = useDisableFeed();
  const onRotate = () => run(() => rotateFeed.mutateAsync(), () => 'New feed URL made; the old one no longer works');
  const onDisable = () => run(() => disableFeed.mutateAsync(), () => 'Calendar feed turned off');
  const why = blocked ? { disabled: true, 'aria-describedby': `${id}-why` } : {};
  return (
    <section className="card stack" aria-labelledby="feed-heading">
      <div className="card-head">
        <div className="stack" style={{ gap: 4 }}>
          <h2 id="feed-heading">Calendar feed</h2>
          <span className="muted">Your whole teaching schedule, in person and online, for Outlook, Fastmail, Thunderbird or any calendar app on this computer that can subscribe to a calendar by its address.</span>
        </div>
        <span className={`badge ${feed.url ? 'ok' : ''}`}>{feed.url ? 'On' : 'Off'}</span>
      </div>
      {feed.webcalUrl ? (
        <>
          <div className="field">
            <span>Subscription URL <span className="hint">Anyone with it can read your schedule; replace it if it was shared by mistake.</span></span>
            <span className="url">
              <code data-testid="feed-url">{feed.webcalUrl}</code>
              <CopyButton text={feed.webcalUrl} />
            </span>
          </div>
          <div className="row">
            <button type="button" onClick={() => setConfirm(true)}>
              Replace URL
            </button>
            <button type="button" className="danger" onClick={() => void onDisable()}>
              Turn off
            </button>
          </div>
        </>
      ) : (
        <div className="row">
          <button type="button" className="primary" onClick={() => void onRotate()} {...why}>
            Make feed URL
          </button>
          {blocked && (
            <span id={`${id}-why`} className="muted">
              {blocked}
            </span>
          )}
        </div>
      )}
      <ErrorNote error={error} />
      {confirm && (
        <ConfirmDialog
          title="Replace the feed URL?"
          body={<p>The current URL stops working at once. Calendar apps subscribed to it need the new one.</p>}
          confirm="Replace URL"
          onConfirm={() => {
            setConfirm(false);
            void onRotate();
          }}
          onCancel={() => setConfirm(false)}
        />
      )}
    </section>
  );
}
