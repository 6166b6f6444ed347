import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { ConnectedClient, ConnectionTimeline } from '../../../shared/control-api.ts';
import { ConfirmDialog, Empty, ErrorNote, ScopeGroups } from '../components/ui.tsx';
import { VerifiedBadge } from '../components/VerifiedBadge.tsx';
import { useRevokeApp } from '../data/changes.ts';
import { reads } from '../data/reads.ts';
import { dateTime, relative } from '../lib/format.ts';

const STEPS: [keyof ConnectionTimeline, string][] = [
  ['registeredAt', 'Registered'],
  ['consentAt', 'Consent'],
  ['firstTokenAt', 'First token'],
  ['firstCallAt', 'First call'],
  ['lastCallAt', 'Last call'],
  ['revokedAt', 'Revoked'],
];

/** One app's connection, step by step; read when the owner opens it. */
function Timeline({ clientId }: { clientId: string }) {
  const { data: timeline, error } = useQuery(reads.timeline(clientId));
  if (!timeline) return <ErrorNote error={error?.message} />;
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

/** Connected apps (docs/product.md#connected-apps): who holds access, to what, since when, how much they use it, and Revoke. */
export function ConnectedApps({ notify }: { notify: (m: string) => void }) {
  const clients = useQuery(reads.apps).data ?? [];
  const [confirm, setConfirm] = useState<ConnectedClient | null>(null);
  const [openTimelines, setOpenTimelines] = useState<ReadonlySet<string>>(() => new Set());
  const revocation = useRevokeApp();

  function revoke(client: ConnectedClient) {
    setConfirm(null);
    revocation.mutate({ clientId: client.clientId }, { onSuccess: () => notify(`${client.name} was revoked: its next request will fail.`) });
  }

  function toggleTimeline(clientId: string) {
    const next = new Set(openTimelines);
    if (!next.delete(clientId)) next.add(clientId);
    setOpenTimelines(next);
  }

  return (
    <>
      <ErrorNote error={revocation.error?.message} />
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
            <button type="button" className="small" onClick={() => toggleTimeline(client.clientId)} aria-expanded={openTimelines.has(client.clientId)}>
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
          {openTimelines.has(client.clientId) && <Timeline clientId={client.clientId} />}
        </section>
      ))}
      {confirm && (
        <ConfirmDialog
          title={`Revoke ${confirm.name}?`}
          body={<p>Every token it holds stops working at once; its next request fails. To use Studio Gateway again it must ask you from scratch. Its past requests stay in the audit log.</p>}
          confirm="Revoke access"
          danger
          onConfirm={() => revoke(confirm)}
          onCancel={() => setConfirm(null)}
        />
      )}
    </>
  );
}
