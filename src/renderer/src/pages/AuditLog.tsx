import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { AUDIT_STATUSES } from '../../../shared/audit-row.ts';
import type { AuditRowView } from '../../../shared/control-api.ts';
import { api } from '../api.ts';
import { ActivityChart } from '../components/ActivityChart.tsx';
import { ErrorNote, ProgressBar } from '../components/ui.tsx';
import { useAuditView } from '../data/audit-view.ts';
import { useVerifyChain } from '../data/changes.ts';
import { ACTIVITY_DAYS, reads, type AuditFilter } from '../data/reads.ts';
import { messageOf } from '../lib/use-action.ts';
import { useSettled } from '../lib/use-settled.ts';
import { AuditRowDetail } from './audit-log/AuditRowDetail.tsx';
import { AuditRows } from './audit-log/AuditRows.tsx';
import { systemClock } from '../../../shared/clock.ts';

/** How long the filter must stay unchanged before the log asks for it (typing in Search asks once, not per key). */
const FILTER_SETTLE_MS = 250;

function lastDays(n: number): string[] {
  const today = systemClock.nowMs();
  return Array.from({ length: n }, (_, i) => new Date(today - (n - 1 - i) * 86_400_000).toISOString().slice(0, 10));
}

/** One of the log's choices: the first option, "any", narrows nothing; each other narrows to its value (shown by `labels`). */
function FilterChoice(props: { label: string; any: string; value: string | undefined; options: readonly string[]; labels?: ReadonlyMap<string, string>; onChange: (value: string) => void }) {
  return (
    <label className="field">
      {props.label}
      <select value={props.value ?? ''} onChange={(e) => props.onChange(e.target.value)}>
        <option value="">{props.any}</option>
        {props.options.map((value) => (
          <option key={value} value={value}>
            {props.labels?.get(value) ?? value}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The audit log over millions of rows: filters, search, the activity chart, export and the chain check. */
export function AuditLog() {
  const { data: clients = [] } = useQuery(reads.apps);
  const toolNames = useQuery(reads.status).data?.tools ?? [];
  const [filter, setFilter] = useState<AuditFilter>({});
  const [search, setSearch] = useState('');
  const [selected, setSelected] = useState<AuditRowView | null>(null);
  const [groupBy, setGroupBy] = useState<'tool' | 'client'>('tool');
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [exportError, setExportError] = useState<string | null>(null);

  const effective = useMemo(() => ({ ...filter, ...(search.trim() ? { query: search.trim() } : {}) }), [filter, search]);
  /** The filter the log shows (rows, count and export alike). */
  const shown = useSettled(effective, FILTER_SETTLE_MS);
  const log = useAuditView(shown);
  const total = log.total;
  const activity = useQuery(reads.activity(filter.clientId)).data ?? [];
  const verify = useVerifyChain();

  const names = new Map(clients.map((c) => [c.clientId, c.name]));
  const set = (key: keyof AuditFilter, value: string) => setFilter((f) => ({ ...f, [key]: value || undefined }));
  const toIso = (local: string) => (local ? new Date(local).toISOString() : '');

  async function exportAs(format: 'csv' | 'jsonl') {
    setProgress({ done: 0, total: total ?? 0 });
    try {
      await api.exportAudit({ format, filter: shown ?? effective }, setProgress);
      setExportError(null);
    } catch (err) {
      setExportError(messageOf(err));
    }
    setTimeout(() => setProgress(null), 1500);
  }

  const chain = verify.data;
  return (
    <>
      <section className="card stack" aria-labelledby="activity-chart-heading">
        <div className="card-head">
          <h2 id="activity-chart-heading">Requests per day, last {ACTIVITY_DAYS} days</h2>
          <div className="segmented" role="group" aria-label="Group by">
            <button type="button" aria-pressed={groupBy === 'tool'} onClick={() => setGroupBy('tool')}>
              By tool
            </button>
            <button type="button" aria-pressed={groupBy === 'client'} onClick={() => setGroupBy('client')}>
              By client
            </button>
          </div>
        </div>
        <ActivityChart counts={activity} days={lastDays(ACTIVITY_DAYS)} by={groupBy === 'tool' ? (c) => c.name : (c) => names.get(c.clientId) ?? (c.clientId || 'no client')} label="Requests per day" />
      </section>

      <section className="card stack" aria-labelledby="log-heading">
        <div className="card-head">
          <h2 id="log-heading">Log</h2>
          <span className="muted" aria-live="polite">
            {total === undefined ? '' : `${total.toLocaleString()} matching requests`}
          </span>
        </div>
        <div className="row" role="search">
          <label className="field">
            Search
            <input type="search" placeholder="tool, argument…" value={search} onChange={(e) => setSearch(e.target.value)} />
          </label>
          <FilterChoice label="Client" any="All clients" value={filter.clientId} options={clients.map((c) => c.clientId)} labels={names} onChange={(v) => set('clientId', v)} />
          <FilterChoice label="Tool" any="All tools" value={filter.tool} options={toolNames} onChange={(v) => set('tool', v)} />
          <FilterChoice label="Status" any="Any status" value={filter.status} options={AUDIT_STATUSES} onChange={(v) => set('status', v)} />
          <label className="field">
            From
            <input type="datetime-local" onChange={(e) => set('from', toIso(e.target.value))} />
          </label>
          <label className="field">
            To
            <input type="datetime-local" onChange={(e) => set('to', toIso(e.target.value))} />
          </label>
        </div>
        <ErrorNote error={exportError} />
        <AuditRows view={log} selectedId={selected?.id} onSelect={setSelected} />
        <div className="row">
          <button type="button" onClick={() => void exportAs('csv')} disabled={progress !== null}>
            Export CSV
          </button>
          <button type="button" onClick={() => void exportAs('jsonl')} disabled={progress !== null}>
            Export JSONL
          </button>
          <span className="spacer" />
          <button type="button" onClick={() => verify.mutate()}>
            Verify chain
          </button>
          {verify.isPending && <span className="muted">Checking…</span>}
          {chain && (
            <span className={`badge ${chain.ok ? 'ok' : 'danger'}`} role="status">
              {chain.ok ? `Chain intact: ${chain.rows.toLocaleString()} rows` : `Broken at row ${chain.brokenAt}: ${chain.reason}`}
            </span>
          )}
        </div>
        <ErrorNote error={verify.error?.message} />
        {progress && <ProgressBar value={progress.done} total={progress.total} label="Export progress" />}
      </section>

      {selected && <AuditRowDetail row={selected} onClose={() => setSelected(null)} />}
    </>
  );
}
