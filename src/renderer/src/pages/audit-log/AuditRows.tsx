import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { AuditRowView } from '../../../../shared/control-api.ts';
import { ErrorNote } from '../../components/ui.tsx';
import type { AuditView } from '../../data/audit-view.ts';
import { dateTime } from '../../lib/format.ts';

/** Rows from the end of what is loaded at which the next page is asked for. */
const PREFETCH_ROWS = 20;

/** The log's rows over millions: the next keyset page loaded as the owner scrolls near the end, only visible rows rendered. */
export function AuditRows({ view, selectedId, onSelect }: { view: AuditView; selectedId: number | undefined; onSelect: (row: AuditRowView) => void }) {
  const { rows, hasMore, loadingMore, moreFailed, loadMore } = view;
  const viewport = useRef<HTMLDivElement>(null);

  const virtualizer = useVirtualizer({ count: rows.length + (hasMore ? 1 : 0), getScrollElement: () => viewport.current, estimateSize: () => 40, overscan: 12 });
  const items = virtualizer.getVirtualItems();
  // The rows in view when the next page was last asked for: a page that failed (its error shows) is asked for again
  // once the owner scrolls, not in a loop.
  const askedAt = useRef(items);
  useEffect(() => {
    const last = items.at(-1);
    if (!last || last.index < rows.length - PREFETCH_ROWS || !hasMore || loadingMore) return;
    if (moreFailed && askedAt.current === items) return;
    askedAt.current = items;
    void loadMore();
  }, [items, rows.length, hasMore, loadingMore, moreFailed, loadMore]);

  return (
    <>
      <ErrorNote error={view.error} />
      <div className="audit-table" role="table" aria-label="Audit log" aria-rowcount={view.total ?? -1}>
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
                    <button type="button" className="audit-row" role="row" aria-selected={selectedId === row.id} onClick={() => onSelect(row)} data-audit-id={row.id}>
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
    </>
  );
}
