import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { auditOutcome } from '../../../shared/audit-outcome.ts';
import type { ConsentRequestView } from '../../../shared/control-api.ts';
import { CopyButton, Empty, ErrorNote } from '../components/ui.tsx';
import { OutcomeBadge } from '../components/OutcomeBadge.tsx';
import { VerifiedBadge } from '../components/VerifiedBadge.tsx';
import { useSetPaused } from '../data/changes.ts';
import { reads } from '../data/reads.ts';
import { dateTime, relative } from '../lib/format.ts';
import { auditSentence, type SentenceNames } from '../../../shared/audit-sentence/sentence.ts';
import { titleFromName } from '../../../shared/audit-sentence/tool-words.ts';

export function Overview(props: { pending: ConsentRequestView[]; onReview: (id: string) => void }) {
  const { data: status } = useQuery(reads.status);
  const apps = useQuery(reads.apps).data;
  const clients = useMemo(() => apps ?? [], [apps]);
  const recent = useQuery(reads.recentActivity);
  const { data: toolTitles = [] } = useQuery(reads.toolTitles);
  const names = useMemo<SentenceNames>(() => {
    const titles = new Map(toolTitles.map((t) => [t.name, t.title]));
    const appNames = new Map(clients.map((c) => [c.clientId, c.name]));
    return { app: (clientId) => appNames.get(clientId), toolTitle: (tool) => titles.get(tool) ?? titleFromName(tool) };
  }, [toolTitles, clients]);
  const rows = recent.data?.rows ?? [];
  const setPaused = useSetPaused();

  return (
    <>
      <section className="card" aria-labelledby="gateway-heading">
        <div className="card-head">
          <h2 id="gateway-heading">Studio Gateway</h2>
        </div>
        {status ? (
          <div className="stack">
            <div className="row">
              <span className="muted">Address for agents</span>
              <span className="url">
                <code>{status.mcpUrl}</code>
                <CopyButton text={status.mcpUrl} label="Copy URL" />
              </span>
            </div>
            <label className="toggle">
              <input type="checkbox" role="switch" checked={status.paused} onChange={(e) => setPaused.mutate({ paused: e.target.checked })} aria-describedby="pause-help" />
              Pause all agents
            </label>
            <p id="pause-help" className="muted" style={{ margin: 0 }}>
              While paused, agents can do nothing: each is told you paused them. Connected apps keep the access you gave them.
            </p>
            <ErrorNote error={setPaused.error?.message} />
            <p className="muted" style={{ margin: 0 }}>
              Version {status.version} · started {dateTime(status.startedAt)}
            </p>
          </div>
        ) : (
          <p className="muted">Loading…</p>
        )}
      </section>

      <div className="grid">
        <a className="card stat" href="#/consent" style={{ textDecoration: 'none', color: 'inherit' }}>
          <span className="muted">Apps waiting for your answer</span>
          <span className="stat-value">{props.pending.length}</span>
        </a>
        <a className="card stat" href="#/apps" style={{ textDecoration: 'none', color: 'inherit' }}>
          <span className="muted">Connected apps</span>
          <span className="stat-value">{clients.length}</span>
        </a>
        <a className="card stat" href="#/audit" style={{ textDecoration: 'none', color: 'inherit' }}>
          <span className="muted">Requests by agents, last 7 days</span>
          <span className="stat-value">{clients.reduce((sum, c) => sum + c.callsLast7Days, 0).toLocaleString()}</span>
        </a>
      </div>

      {props.pending.length > 0 && (
        <section className="card" aria-labelledby="pending-heading">
          <div className="card-head">
            <h2 id="pending-heading">Apps asking for access</h2>
          </div>
          <ul className="stack" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {props.pending.map((r) => (
              <li key={r.id} className="row">
                <strong>{r.clientName}</strong>
                <VerifiedBadge domain={r.verifiedDomain} onThisComputer={r.answersOnThisComputer} />
                <span className="muted">asks for {r.requestedScopes.length} permissions · {relative(r.createdAt)}</span>
                <span className="spacer" />
                <button type="button" className="primary small" onClick={() => props.onReview(r.id)}>
                  Review
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}

      <section className="card" aria-labelledby="activity-heading">
        <div className="card-head">
          <h2 id="activity-heading">Recent activity</h2>
          <a href="#/audit">Open the audit log</a>
        </div>
        <ErrorNote error={recent.error?.message} />
        {recent.data?.rows.length === 0 && <Empty>Nothing yet. Connect an agent from Agent setup.</Empty>}
        {rows.length > 0 && (
          <table aria-label="Recent activity">
            <tbody>
              {rows.map((row) => (
                <tr key={row.id}>
                  <td className="muted" style={{ width: 140 }}>
                    {relative(row.time)}
                  </td>
                  <td>{auditSentence(row, names)}</td>
                  <td style={{ textAlign: 'right' }}>
                    <OutcomeBadge outcome={auditOutcome(row)} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
