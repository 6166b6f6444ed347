import type { ReactNode } from 'react';
import type { AppActivity, AppIdentity } from '../../../../shared/control-api.ts';
import { VerifiedBadge } from '../../components/VerifiedBadge.tsx';
import { dateTime } from '../../lib/format.ts';
import { AppTimeline } from './AppTimeline.tsx';
import { connectedHow, lastUsed, logLink, recentDeeds, requestCount } from './app-words.ts';
import { Fingerprint } from './Fingerprint.tsx';

/**
 * One app: who it is (name, fingerprint, how it connected, since when), what it did lately in words with the way to
 * its activity in the log, and its timeline one click away. What it may do and the actions come from the page.
 */
export function AppCard(props: {
  app: AppIdentity & AppActivity;
  /** Its name is one several apps share: the fingerprint is what tells them apart. */
  lookAlike: boolean;
  timelineOpen: boolean;
  onToggleTimeline: () => void;
  /** Buttons beside the name (Edit permissions, Revoke). */
  actions?: ReactNode;
  /** Badges beside the name (paused…). */
  badges?: ReactNode;
  /** What it may do, and for how long. */
  children?: ReactNode;
  /** The technical details, last. */
  details: ReactNode;
  headingLevel?: 2 | 3;
}) {
  const { app } = props;
  const Heading = props.headingLevel === 3 ? 'h3' : 'h2';
  return (
    <section className="card stack app-card" aria-label={app.name} data-client-id={app.clientId}>
      <div className="row">
        <Heading className="app-name">{app.name}</Heading>
        <Fingerprint code={app.fingerprint} />
        {app.origin !== 'setup-snippet' && <VerifiedBadge domain={app.verifiedDomain} onThisComputer={app.answersOnThisComputer} />}
        {props.lookAlike && <span className="badge warn">Same name as another app</span>}
        {props.badges}
        <span className="spacer" />
        {props.actions}
      </div>
      <p className="muted app-origin">
        {connectedHow(app)} · first seen {dateTime(app.firstSeenAt)}
        {app.website && <> · {app.website}</>}
      </p>
      {props.children}
      <div className="app-recent">
        <strong>Recently:</strong> <span data-testid="recent-deeds">{recentDeeds(app)}</span>{' '}
        <a href={logLink(app.clientId)}>See its activity in the log</a>
      </div>
      <div className="row muted app-facts">
        <span>
          <span data-testid="last-used">{lastUsed(app)}</span> · <span data-testid="request-count">{requestCount(app)}</span>
        </span>
        <span className="spacer" />
        <button type="button" className="small" onClick={props.onToggleTimeline} aria-expanded={props.timelineOpen}>
          Timeline
        </button>
      </div>
      {props.timelineOpen && <AppTimeline clientId={app.clientId} name={app.name} />}
      {props.details}
    </section>
  );
}
