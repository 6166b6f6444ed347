import type { InstallResult, InstallTarget } from '../../../../shared/control-api.ts';
import { clientLabel } from '../../../../shared/snippets.ts';
import { CopyButton } from '../../components/ui.tsx';
import { dateTime } from '../../lib/format.ts';

/** A value the owner pastes into a client's own prompt (VS Code asks for the access key), with its Copy button. */
export function SecretValue({ label, value }: { label: string; value: string }) {
  return (
    <div className="row" style={{ alignItems: 'center' }}>
      <span>{label}:</span>
      <code className="scope-code" data-testid="access-key">
        {value}
      </code>
      <CopyButton text={value} label="Copy key" />
    </div>
  );
}

/** How one-click install will go for the chosen client, in words (before the owner clicks). */
export function InstallHint({ target }: { target: InstallTarget }) {
  return (
    <p className="muted" style={{ margin: 0 }}>
      {target.problem ?? target.where}
      {target.available && !target.detected && ` (${target.label} was not found on this computer.)`}
    </p>
  );
}

/** What the Install button did, in plain words, and what is left for the owner to do. */
export function InstallOutcome({ result }: { result: InstallResult }) {
  return (
    <section className="card stack" aria-labelledby="install-heading">
      <h2 id="install-heading">
        3. {result.method === 'link' ? 'Finish in' : 'Installed in'} {clientLabel(result.client)}
      </h2>
      <p className="notice" role="status" data-testid="install-result">
        {result.message}
      </p>
      {result.link && !result.opened && (
        <p style={{ margin: 0 }}>
          <a className="button" href={result.link}>
            Open VS Code to install
          </a>
        </p>
      )}
      {result.token && <SecretValue label="Access key for VS Code’s prompt" value={result.token} />}
      <p className="muted" style={{ margin: 0 }}>
        It appears under Connected apps as <strong>{result.clientName}</strong>, valid until {dateTime(result.expiresAt)}; revoke it there any time.
      </p>
    </section>
  );
}
