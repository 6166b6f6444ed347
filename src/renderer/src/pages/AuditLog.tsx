import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AuditRowView, ChainReport, ConnectedClient, ControlInput, DailyCount } from '../../../shared/control-api.ts';
import { api } from '../api.ts';
import { ActivityChart } from '../components/ActivityChart.tsx';
import { ErrorNote, Modal, ProgressBar } from '../components/ui.tsx';
import { dateTime } from '../lib/format.ts';
import { unwrap } from '../lib/use-call.ts';

type Filter = ControlInput<'audit.count'>;
const PAGE = 200;
const CHART_DAYS = 30;

function lastDays(n: number): string[] {
  const today = Date.now();
  return Array.from({ length: n }, (_, i) => new Date(today - (n - 1 - i) * 86_400_000).toISOString().slice(0, 10));
}

/** The audit log over millions of rows: keyset pages loaded as you scroll, only visible rows rendered. */
export function AuditLog({ clients, toolNames }: { clients: ConnectedClient[]; toolNames: string[] }) {
  const [filter, setFilter] = useState<Filter>({});
  const [search, setSearch] = useState('');
  const [rows, setRows] = useState<AuditRowView[]>([]);
  const [cursor, setCursor] = useState<string | null | undefined>(undefined);
  const [total, setTotal] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<AuditRowView | null>(null);
  const [activity, setActivity] = useState<DailyCount[]>([]);
  const [groupBy, setGroupBy] = useState<'tool' | 'client'>('tool');
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [chain, setChain] = useState<ChainReport | 'checking' | null>(null);
  const loading = useRef(false);
  const viewport = useRef<HTMLDivElement>(null);

  const effective = useMemo(() => ({ ...filter, ...(search.trim() ? { query: search.trim() } : {}) }), [filter, search]);

  const loadMore = useCallback(
    async (reset: boolean) => {
      if (loading.current || (!reset && cursor === null)) return;
      loading.current = true;
      try {
        const page = unwrap(await api.auditList({ ...effective, limit: PAGE, ...(!reset && cursor ? { cursor } : {}) }));
        setRows((current) => (reset ? page.rows : [...current, ...page.rows]));
        setCursor(page.nextCursor);
        setError(null);
      } catch (err) {
        setError(err instanceof Error ? err.message : String(err));
      } finally {
        loading.current = false;
      }
    },
    [effective, cursor],
  );

  useEffect(() => {
    const timer = setTimeout(() => {
      setCursor(undefined);
      void loadMore(true);
      void api.auditCount(effective).then((r) => setTotal(r.ok ? r.result.count : null));
    }, 250);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [effective]);

  useEffect(() => {
    void api.auditActivity({ days: CHART_DAYS, ...(filter.clientId ? { clientId: filter.clientId } : {}) }).then((r) => r.ok && setActivity(r.result));
  }, [filter.clientId]);

  const virtualizer = useVirtualizer({ count: rows.length + (cursor ? 1 : 0), getScrollElement: () => viewport.current, estimateSize: () => 40, overscan: 12 });
  const items = virtualizer.getVirtualItems();
  useEffect(() => {
    const last = items.at(-1);
    if (last && last.index >= rows.length - 20 && cursor) void loadMore(false);
  }, [items, rows.length, cursor, loadMore]);

  const names = useMemo(() => new Map(clients.map((c) => [c.clientId, c.name])), [clients]);
  const set = (key: keyof Filter, value: string) => setFilter((f) => ({ ...f, [key]: value || undefined }));
  const toIso = (local: string) => (local ? new Date(local).toISOString() : '');

  async function exportAs(format: 'csv' | 'jsonl') {
    setProgress({ done: 0, total: total ?? 0 });
    try {
      await api.exportAudit({ format, filter: effective }, setProgress);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
    setTimeout(() => setProgress(null), 1500);
  }

  return (
    <>
      <section className="card stack" aria-labelledby="activity-chart-heading">
        <div className="card-head">
          <h2 id="activity-chart-heading">Requests per day, last {CHART_DAYS} days</h2>
          <div className="segmented" role="group" aria-label="Group by">
            <button type="button" aria-pressed={groupBy === 'tool'} onClick={() => setGroupBy('tool')}>
              By tool
            </button>
            <button type="button" aria-pressed={groupBy === 'client'} onClick={() => setGroupBy('client')}>
              By client
            </button>
          </div>
        </div>
        <ActivityChart counts={activity} days={lastDays(CHART_DAYS)} by={groupBy === 'tool' ? (c) => c.name : (c) => names.get(c.clientId) ?? (c.clientId || 'no client')} label="Requests per day" />
      </section>

      <section className="card stack" aria-labelledby="log-heading">
        <div className="card-head">
          <h2 id="log-heading">Log</h2>
          <span className="muted" aria-live="polite">
            {total === null ? '' : `${total.toLocaleString()} matching requests`}
          </span>
        </div>
        <div className="row" role="search">
          <label className="field">
            Search
            <input type="search" placeholder="tool, argument…" value={search} onChange={(e) => setSearch(e.target.value)} />
          </label>
          <label className="field">
            Client
            <select value={filter.clientId ?? ''} onChange={(e) => set('clientId', e.target.value)}>
              <option value="">All clients</option>
              {clients.map((c) => (
                <option key={c.clientId} value={c.clientId}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            Tool
            <select value={filter.tool ?? ''} onChange={(e) => set('tool', e.target.value)}>
              <option value="">All tools</option>
              {toolNames.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            Status
            <select value={filter.status ?? ''} onChange={(e) => set('status', e.target.value)}>
              <option value="">Any status</option>
              <option value="ok">ok</option>
              <option value="refused">refused</option>
              <option value="error">error</option>
            </select>
          </label>
          <label className="field">
            From
            <input type="datetime-local" onChange={(e) => set('from', toIso(e.target.value))} />
          </label>
          <label className="field">
            To
            <input type="datetime-local" onChange={(e) => set('to', toIso(e.target.value))} />
          </label>
        </div>
        <ErrorNote error={error} />
        <div className="audit-table" role="table" aria-label="Audit log" aria-rowcount={total ?? -1}>
          <div className="audit-head" role="row">
            <div role="columnheader">Time</div>
            <div role="columnheader">Client</div>
            <div role="columnheader">Tool or endpoint</div>
            <div role="columnheader">Status</div>
            <div role="columnheader">HTTP</div>
            <div role="columnheader">ms</div>
          </div>
          <div className="audit-viewport" ref={viewport}>
            <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
              {items.map((item) => {
                const row = rows[item.index];
                return (
                  <div key={item.key} style={{ position: 'absolute', top: 0, left: 0, width: '100%', transform: `translateY(${item.start}px)` }}>
                    {row ? (
                      <button type="button" className="audit-row" role="row" aria-selected={selected?.id === row.id} onClick={() => setSelected(row)} data-audit-id={row.id}>
                        <div role="cell">{dateTime(row.time)}</div>
                        <div role="cell">{row.clientName ?? row.actor ?? '—'}</div>
                        <div role="cell">
                          <code>{row.tool ?? row.endpoint}</code>
                        </div>
                        <div role="cell">
                          <span className={`badge ${row.status === 'ok' ? 'ok' : row.status === 'refused' ? 'warn' : 'danger'}`}>{row.status}</span>
                        </div>
                        <div role="cell">{row.httpStatus ?? ''}</div>
                        <div role="cell">{row.durationMs.toFixed(1)}</div>
                      </button>
                    ) : (
                      <div className="muted" style={{ padding: 10 }}>
                        Loading…
                      </div>
                    )}
                  </div>
                );
              })}
            </div>
          </div>
        </div>
        <div className="row">
          <button type="button" onClick={() => void exportAs('csv')} disabled={progress !== null}>
            Export CSV
          </button>
          <button type="button" onClick={() => void exportAs('jsonl')} disabled={progress !== null}>
            Export JSONL
          </button>
          <span className="spacer" />
          <button
            type="button"
            onClick={() => {
              setChain('checking');
              void api.auditVerify().then((r) => setChain(r.ok ? r.result : null));
            }}
          >
            Verify chain
          </button>
          {chain === 'checking' && <span className="muted">Checking…</span>}
          {chain && chain !== 'checking' && (
            <span className={`badge ${chain.ok ? 'ok' : 'danger'}`} role="status">
              {chain.ok ? `Chain intact: ${chain.rows.toLocaleString()} rows` : `Broken at row ${chain.brokenAt}: ${chain.reason}`}
            </span>
          )}
        </div>
        {progress && <ProgressBar value={progress.done} total={progress.total} label="Export progress" />}
      </section>

      {selected && (
        <Modal title={`Request ${selected.id}`} onClose={() => setSelected(null)}>
          <h2>
            <code>{selected.tool ?? selected.endpoint}</code> <span className={`badge ${selected.status === 'ok' ? 'ok' : selected.status === 'refused' ? 'warn' : 'danger'}`}>{selected.status}</span>
          </h2>
          <table>
            <tbody>
              {(
                [
                  ['Time', dateTime(selected.time)],
                  ['Client', `${selected.clientName ?? '—'} (${selected.clientId ?? 'none'})`],
                  ['Actor', selected.actor ?? '—'],
                  ['Grant', selected.grantId ?? '—'],
                  ['Kind', selected.kind],
                  ['Reason', selected.reason ?? '—'],
                  ['HTTP status', String(selected.httpStatus ?? '—')],
                  ['Duration', `${selected.durationMs.toFixed(2)} ms`],
                  ['Hash', selected.hash],
                ] as const
              ).map(([k, v]) => (
                <tr key={k}>
                  <th style={{ width: 130 }}>{k}</th>
                  <td style={{ wordBreak: 'break-all' }}>{v}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>Arguments{selected.argsTruncated ? ' (truncated)' : ''}, redacted</h3>
          <pre className="snippet">{selected.argsTruncated ? selected.args : JSON.stringify(JSON.parse(selected.args), null, 2)}</pre>
          <div className="modal-actions">
            <button type="button" onClick={() => setSelected(null)}>
              Close
            </button>
          </div>
        </Modal>
      )}
    </>
  );
}
