import { Fragment, useMemo, useState } from 'react';
import type { ConsentRequestView } from '../../../shared/control-api.ts';
import { ErrorNote, Modal, RESOURCE_LABELS } from '../components/ui.tsx';
import { VerifiedBadge } from '../components/VerifiedBadge.tsx';
import { RESOURCES, scopeInfo, type Resource } from '../../../shared/scopes.ts';
import { useDecideConsent } from '../data/changes.ts';

const EXPIRIES: { label: string; seconds: number | undefined }[] = [
  { label: 'Until I revoke it', seconds: undefined },
  { label: '1 hour', seconds: 3600 },
  { label: '1 day', seconds: 86_400 },
  { label: '7 days', seconds: 7 * 86_400 },
  { label: '30 days', seconds: 30 * 86_400 },
  { label: '90 days', seconds: 90 * 86_400 },
];

/** A requested scope; `held` when the app may already do it (a step-up): shown locked on, as "already allowed". */
type RequestedScope = ConsentRequestView['requestedScopes'][number] & { held?: boolean };

const tierOf = (name: string) => scopeInfo(name)?.tier;

/** Resource scopes side by side (read | write, delete below), then the connection and identity scopes. */
function groupScopes(scopes: RequestedScope[]) {
  const resources: [Resource, RequestedScope[]][] = [];
  for (const resource of RESOURCES) {
    const held = scopes.filter((s) => scopeInfo(s.name)?.resource === resource);
    if (held.length) resources.push([resource, held]);
  }
  return { resources, other: scopes.filter((s) => !scopeInfo(s.name)?.resource) };
}

function ScopeBox({ scope, checked, onChange }: { scope: RequestedScope; checked: boolean; onChange: (name: string, checked: boolean) => void }) {
  return (
    <label className="checkbox">
      <input type="checkbox" checked={checked || scope.held === true} disabled={scope.required || scope.held === true} onChange={(e) => onChange(scope.name, e.target.checked)} />
      <span className="stack" style={{ gap: 0 }}>
        <span>{scope.meaning}</span>
        <span className="muted">
          <code>{scope.name}</code>
          {scope.held ? ' · already allowed' : scope.required ? ' · required' : ''}
        </span>
      </span>
    </label>
  );
}

/** The consent decision (docs/product.md#connecting-an-agent): every requested scope with its meaning, required ones locked. */
export function ConsentModal({ request, onDone }: { request: ConsentRequestView; onDone: (message: string | null) => void }) {
  const [selected, setSelected] = useState(() => new Set(request.requestedScopes.map((s) => s.name)));
  const [expiry, setExpiry] = useState(0);
  const decision = useDecideConsent();
  // Decided: the dialog stays locked until it closes.
  const busy = decision.isPending || decision.isSuccess;
  const groups = useMemo(() => {
    const held = new Set(request.alreadyGranted.map((s) => s.name));
    return groupScopes(request.requestedScopes.map((s) => (held.has(s.name) ? { ...s, held: true } : s)));
  }, [request.requestedScopes, request.alreadyGranted]);
  const toggle = (name: string, checked: boolean) => {
    const next = new Set(selected);
    if (checked) next.add(name);
    else next.delete(name);
    setSelected(next);
  };

  function decide(answer: 'approve' | 'deny', scopes: string[] = []) {
    const expiresInSeconds = EXPIRIES[expiry]?.seconds;
    // The decision names exactly what this dialog showed: the request's id and the scopes to grant.
    const input = answer === 'deny' ? { requestId: request.id, decision: answer } : { requestId: request.id, decision: answer, scopes, ...(expiresInSeconds ? { expiresInSeconds } : {}) };
    // Told even if the list, polled meanwhile, already closed this dialog; a refusal shows below (decision.error).
    void decision.mutateAsync(input).then(
      (result) => onDone(result.status === 'approved' ? `Approved ${request.clientName}: ${result.grantedScopes.length} permissions.` : `Denied ${request.clientName}.`),
      () => undefined,
    );
  }

  return (
    <Modal title={`${request.clientName} asks for access`} onClose={() => onDone(null)} wide>
      <div className="stack" style={{ gap: 4 }}>
        <div className="row">
          <h2>{request.clientName}</h2>
          <VerifiedBadge domain={request.verifiedDomain} onThisComputer={request.answersOnThisComputer} />
        </div>
        <span className="muted">
          {request.website ? (
            <>
              Website: <span>{request.website}</span> ·{' '}
            </>
          ) : null}
          Sends the answer to <code>{request.redirectHost}</code>
        </span>
      </div>
      {request.alreadyGranted.length > 0 && (
        <p style={{ margin: 0 }}>
          {request.clientName} is already connected and may: {request.alreadyGranted.map((s) => s.meaning.toLowerCase()).join('; ')}. It asks for more; approving
          adds what you tick to the same app.
        </p>
      )}
      <p style={{ margin: 0 }}>It asks to:</p>
      <fieldset className="stack" style={{ gap: 6, border: 0, padding: 0, margin: 0 }}>
        <legend className="sr-only">Permissions requested</legend>
        <div className="scope-grid">
          {groups.resources.map(([resource, scopes]) => (
            <Fragment key={resource}>
              <span className="resource">{RESOURCE_LABELS[resource]}</span>
              {(['read', 'write'] as const).map((tier) => {
                const scope = scopes.find((s) => tierOf(s.name) === tier);
                return scope ? <ScopeBox key={scope.name} scope={scope} checked={selected.has(scope.name)} onChange={toggle} /> : <span key={tier} />;
              })}
              {scopes
                .filter((s) => tierOf(s.name) === 'delete')
                .map((scope) => (
                  <Fragment key={scope.name}>
                    <span />
                    <ScopeBox scope={scope} checked={selected.has(scope.name)} onChange={toggle} />
                    <span />
                  </Fragment>
                ))}
            </Fragment>
          ))}
        </div>
        {groups.other.map((scope) => (
          <ScopeBox key={scope.name} scope={scope} checked={selected.has(scope.name)} onChange={toggle} />
        ))}
      </fieldset>
      {request.ignoredScopes.length > 0 && (
        <p className="muted" style={{ margin: 0 }}>
          Also asked for, and ignored (unknown or reserved): {request.ignoredScopes.join(', ')}
        </p>
      )}
      <label className="field" style={{ maxWidth: 260 }}>
        Access lasts
        <select value={expiry} onChange={(e) => setExpiry(Number(e.target.value))}>
          {EXPIRIES.map((option, i) => (
            <option key={option.label} value={i}>
              {option.label}
            </option>
          ))}
        </select>
      </label>
      <ErrorNote error={decision.error?.message} />
      <div className="modal-actions">
        <button type="button" className="danger" disabled={busy} onClick={() => decide('deny')}>
          Deny
        </button>
        <span className="spacer" />
        <button type="button" disabled={busy} onClick={() => decide('approve', [...selected])}>
          Approve selected
        </button>
        <button type="button" className="primary" disabled={busy} onClick={() => decide('approve', request.requestedScopes.map((s) => s.name))}>
          Approve all
        </button>
      </div>
    </Modal>
  );
}
