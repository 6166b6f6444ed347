import { useQuery } from '@tanstack/react-query';
import type { GatewaySettings } from '../../../shared/control-api.ts';
import { ErrorBoundary } from '../components/ErrorBoundary.tsx';
import { Empty, ErrorNote } from '../components/ui.tsx';
import { useUpdateSettings } from '../data/changes.ts';
import { reads } from '../data/reads.ts';
import { useAction } from '../lib/use-action.ts';
import { NotifyMeOffer } from './approvals/ApprovalDialog.tsx';
import { HeldCall } from './approvals/HeldCall.tsx';

/** Calls that wait for a person, and the setting that makes them wait. */
export function Approvals({ notify }: { notify: (m: string) => void }) {
  const waiting = useQuery(reads.heldCalls).data ?? [];
  const approvals = useQuery(reads.settings).data?.approvals;
  const tools = useQuery(reads.toolTitles).data ?? [];
  const updateSettings = useUpdateSettings();
  const { error, run } = useAction();
  const titleOf = (name: string) => tools.find((tool) => tool.name === name)?.title ?? name;

  const update = (change: Partial<GatewaySettings['approvals']>) => void run(() => updateSettings.mutateAsync({ approvals: change }));

  return (
    <>
      <section className="card stack" aria-labelledby="waiting-heading">
        <div className="card-head">
          <h2 id="waiting-heading">Waiting for you</h2>
        </div>
        {waiting.length === 0 ? (
          <Empty>Nothing is waiting. When an agent asks to do something you hold for approval, it shows here and on whatever page you are on.</Empty>
        ) : (
          <ul className="stack held-calls">
            {waiting.map((call) => (
              <li key={call.id} className="card">
                <ErrorBoundary what={`This waiting call from ${call.clientName}`}>
                  <HeldCall call={call} notify={notify} />
                </ErrorBoundary>
              </li>
            ))}
          </ul>
        )}
        <NotifyMeOffer />
      </section>
      <section className="card stack" aria-labelledby="approval-settings">
        <h2 id="approval-settings">Ask me before agents delete anything</h2>
        <label className="toggle">
          <input type="checkbox" role="switch" checked={approvals?.enabled ?? false} onChange={(e) => update({ enabled: e.target.checked })} />
          Hold every permanent deletion, and the actions below, until I approve it
        </label>
        <div className="row" style={{ alignItems: 'flex-end' }}>
          <label className="field">
            If I don&apos;t answer, tell the agent no after
            <select value={approvals?.timeoutSeconds ?? 60} onChange={(e) => update({ timeoutSeconds: Number(e.target.value) })}>
              {[30, 60, 90, 110].map((s) => (
                <option key={s} value={s}>
                  {s} seconds
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            Also hold
            <select value="" onChange={(e) => e.target.value && update({ tools: [...(approvals?.tools ?? []), e.target.value] })}>
              <option value="">Choose an action…</option>
              {tools
                .filter((tool) => !approvals?.tools.includes(tool.name))
                .map((tool) => (
                  <option key={tool.name} value={tool.name}>
                    {tool.title}
                  </option>
                ))}
            </select>
          </label>
        </div>
        <div className="row">
          {approvals?.tools.map((name) => (
            <span key={name} className="badge accent">
              {titleOf(name)}{' '}
              <button type="button" className="small" aria-label={`Stop holding ${titleOf(name)}`} onClick={() => update({ tools: approvals.tools.filter((x) => x !== name) })}>
                ×
              </button>
            </span>
          ))}
        </div>
        <ErrorNote error={error} />
      </section>
    </>
  );
}
