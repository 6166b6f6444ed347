import { Fragment, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { ConsentRequestView } from '../../../shared/control-api.ts';
import { accessSummaryText } from '../../../shared/access-summary.ts';
import { systemClock } from '../../../shared/clock.ts';
import { RESOURCES, RISK_LABELS, riskOf, scopeInfo, type Resource } from '../../../shared/scopes.ts';
import { AccessSummary } from '../components/AccessSummary.tsx';
import { ErrorNote, Modal, RESOURCE_LABELS } from '../components/ui.tsx';
import { VerifiedBadge } from '../components/VerifiedBadge.tsx';
import { useDecideConsent } from '../data/changes.ts';
import { dateTime } from '../lib/format.ts';

const DAY = 86_400;

/** How long an approval lasts. "Until I revoke it" has no end date, here or on any other page. */
const ACCESS_DURATIONS: { label: string; seconds: number | null }[] = [
  { label: 'Until I revoke it', seconds: null },
  { label: '1 hour', seconds: 3600 },
  { label: '1 day', seconds: DAY },
  { label: '7 days', seconds: 7 * DAY },
  { label: '30 days', seconds: 30 * DAY },
  { label: '90 days', seconds: 90 * DAY },
];

/** When access chosen now for `seconds` ends, as every page shows it; null: until the owner revokes it. */
function accessEnds(seconds: number | null): string | null {
  return seconds === null ? null : dateTime(new Date(systemClock.nowMs() + seconds * 1000).toISOString());
}

/** A requested scope; `held` when the app may already do it (a step-up): shown locked on, as "already allowed". */
type RequestedScope = ConsentRequestView['requestedScopes'][number] & { held?: boolean };

const tierOf = (name: string) => scopeInfo(name)?.tier;
const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

/** Resource scopes side by side (see | change, delete below), then connecting and what it may know about the owner. */
function groupScopes(scopes: RequestedScope[]) {
  const resources: [Resource, RequestedScope[]][] = [];
  for (const resource of RESOURCES) {
    const held = scopes.filter((s) => scopeInfo(s.name)?.resource === resource);
    if (held.length) resources.push([resource, held]);
  }
  return { resources, other: scopes.filter((s) => !scopeInfo(s.name)?.resource) };
}

function ScopeBox({ scope, checked, onChange }: { scope: RequestedScope; checked: boolean; onChange: (name: string, checked: boolean) => void }) {
  const risk = riskOf(scope.name);
  const note = scope.held ? 'already allowed' : scope.required ? 'always included' : null;
  return (
    <label className={`checkbox${risk ? ' risky' : ''}`}>
      <input type="checkbox" checked={checked || scope.held === true} disabled={scope.required || scope.held === true} onChange={(e) => onChange(scope.name, e.target.checked)} />
      <span className="stack" style={{ gap: 0 }}>
        <span>{scope.meaning}</span>
        {risk && <span className="risk-note">{RISK_LABELS[risk]}</span>}
        {note && <span className="muted">{note}</span>}
      </span>
    </label>
  );
}

/** "Approve all" with risky permissions left unticked: each named with its risk, and a second yes (Back is focused). */
function ConfirmAll(props: { app: string; risky: ConsentRequestView['requestedScopes']; busy: boolean; onBack: () => void; onConfirm: () => void }) {
  const back = useRef<HTMLButtonElement>(null);
  useEffect(() => back.current?.focus(), []);
  return (
    <div className="confirm-all" role="group" aria-label="Approve all?">
      <p>
        <strong>Approve all also lets {props.app}:</strong>
      </p>
      <ul>
        {props.risky.map((scope) => {
          const risk = riskOf(scope.name);
          return (
            <li key={scope.name}>
              {scope.meaning} {risk && <span className="risk-note">({RISK_LABELS[risk]})</span>}
            </li>
          );
        })}
      </ul>
      <div className="modal-actions">
        <button type="button" ref={back} disabled={props.busy} onClick={props.onBack}>
          Back
        </button>
        <span className="spacer" />
        <button type="button" className="danger" disabled={props.busy} onClick={props.onConfirm}>
          Yes, approve all
        </button>
      </div>
    </div>
  );
}

/** Who the app is, in one sentence: what Studio Gateway can and cannot vouch for. */
function WhoNote({ request }: { request: ConsentRequestView }) {
  if (!request.verifiedDomain) return <p className="who-note">Studio Gateway can&apos;t confirm who made this app — only approve it if you just set it up yourself.</p>;
  if (request.answersOnThisComputer) {
    return (
      <p className="who-note">
        Its name and details come from {request.verifiedDomain}, but another program on this computer could use the same details — only approve it if you just set
        it up yourself.
      </p>
    );
  }
  return <p className="who-note">Studio Gateway checked that {request.verifiedDomain} publishes this app&apos;s name and details.</p>;
}

/** The protocol's view of the request, for agent developers: one click away, never on the first layer. */
function TechnicalDetails({ request }: { request: ConsentRequestView }) {
  return (
    <details className="consent-details">
      <summary>Details</summary>
      <dl>
        <dt>Client ID</dt>
        <dd>
          <code>{request.clientId}</code>
        </dd>
        <dt>Redirects to</dt>
        <dd>
          <code>{request.redirectHost}</code>
          {request.answersOnThisComputer ? ' (a program on this computer)' : ''}
        </dd>
        {request.website && (
          <>
            <dt>Website</dt>
            <dd>{request.website}</dd>
          </>
        )}
        <dt>Scopes requested</dt>
        <dd>{request.requestedScopes.map((s) => s.name).join(' ')}</dd>
        {request.alreadyGranted.length > 0 && (
          <>
            <dt>Scopes held</dt>
            <dd>{request.alreadyGranted.map((s) => s.name).join(' ')}</dd>
          </>
        )}
        {request.ignoredScopes.length > 0 && (
          <>
            <dt>Ignored (unknown or reserved)</dt>
            <dd>{request.ignoredScopes.join(' ')}</dd>
          </>
        )}
      </dl>
    </details>
  );
}

/** "1 of 3" and the way to the others, when more than one app waits. */
function Queue({ request, waiting, onShow }: { request: ConsentRequestView; waiting: readonly ConsentRequestView[]; onShow: (id: string) => void }) {
  const at = waiting.findIndex((r) => r.id === request.id);
  if (waiting.length < 2 || at < 0) return null;
  const previous = waiting[at - 1];
  const next = waiting[at + 1];
  return (
    <div className="consent-queue" role="group" aria-label="Apps waiting">
      <button type="button" className="small" disabled={!previous} aria-label="Previous request" onClick={() => previous && onShow(previous.id)}>
        ‹ Previous
      </button>
      <span aria-live="polite">
        {at + 1} of {waiting.length} waiting
      </span>
      <button type="button" className="small" disabled={!next} aria-label="Next request" onClick={() => next && onShow(next.id)}>
        Next ›
      </button>
    </div>
  );
}

/**
 * The consent decision (docs/product.md#connecting-an-agent): what the app could do in one line, how long, every
 * requested permission in words (risky ones never pre-selected, required ones locked), protocol terms under Details.
 * The decision names exactly what the owner saw: the scopes ticked here, and nothing else.
 */
export function ConsentModal(props: {
  request: ConsentRequestView;
  /** Every request waiting, in order: the dialog says "1 of 3" and moves between them. */
  waiting?: readonly ConsentRequestView[];
  onShow?: (id: string) => void;
  onDone: (message: string | null) => void;
}) {
  const { request, onDone } = props;
  const [selected, setSelected] = useState(() => new Set(request.requestedScopes.filter((s) => !riskOf(s.name)).map((s) => s.name)));
  const [duration, setDuration] = useState(0);
  const decision = useDecideConsent();
  const later = useRef<HTMLButtonElement>(null);
  const headingId = useId();
  const summaryId = useId();
  // Decided: the dialog stays locked until it closes.
  const busy = decision.isPending || decision.isSuccess;
  const held = useMemo(() => new Set(request.alreadyGranted.map((s) => s.name)), [request.alreadyGranted]);
  const groups = useMemo(() => groupScopes(request.requestedScopes.map((s) => (held.has(s.name) ? { ...s, held: true } : s))), [request.requestedScopes, held]);
  const toggle = (name: string, checked: boolean) => {
    const next = new Set(selected);
    if (checked) next.add(name);
    else next.delete(name);
    setSelected(next);
  };
  // What the app could do once approved: what it holds, what is always included, and what is ticked.
  const wouldHold = [...held, ...request.requestedScopes.filter((s) => s.required || selected.has(s.name)).map((s) => s.name)];
  // "Approve all" gives a risky permission left unticked only once the owner has read it named and said yes again.
  const riskyUnticked = request.requestedScopes.filter((s) => riskOf(s.name) && !selected.has(s.name) && !held.has(s.name));
  const [confirmingAll, setConfirmingAll] = useState(false);
  const approveAll = () => decide('approve', request.requestedScopes.map((s) => s.name));
  const seconds = ACCESS_DURATIONS[duration]?.seconds ?? null;
  const ends = accessEnds(seconds);

  function decide(answer: 'approve' | 'deny', scopes: string[] = []) {
    // The decision names exactly what this dialog showed: the request's id, the scopes to grant, how long.
    const input = answer === 'deny' ? { requestId: request.id, decision: answer } : { requestId: request.id, decision: answer, scopes, ...(seconds ? { expiresInSeconds: seconds } : {}) };
    const until = ends ? `until ${ends}` : 'until you revoke it';
    // Told even if the list, polled meanwhile, already closed this dialog; a refusal shows below (decision.error).
    void decision.mutateAsync(input).then(
      (result) => onDone(result.status === 'approved' ? `Approved ${request.clientName} ${until}.` : `Denied ${request.clientName}.`),
      () => undefined,
    );
  }

  return (
    <Modal title={`${request.clientName} asks for access`} titleId={headingId} describedBy={summaryId} initialFocus={later} onClose={() => onDone(null)} wide>
      {props.waiting && props.onShow && <Queue request={request} waiting={props.waiting} onShow={props.onShow} />}
      <div className="stack" style={{ gap: 2 }}>
        <div className="row">
          <h2 id={headingId}>{request.clientName} asks for access</h2>
          <VerifiedBadge domain={request.verifiedDomain} onThisComputer={request.answersOnThisComputer} />
        </div>
        {request.website && <span className="muted">{request.website}</span>}
        <WhoNote request={request} />
      </div>
      {request.alreadyGranted.length > 0 && (
        <p style={{ margin: 0 }} data-testid="already-allowed">
          {request.clientName} is already connected and {lowerFirst(accessSummaryText(held))} now. It asks for more: approving adds what you tick to the same app.
        </p>
      )}
      <div className="consent-decision">
        <AccessSummary scopes={wouldHold} id={summaryId} live />
        <div className="row" style={{ gap: 10 }}>
          <label className="row" style={{ gap: 8, fontWeight: 600 }}>
            Access lasts
            <select value={duration} onChange={(e) => setDuration(Number(e.target.value))}>
              {ACCESS_DURATIONS.map((option, i) => (
                <option key={option.label} value={i}>
                  {option.label}
                </option>
              ))}
            </select>
          </label>
          <span className="muted" data-testid="access-ends">
            {ends ? `Ends ${ends}` : 'No end date: you can revoke it any time under Connected apps.'}
          </span>
        </div>
      </div>
      <fieldset className="stack" style={{ gap: 6, border: 0, padding: 0, margin: 0 }}>
        <legend className="consent-legend">Tick what {request.clientName} may do</legend>
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
                    <div className="span-2">
                      <ScopeBox scope={scope} checked={selected.has(scope.name)} onChange={toggle} />
                    </div>
                  </Fragment>
                ))}
            </Fragment>
          ))}
        </div>
        {groups.other.length > 0 && (
          <div className="scope-other">
            {groups.other.map((scope) => (
              <ScopeBox key={scope.name} scope={scope} checked={selected.has(scope.name)} onChange={toggle} />
            ))}
          </div>
        )}
      </fieldset>
      <TechnicalDetails request={request} />
      <ErrorNote error={decision.error?.message} />
      {confirmingAll && riskyUnticked.length > 0 ? (
        <ConfirmAll app={request.clientName} risky={riskyUnticked} busy={busy} onBack={() => setConfirmingAll(false)} onConfirm={approveAll} />
      ) : (
        <div className="modal-actions">
          <button type="button" ref={later} disabled={busy} onClick={() => onDone(null)}>
            Decide later
          </button>
          <button type="button" className="danger" disabled={busy} onClick={() => decide('deny')}>
            Deny
          </button>
          <span className="spacer" />
          <button type="button" disabled={busy} onClick={() => (riskyUnticked.length ? setConfirmingAll(true) : approveAll())}>
            Approve all
          </button>
          <button type="button" className="primary" disabled={busy} onClick={() => decide('approve', [...selected])}>
            Approve selected
          </button>
        </div>
      )}
    </Modal>
  );
}
