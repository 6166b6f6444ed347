import { useState } from 'react';
import type { ConnectedClient, ConnectionTimeline } from '../../../shared/control-api.ts';
import { api } from '../api.ts';
import { ConfirmDialog, Empty, ErrorNote, ScopeGroups } from '../components/ui.tsx';
import { VerifiedBadge } from '../components/VerifiedBadge.tsx';
import { dateTime, relative } from '../lib/format.ts';
import { unwrap } from '../lib/use-call.ts';

const STEPS: [keyof ConnectionTimeline, string][] = [
  ['registeredAt', 'Registered'],
  ['consentAt', 'Consent'],
  ['firstTokenAt', 'First token'],
  ['firstCallAt', 'First call'],
  ['lastCallAt', 'Last call'],
  ['revokedAt', 'Revoked'],
];

function Timeline({ timeline }: { timeline: ConnectionTimeline }) {
  return (
    <ol className="timeline" aria-label="Connection timeline">
      {STEPS.map(([key, label]) => {
        const at = timeline[key] as string | null;
        return (
          <li key={key} className={at ? (key === 'revokedAt' ? 'revoked' : 'done') : ''}>
            <div style={{ fontWeight: 600 }}>{label}</div>
            <div className="muted">{at ? dateTime(at) : 'not yet'}</div>
          </li>
        );
      })}
    </ol>
  );
}

/** Connected apps (PRODUCT §6): who holds access, to what, since when, how much they use it, and Revoke. */
export function ConnectedApps({ clients, onChanged, notify }: { clients: ConnectedClient[]; onChanged: () => void; notify: (m: string) => void }) {
  const [confirm, setConfirm] = useState<ConnectedClient | null>(null);
  const [timelines, setTimelines] = useState<Record<string, ConnectionTimeline>>({});
  const [error, setError] = useState<string | null>(null);

  async function revoke(client: ConnectedClient) {
    setConfirm(null);
    try {
      unwrap(await api.clientsRevoke({ clientId: client.clientId }));
      notify(`${client.name} was revoked: its next request will fail.`);
      onChanged();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  }

  async function toggleTimeline(clientId: string) {
    if (timelines[clientId]) {
      const { [clientId]: _closed, ...rest } = timelines;
      setTimelines(rest);
      return;
    }
    const timeline = unwrap(await api.auditTimeline({ clientId }));
    setTimelines({ ...timelines, [clientId]: timeline });
  }

  return (
    <>
      <ErrorNote error={error} />
      {clients.length === 0 && (
        <section className="card">
          <Empty>No app holds access. Approve a consent request, or create a setup snippet in Agent setup.</Empty>
        </section>
      )}
      {clients.map((client) => (
        <section key={client.clientId} className="card stack" aria-label={client.name} data-client-id={client.clientId}>
          <div className="row">
            <h2>{client.name}</h2>
            <span className="badge">{client.origin === 'setup-snippet' ? 'setup snippet' : 'OAuth'}</span>
            {client.verifiedDomain && <VerifiedBadge domain={client.verifiedDomain} onThisComputer={client.answersOnThisComputer} />}
            {client.software && <span className="muted">{client.software}</span>}
            <span className="spacer" />
            <button type="button" className="small" onClick={() => void toggleTimeline(client.clientId)} aria-expanded={Boolean(timelines[client.clientId])}>
              Timeline
            </button>
            <button type="button" className="danger small" onClick={() => setConfirm(client)}>
              Revoke
            </button>
          </div>
          {client.website && <span className="muted">{client.website}</span>}
          <ScopeGroups scopes={client.scopes} />
          <div className="row muted" style={{ gap: 24 }}>
            <span>Authorised {dateTime(client.authorisedAt)}</span>
            <span>Last used {relative(client.lastUsedAt)}</span>
            <span>Expires {dateTime(client.expiresAt)}</span>
            <span>{client.callsLast7Days.toLocaleString()} requests in the last 7 days</span>
          </div>
          {timelines[client.clientId] && <Timeline timeline={timelines[client.clientId] as ConnectionTimeline} />}
        </section>
      ))}
      {confirm && (
        <ConfirmDialog
          title={`Revoke ${confirm.name}?`}
          body={<p>Every token it holds stops working at once; its next request fails. To use Studio Gateway again it must ask you from scratch. Its past requests stay in the audit log.</p>}
          confirm="Revoke access"
          danger
          onConfirm={() => void revoke(confirm)}
          onCancel={() => setConfirm(null)}
        />
      )}
    </>
  );
}
