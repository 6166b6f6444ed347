import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { ApprovalRequestView, GatewaySettings } from '../../../shared/control-api.ts';
import { ErrorBoundary } from '../components/ErrorBoundary.tsx';
import { Empty, ErrorNote } from '../components/ui.tsx';
import { useDecideHeldCall, useUpdateSettings } from '../data/changes.ts';
import { reads } from '../data/reads.ts';
import { relative } from '../lib/format.ts';
import { messageOf } from '../lib/use-action.ts';

/** A field's value as the owner reads it: text as it is, anything else as indented JSON. */
function fieldValue(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value, null, 2);
}

/** Exactly what will run if approved: every validated argument, whole. */
function CallArguments({ args }: { args: Record<string, unknown> }) {
  const fields = Object.entries(args);
  if (fields.length === 0) return <p className="muted">No arguments.</p>;
  return (
    <dl className="args">
      {fields.map(([name, value]) => (
        <div key={name} style={{ display: 'contents' }}>
          <dt>{name}</dt>
          <dd>{fieldValue(value)}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Destructive calls that wait for a person, and the setting that makes them wait. */
export function Approvals({ notify }: { notify: (m: string) => void }) {
  const waiting = useQuery(reads.heldCalls).data ?? [];
  const approvals = useQuery(reads.settings).data?.approvals;
  const toolNames = useQuery(reads.status).data?.tools ?? [];
  const updateSettings = useUpdateSettings();
  const decideHeldCall = useDecideHeldCall();
  const [error, setError] = useState<string | null>(null);

  async function update(change: Partial<GatewaySettings['approvals']>) {
    try {
      await updateSettings.mutateAsync({ approvals: change });
    } catch (err) {
      setError(messageOf(err));
    }
  }

  async function decide(request: ApprovalRequestView, decision: 'approve' | 'deny') {
    try {
      await decideHeldCall.mutateAsync({ id: request.id, decision });
      notify(decision === 'approve' ? `Approved ${request.tool} once.` : `Denied ${request.tool}.`);
    } catch (err) {
      setError(messageOf(err));
    }
  }

  return (
    <>
      <section className="card stack" aria-labelledby="approval-settings">
        <h2 id="approval-settings">Ask me before destructive calls</h2>
        <label className="toggle">
          <input type="checkbox" role="switch" checked={approvals?.enabled ?? false} onChange={(e) => void update({ enabled: e.target.checked })} />
          Hold every delete-tier call, and the tools below, until I approve it
        </label>
        <div className="row" style={{ alignItems: 'flex-end' }}>
          <label className="field">
            Answer the agent after
            <select value={approvals?.timeoutSeconds ?? 60} onChange={(e) => void update({ timeoutSeconds: Number(e.target.value) })}>
              {[30, 60, 90, 110].map((s) => (
                <option key={s} value={s}>
                  {s} seconds without a decision
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            Also hold
            <select
              value=""
              onChange={(e) => e.target.value && void update({ tools: [...(approvals?.tools ?? []), e.target.value] })}
            >
              <option value="">Add a tool…</option>
              {toolNames.filter((t) => !approvals?.tools.includes(t)).map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
          </label>
        </div>
        <div className="row">
          {approvals?.tools.map((t) => (
            <span key={t} className="badge accent">
              {t}{' '}
              <button type="button" className="small" aria-label={`Stop holding ${t}`} onClick={() => void update({ tools: approvals.tools.filter((x) => x !== t) })}>
                ×
              </button>
            </span>
          ))}
        </div>
        <ErrorNote error={error} />
      </section>
      <section className="card" aria-labelledby="waiting-heading">
        <div className="card-head">
          <h2 id="waiting-heading">Waiting for you</h2>
        </div>
        {waiting.length === 0 ? (
          <Empty>No call is waiting.</Empty>
        ) : (
          <ul className="stack" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {waiting.map((r) => (
              <li key={r.id} className="card stack" style={{ boxShadow: 'none' }} data-approval-id={r.id}>
                <ErrorBoundary what={`This waiting call${r.tool ? ` (${r.tool})` : ''}`}>
                  <div className="row">
                    <strong>{r.clientName}</strong>
                    <span>wants to run</span>
                    <code>{r.tool}</code>
                    <span className="muted">({r.toolTitle})</span>
                    <span className="spacer" />
                    <span className="muted">answers itself {relative(r.expiresAt)}</span>
                  </div>
                  <CallArguments args={r.args} />
                  <div className="row">
                    <button type="button" className="primary" onClick={() => void decide(r, 'approve')}>
                      Approve once
                    </button>
                    <button type="button" className="danger" onClick={() => void decide(r, 'deny')}>
                      Deny
                    </button>
                  </div>
                </ErrorBoundary>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
