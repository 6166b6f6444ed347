import { useId, useRef } from 'react';
import { auditOutcome } from '../../../../shared/audit-outcome.ts';
import type { AuditRowView } from '../../../../shared/control-api.ts';
import { OutcomeBadge } from '../../components/OutcomeBadge.tsx';
import { Modal } from '../../components/ui.tsx';
import { appOf, auditSentence, outcomeExplanation, type SentenceNames } from '../../../../shared/audit-sentence/sentence.ts';

/** "owner (desktop)" → "You, in the desktop app". */
function who(row: AuditRowView, app: string): string {
  if (row.actor?.startsWith('owner')) return row.actor.includes('desktop') ? 'You, in the desktop app' : 'You, in the web panel';
  return row.kind === 'control' ? 'Someone at the panel' : app;
}

function longTime(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'full', timeStyle: 'medium' });
}

function prettyArgs(row: AuditRowView): string {
  if (row.argsTruncated) return row.args;
  try {
    return JSON.stringify(JSON.parse(row.args), null, 2);
  } catch {
    return row.args;
  }
}

/**
 * One entry of the log: its sentence, how it ended and what that means, when and who. What an agent developer needs
 * (the request's kind, endpoint, grant, reason code, hash and redacted arguments) waits one click away under Details.
 */
export function AuditRowDetail({ row, names, onClose }: { row: AuditRowView; names: SentenceNames; onClose: () => void }) {
  const id = useId();
  const close = useRef<HTMLButtonElement>(null);
  const outcome = auditOutcome(row);
  const app = appOf(row, names);
  const technical: [string, string][] = [
    ['Entry', String(row.id)],
    ['Kind', row.kind],
    ['Endpoint', row.endpoint],
    ['Tool', row.tool ?? '—'],
    ['Client id', row.clientId ?? '—'],
    ['Grant', row.grantId ?? '—'],
    ['Actor', row.actor ?? '—'],
    ['Status', row.status],
    ['Reason', row.reason ?? '—'],
    ['HTTP status', String(row.httpStatus ?? '—')],
    ['Duration', `${row.durationMs.toFixed(2)} ms`],
    ['Hash', row.hash],
  ];
  return (
    <Modal title={auditSentence(row, names)} titleId={`${id}-title`} onClose={onClose} initialFocus={close}>
      <h2 id={`${id}-title`}>{auditSentence(row, names)}</h2>
      <p className="row">
        <OutcomeBadge outcome={outcome} /> <span>{outcomeExplanation(row, names)}</span>
      </p>
      <dl className="log-facts">
        <dt>When</dt>
        <dd>{longTime(row.time)}</dd>
        <dt>Who</dt>
        <dd>{who(row, app)}</dd>
        {row.kind === 'control' && row.clientId && (
          <>
            <dt>App</dt>
            <dd>{app}</dd>
          </>
        )}
      </dl>
      <details className="log-details">
        <summary>Details</summary>
        <p className="muted">For agent developers: the request as the gateway recorded it. Sensitive values were removed before it was written.</p>
        <table>
          <tbody>
            {technical.map(([k, v]) => (
              <tr key={k}>
                <th scope="row">{k}</th>
                <td>{v}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <h3>Arguments{row.argsTruncated ? ' (cut short)' : ''}</h3>
        <pre className="snippet">{prettyArgs(row)}</pre>
      </details>
      <div className="modal-actions">
        <button type="button" ref={close} onClick={onClose}>
          Close
        </button>
      </div>
    </Modal>
  );
}
