import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { joinAnd } from '../../../../shared/access-summary.ts';
import type { ConnectedApp } from '../../../../shared/control-api.ts';
import { AREA_LEVELS, EDITABLE_SCOPES, gainedScopes, levelOn, lostScopes, PUBLIC_DIRECTORY, withChoices } from '../../../../shared/permission-edit.ts';
import { RISK_LABELS, riskOf, scopeInfo, type Resource, type Tier } from '../../../../shared/scopes.ts';
import { AccessSummary } from '../../components/AccessSummary.tsx';
import { ErrorNote, Modal, RESOURCE_LABELS } from '../../components/ui.tsx';
import { useEditAppPermissions } from '../../data/changes.ts';
import { connectedHow } from './app-words.ts';
import { Fingerprint } from './Fingerprint.tsx';

type Levels = Partial<Record<Resource, Tier | null>>;

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** A level's verb: the catalogue's ("see", "send"); deleting says "delete" here, its risk note says "permanently". */
const verbOf = (level: { tier: Tier; scope: string }) => (level.tier === 'delete' ? 'delete' : (scopeInfo(level.scope)?.does.verb ?? level.scope));

/** A level in words, with the ones below it that it includes: "See and change", "Read, send and delete". */
function levelLabel(levels: readonly { tier: Tier; scope: string }[], index: number): string {
  return capital(joinAnd(levels.slice(0, index + 1).map(verbOf)));
}

/** The change in a few words, beside the buttons (the lists above say it in full). */
function tally(lost: number, gained: number): string {
  if (lost === 0 && gained === 0) return 'Nothing changed yet';
  const parts = [lost ? `takes away ${lost}` : '', gained ? `adds ${gained}` : ''].filter(Boolean);
  return capital(`${parts.join(', ')} ${lost + gained === 1 ? 'permission' : 'permissions'}`);
}

/** One permission in the owner's words, marked when it is risky. */
function Meaning({ scope }: { scope: string }) {
  const risk = riskOf(scope);
  return (
    <li>
      {scopeInfo(scope)?.meaning ?? scope}
      {risk && (
        <>
          {' '}
          <span className="risk-note">{RISK_LABELS[risk]}</span>
        </>
      )}
    </li>
  );
}

/**
 * Edit permissions (docs/product.md#connected-apps): a level per area of the studio, chosen like the owner would say
 * it ("see and change bookings"). Taking away applies at once, from the app's next request. Giving more is a consent:
 * a second step shows what the app could newly do, risky parts marked, and only "Allow" sends it.
 */
