import { useState } from 'react';
import type { FeedView } from '../../../../shared/control-api.ts';
import { ConfirmDialog, CopyButton } from '../../components/ui.tsx';

/** The teaching-schedule feed: every class, in person too, for any calendar app that subscribes (webcal). */
export function FeedCard({ feed, onRotate, onDisable }: { feed: FeedView; onRotate: () => Promise<unknown>; onDisable: () => Promise<unknown> }) {
  const [confirm, setConfirm] = useState(false);
  return (
    <section className="card stack" aria-labelledby="feed-heading">
      <div className="card-head">
        <div className="stack" style={{ gap: 4 }}>
          <h2 id="feed-heading">Calendar feed (.ics)</h2>
          <span className="muted">Your whole teaching schedule, in person and online, for Outlook, Fastmail, Thunderbird or any calendar app on this computer that subscribes to a webcal URL.</span>
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
          <button type="button" className="primary" onClick={() => void onRotate()}>
            Make feed URL
          </button>
        </div>
      )}
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
