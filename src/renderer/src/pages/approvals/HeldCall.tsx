import { useEffect, useState, type Ref } from 'react';
import type { ApprovalRequestView } from '../../../../shared/control-api.ts';
import { systemClock } from '../../../../shared/clock.ts';
import { secondsInWords } from '../../../../shared/seconds-words.ts';
import { plainText, type Sentence } from '../../../../shared/sentence.ts';
import { ErrorNote } from '../../components/ui.tsx';
import { useDecideHeldCall } from '../../data/changes.ts';
import { useAction } from '../../lib/use-action.ts';
import { secondsLeft } from './decision-alerts.ts';

/** A sentence in words, the records' names in bold: rendered as text, never as markup (a name may hold any characters). */
export function Said({ sentence }: { sentence: Sentence }) {
  return (
    <>
      {sentence.map((part, i) => (part.name ? <strong key={i}>{part.text}</strong> : <span key={i}>{part.text}</span>))}
    </>
  );
}

/** The time now, ticking every second while a countdown shows. */
function useNow(): number {
  const [now, setNow] = useState(() => systemClock.nowMs());
  useEffect(() => {
    const timer = setInterval(() => setNow(systemClock.nowMs()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/** A field's value as an agent developer reads it: text as it is, anything else as indented JSON. */
function fieldValue(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value, null, 2);
}

/** What the agent asked for exactly, for agent developers: the tool and every validated argument, whole. */
function CallDetails({ call }: { call: ApprovalRequestView }) {
  const fields = Object.entries(call.args);
  return (
    <details className="held-call-details">
      <summary>Details</summary>
      <dl className="args">
        <dt>tool</dt>
        <dd>
          <code>{call.tool}</code> ({call.toolTitle})
        </dd>
        <dt>app</dt>
        <dd>
          <code>{call.clientId}</code>
        </dd>
        {fields.map(([name, value]) => (
          <div key={name} style={{ display: 'contents' }}>
            <dt>{name}</dt>
            <dd>{fieldValue(value)}</dd>
          </div>
        ))}
      </dl>
      {fields.length === 0 && <p className="muted">No arguments.</p>}
    </details>
  );
}

/** What each answer did, for the toast. */
function answered(call: ApprovalRequestView, decided: 'approve' | 'deny' | 'deny_and_pause'): string {
  if (decided === 'approve') return `Approved: ${plainText(call.sentence)}.`;
  if (decided === 'deny') return `Denied. ${call.clientName} was told no.`;
  return `Denied, and ${call.clientName} is paused until you resume it on Connected apps.`;
}

/**
 * One call waiting for the owner: which app, what it will do in words with the real names, what happens without an
 * answer (a live countdown), Approve / Deny / Deny and pause this app, and the raw call under Details. The same on
 * the Approvals page and in the dialog that opens on any page.
 */
export function HeldCall({ call, notify, denyRef }: { call: ApprovalRequestView; notify: (message: string) => void; denyRef?: Ref<HTMLButtonElement> }) {
  const left = secondsLeft(call.expiresAt, useNow());
  const decide = useDecideHeldCall();
  const { error, run } = useAction(notify);
  const answer = (decision: 'approve' | 'deny' | 'deny_and_pause') => void run(() => decide.mutateAsync({ id: call.id, decision }), () => answered(call, decision));
  const busy = decide.isPending;
  return (
    <div className="held-call" data-approval-id={call.id}>
      <p className="held-call-who">
        <strong>{call.clientName}</strong> wants to:
      </p>
      <p className="held-call-what">
        <Said sentence={call.sentence} />
      </p>
      <p className="held-call-deadline" role="timer">
        {left > 0 ? (
          <>
            If you don&apos;t answer in <strong>{secondsInWords(left)}</strong>, the agent is told <strong>no</strong>.
          </>
        ) : (
          <>Time is up: the agent is told no.</>
        )}
      </p>
      {call.cannotBeUndone && <p className="held-call-permanent">This can&apos;t be undone.</p>}
      <div className="held-call-actions">
        {/* What cannot be undone is never the main button: then "Deny" is. */}
        <button type="button" className={call.cannotBeUndone ? undefined : 'primary'} disabled={busy || left === 0} onClick={() => answer('approve')}>
          Approve
        </button>
        <button type="button" className={call.cannotBeUndone ? 'primary' : undefined} ref={denyRef} disabled={busy} onClick={() => answer('deny')}>
          Deny
        </button>
        <button type="button" className="danger" disabled={busy} onClick={() => answer('deny_and_pause')}>
          Deny and pause this app
        </button>
      </div>
      <ErrorNote error={error} />
      <CallDetails call={call} />
    </div>
  );
}
