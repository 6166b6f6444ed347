import { OUTCOME_LOOK, type AuditOutcome } from '../../../shared/audit-outcome.ts';

/** How a request ended, as every page shows it: the same words and colour for the same outcome (shared/audit-outcome.ts). */
export function OutcomeBadge({ outcome }: { outcome: AuditOutcome }) {
  const look = OUTCOME_LOOK[outcome];
  return (
    <span className={`badge${look.tone === 'neutral' ? '' : ` ${look.tone}`}`} data-outcome={outcome} title={look.meaning}>
      {look.label}
    </span>
  );
}