export function EditPermissions({ app, onClose, onSaved }: { app: ConnectedApp; onClose: () => void; onSaved: (message: string) => void }) {
  const id = useId();
  const [levels, setLevels] = useState<Levels>(() => Object.fromEntries(AREA_LEVELS.map((area) => [area.resource, levelOn(app.scopes, area.resource)])));
  const [directory, setDirectory] = useState(app.scopes.includes(PUBLIC_DIRECTORY));
  const [step, setStep] = useState<'choose' | 'confirm'>('choose');
  const edit = useEditAppPermissions();
  const cancel = useRef<HTMLButtonElement>(null);
  const back = useRef<HTMLButtonElement>(null);

  // What the owner chose (what the call takes), and everything the app could do then: connecting stays as it is.
  const next = useMemo(() => withChoices(app.scopes, levels, directory), [app.scopes, levels, directory]);
  const after = useMemo(() => [...app.scopes.filter((s) => !EDITABLE_SCOPES.includes(s)), ...next], [app.scopes, next]);
  const gained = gainedScopes(app.scopes, after);
  const lost = lostScopes(app.scopes, after);
  const changed = gained.length > 0 || lost.length > 0;

  // Each step opens on its safe button.
  useEffect(() => (step === 'confirm' ? back : cancel).current?.focus(), [step]);

  function save(confirmedWidening: boolean) {
    edit.mutate(
      { clientId: app.clientId, scopes: next, ...(confirmedWidening ? { confirmedWidening: true as const } : {}) },
      {
        onSuccess: () => {
          onSaved(`${app.name}’s permissions were changed. This applies from its next request.`);
          onClose();
        },
      },
    );
  }

  if (step === 'confirm') {
    return (
      <Modal title={`Let ${app.name} do more?`} titleId={`${id}-title`} onClose={onClose} initialFocus={back} wide>
        <h2 id={`${id}-title`}>Let {app.name} do more?</h2>
        <p className="who-note">
          <Fingerprint code={app.fingerprint} /> {connectedHow(app)}. This is like approving a new request from the app: it applies from its next request, and
          the audit log keeps your decision.
        </p>
        <div className="consent-decision">
          <strong>It could also:</strong>
          <ul className="permission-changes" aria-label="It could also">
            {gained.map((scope) => (
              <Meaning key={scope} scope={scope} />
            ))}
          </ul>
          <span className="muted">Altogether:</span>
          <AccessSummary scopes={after} />
        </div>
        <ErrorNote error={edit.error?.message} />
        <div className="modal-actions">
          <button type="button" ref={back} onClick={() => setStep('choose')}>
            Back
          </button>
          <button type="button" className="primary" disabled={edit.isPending} onClick={() => save(true)}>
            Allow
          </button>
        </div>
      </Modal>
    );
  }

  return (
    <Modal title={`What may ${app.name} do?`} titleId={`${id}-title`} describedBy={`${id}-about`} onClose={onClose} initialFocus={cancel} wide>
      <h2 id={`${id}-title`}>What may {app.name} do?</h2>
      <p id={`${id}-about`} className="muted">
        Each level includes the ones before it. Taking something away applies from the app’s next request; it stays connected.
      </p>
      <div className="permission-areas">
        {AREA_LEVELS.map(({ resource, levels: offered }) => {
          const chosen = levels[resource] ?? null;
          const chosenScope = offered.find((level) => level.tier === chosen)?.scope;
          return (
            <fieldset key={resource} className="permission-area">
              <legend>{RESOURCE_LABELS[resource]}</legend>
              <div className="row permission-levels">
                <label className="checkbox">
                  <input type="radio" name={`${id}-${resource}`} checked={chosen === null} onChange={() => setLevels({ ...levels, [resource]: null })} />
                  Nothing
                </label>
                {offered.map((level, index) => (
                  <label key={level.tier} className={`checkbox${riskOf(level.scope) ? ' risky' : ''}`}>
                    <input type="radio" name={`${id}-${resource}`} checked={chosen === level.tier} onChange={() => setLevels({ ...levels, [resource]: level.tier })} />
                    {levelLabel(offered, index)}
                  </label>
                ))}
              </div>
              {chosenScope && (
                <span className="muted permission-meaning">
                  {scopeInfo(chosenScope)?.meaning}
                  {riskOf(chosenScope) && (
                    <>
                      {' '}
                      <span className="risk-note">{RISK_LABELS[riskOf(chosenScope) ?? 'permanent']}</span>
                    </>
                  )}
                </span>
              )}
            </fieldset>
          );
        })}
        <label className="checkbox">
          <input type="checkbox" checked={directory} onChange={(e) => setDirectory(e.target.checked)} />
          {scopeInfo(PUBLIC_DIRECTORY)?.meaning}
        </label>
      </div>
      <div className="consent-decision" aria-live="polite">
        {!changed && <span className="muted">Nothing changed yet.</span>}
        {lost.length > 0 && (
          <>
            <strong>It could no longer:</strong>
            <ul className="permission-changes" aria-label="It could no longer">
              {lost.map((scope) => (
                <Meaning key={scope} scope={scope} />
              ))}
            </ul>
          </>
        )}
        {gained.length > 0 && (
          <>
            <strong>It could also:</strong>
            <ul className="permission-changes" aria-label="It could also">
              {gained.map((scope) => (
                <Meaning key={scope} scope={scope} />
              ))}
            </ul>
          </>
        )}
      </div>
      <ErrorNote error={edit.error?.message} />
      <div className="modal-actions">
        <span className="muted permission-tally" aria-hidden="true">
          {tally(lost.length, gained.length)}
        </span>
        <button type="button" ref={cancel} onClick={onClose}>
          Cancel
        </button>
        {gained.length > 0 ? (
          <button type="button" className="primary" onClick={() => setStep('confirm')}>
            Review and allow…
          </button>
        ) : (
          <button type="button" className="primary" disabled={!changed || edit.isPending} onClick={() => save(false)}>
            Save changes
          </button>
        )}
      </div>
    </Modal>
  );
}
