import type { AppIdentity } from '../../../../shared/control-api.ts';
import { dateTime } from '../../lib/format.ts';
import { connectedHowTechnically, FINGERPRINT_MEANING } from './app-words.ts';

/** The technical facts, one click away for agent developers: the client id, how it connected, its scopes. */
export function AppDetails({ app, scopes }: { app: AppIdentity; scopes?: readonly string[] }) {
  return (
    <details className="consent-details app-details">
      <summary>Details</summary>
      <dl>
        <dt>Fingerprint</dt>
        <dd>
          {app.fingerprint} <span className="app-details-note">— {FINGERPRINT_MEANING} Worked out from the SHA-256 hash of the client ID.</span>
        </dd>
        <dt>Client ID</dt>
        <dd>{app.clientId}</dd>
        <dt>Connected by</dt>
        <dd>{connectedHowTechnically(app)}</dd>
        {app.verifiedDomain && (
          <>
            <dt>Metadata published by</dt>
            <dd>{app.verifiedDomain}</dd>
          </>
        )}
        {app.origin !== 'setup-snippet' && (
          <>
            <dt>Redirects to</dt>
            <dd>{app.answersOnThisComputer ? 'a program on this computer (loopback or app scheme)' : 'a website'}</dd>
          </>
        )}
        {app.software && (
          <>
            <dt>Software</dt>
            <dd>{app.software}</dd>
          </>
        )}
        <dt>First seen</dt>
        <dd>{dateTime(app.firstSeenAt)}</dd>
        {scopes && (
          <>
            <dt>Scopes</dt>
            <dd>{scopes.join(' ')}</dd>
          </>
        )}
      </dl>
    </details>
  );
}
