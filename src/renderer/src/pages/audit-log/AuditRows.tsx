import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef } from 'react';
import { auditOutcome } from '../../../../shared/audit-outcome.ts';
import { systemClock } from '../../../../shared/clock.ts';
import type { AuditRowView } from '../../../../shared/control-api.ts';
import { ErrorNote } from '../../components/ui.tsx';
import type { AuditView } from '../../data/audit-view.ts';
import { dateTime } from '../../lib/format.ts';
import { timeOfDay, withDayHeadings } from './day-groups.ts';
import { OutcomeBadge } from '../../components/OutcomeBadge.tsx';
import { auditSentence, type SentenceNames } from '../../../../shared/audit-sentence/sentence.ts';

/** Rows from the end of what is loaded at which the next page is asked for. */
const PREFETCH_ROWS = 20;
/** Heights in px (audit-log.css gives each exactly this much: the list is positioned from them). */
const ROW_HEIGHT = 44;
const DAY_HEIGHT = 36;

/**
 * The log over millions of rows, as a list of sentences under a heading per day: the next keyset page loaded as the
 * owner scrolls near the end, only what is in view rendered. Each sentence is a button that opens its details.
 */
export function AuditRows({ view, names, selectedId, onSelect }: { view: AuditView; names: SentenceNames; selectedId: number | undefined; onSelect: (row: AuditRowView) => void }) {
  const { rows, hasMore, loadingMore, moreFailed, loadMore } = view;
  const viewport = useRef<HTMLDivElement>(null);
  const items = useMemo(() => withDayHeadings(rows, systemClock.nowMs()), [rows]);

  const virtualizer = useVirtualizer({
    count: items.length + (hasMore ? 1 : 0),
    getScrollElement: () => viewport.current,
    estimateSize: (index) => (items[index]?.type === 'day' ? DAY_HEIGHT : ROW_HEIGHT),
    getItemKey: (index) => items[index]?.key ?? 'more',
    overscan: 12,
  });
  const shown = virtualizer.getVirtualItems();
  // The rows in view when the next page was last asked for: a page that failed (its error shows) is asked for again
  // once the owner scrolls, not in a loop.
  const askedAt = useRef(shown);
  useEffect(() => {
    const last = shown.at(-1);
    if (!last || last.index < items.length - PREFETCH_ROWS || !hasMore || loadingMore) return;
    if (moreFailed && askedAt.current === shown) return;
    askedAt.current = shown;
    void loadMore();
  }, [shown, items.length, hasMore, loadingMore, moreFailed, loadMore]);

  return (
    <>
      <ErrorNote error={view.error} />
      <div className="log-viewport" ref={viewport}>
        {rows.length === 0 && view.total === 0 && <p className="log-empty muted">Nothing matches. Try another day, app or outcome, or clear the search.</p>}
        <ol className="log-list" aria-label="Log entries" style={{ height: virtualizer.getTotalSize() }}>
          {shown.map((virtual) => {
            const item = items[virtual.index];
            const place = { transform: `translateY(${virtual.start}px)` };
            if (!item) {
              return (
                <li key={virtual.key} className="log-more muted" style={place}>
                  Loading…
                </li>
              );
            }
            if (item.type === 'day') {
              return (
                <li key={virtual.key} className="log-day" style={place}>
                  <h3>{item.label}</h3>
                </li>
              );
            }
            const { row } = item;
            const sentence = auditSentence(row, names);
            return (
              <li key={virtual.key} className="log-row" style={place} data-audit-id={row.id} aria-current={selectedId === row.id ? 'true' : undefined}>
                <time dateTime={row.time} title={dateTime(row.time)}>
                  {timeOfDay(row.time)}
                </time>
                <button type="button" className="log-sentence" onClick={() => onSelect(row)} title={sentence}>
                  {sentence}
                </button>
                <OutcomeBadge outcome={auditOutcome(row)} />
              </li>
            );
          })}
        </ol>
      </div>
    </>
  );
}
