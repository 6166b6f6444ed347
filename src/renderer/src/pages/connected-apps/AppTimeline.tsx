import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { auditOutcome } from '../../../../shared/audit-outcome.ts';
import type { ConnectionTimeline } from '../../../../shared/control-api.ts';
import { OutcomeBadge } from '../../components/OutcomeBadge.tsx';
import { ErrorNote } from '../../components/ui.tsx';
import { reads } from '../../data/reads.ts';
import { dateTime } from '../../lib/format.ts';
import { auditSentence, type SentenceNames } from '../../../../shared/audit-sentence/sentence.ts';
import { titleFromName } from '../../../../shared/audit-sentence/tool-words.ts';
import { logLink } from './app-words.ts';

/** The connection's milestones, in the owner's words. */
const STEPS: [Exclude<keyof ConnectionTimeline, 'clientId'>, string][] = [
  ['registeredAt', 'First seen'],
  ['consentAt', 'You approved it'],
  ['firstTokenAt', 'Connected'],
  ['firstCallAt', 'First request'],
  ['lastCallAt', 'Latest request'],
  ['revokedAt', 'You revoked it'],
];

/**
 * One app's story, read when the owner opens it: the milestones of its connection, then what it did lately and what
 * she decided about it, as the log says it ("Cursor sent a message to Anna Nilsson"), with a way to the whole log.
 */
export function AppTimeline({ clientId, name }: { clientId: string; name: string }) {
  const { data: timeline, error } = useQuery(reads.timeline(clientId));
  const actions = useQuery(reads.appActions(clientId));
  const { data: toolTitles = [] } = useQuery(reads.toolTitles);
  const names = useMemo<SentenceNames>(() => {
    const titles = new Map(toolTitles.map((t) => [t.name, t.title]));
    return { app: () => name, toolTitle: (tool) => titles.get(tool) ?? titleFromName(tool) };
  }, [toolTitles, name]);

  if (!timeline) return <ErrorNote error={error?.message} />;
  const rows = actions.data?.rows ?? [];
  return (
    <div className="stack app-timeline">
      <ol className="timeline" aria-label="Connection timeline">
        {STEPS.map(([key, label]) => {
          const at = timeline[key];
          return (
            <li key={key} className={at ? (key === 'revokedAt' ? 'revoked' : 'done') : ''}>
              <div style={{ fontWeight: 600 }}>{label}</div>
              <div className="muted">{at ? dateTime(at) : 'not yet'}</div>
            </li>
          );
        })}
      </ol>
      <h3 className="app-timeline-head">Latest actions</h3>
      {rows.length === 0 ? (
        <p className="muted">{actions.isPending ? 'Reading the log…' : 'Nothing on record yet.'}</p>
      ) : (
        <ol className="app-actions" aria-label="Latest actions">
          {rows.map((row) => (
            <li key={row.id}>
              <time className="muted" dateTime={row.time}>
                {dateTime(row.time)}
              </time>
              <span>{auditSentence(row, names)}</span>
              <OutcomeBadge outcome={auditOutcome(row)} />
            </li>
          ))}
        </ol>
      )}
      <ErrorNote error={actions.error?.message} />
      <a href={logLink(clientId)}>Everything {name} did, in the audit log</a>
    </div>
  );
}
