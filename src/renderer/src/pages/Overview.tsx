import { useQuery } from '@tanstack/react-query';
import type { ConsentRequestView } from '../../../shared/control-api.ts';
import { CopyButton, Empty, ErrorNote } from '../components/ui.tsx';
import { VerifiedBadge } from '../components/VerifiedBadge.tsx';
import { useSetPaused } from '../data/changes.ts';
import { reads } from '../data/reads.ts';
import { dateTime, relative } from '../lib/format.ts';

export function Overview(props: { pending: ConsentRequestView[]; onReview: (id: string) => void }) {
  const { data: status } = useQuery(reads.status);
  const clients = useQuery(reads.apps).data ?? [];
  const recent = useQuery(reads.recentActivity);
  const setPaused = useSetPaused();

  return (
    <>
      <section className="card" aria-labelledby="gateway-heading">
        <div className="card-head">
          <h2 id="gateway-heading">Gateway</h2>
        </div>
        {status ? (
          <div className="stack">
            <div className="row">
              <span className="muted">MCP URL</span>
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
              While paused, every agent request is refused with "paused by the owner". Connections and grants stay as they are.
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
          <span className="muted">Waiting for your consent</span>
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
            <h2 id="pending-heading">Consent requests</h2>
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
        {recent.data?.rows.length === 0 && <Empty>No requests yet. Connect an agent from Agent setup.</Empty>}
        <table>
          <tbody>
            {recent.data?.rows.map((row) => (
              <tr key={row.id}>
                <td className="muted" style={{ width: 140 }}>{relative(row.time)}</td>
                <td>{row.clientName ?? '—'}</td>
                <td>
                  <code>{row.tool ?? row.endpoint}</code>
                </td>
                <td>
                  <span className={`badge ${row.status === 'ok' ? 'ok' : row.status === 'refused' ? 'warn' : 'danger'}`}>{row.status}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}
