import { useLayoutEffect, useMemo, useRef } from 'react';
import type { DailyCount } from '../../../shared/control-api.ts';

const PALETTE = ['#0f766e', '#2563eb', '#d97706', '#9333ea', '#db2777', '#64748b'];
const compact = new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 });

const utcNoon = (day: string) => new Date(`${day}T12:00:00.000Z`);

/** "Nov 3" for a UTC day of the counts. */
function dayName(day: string): string {
  return utcNoon(day).toLocaleDateString(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' });
}

/** Under a bar: the month where one starts (and under the first), else the day of the month. */
function axisLabel(day: string, first: boolean): string {
  return utcNoon(day).toLocaleDateString(undefined, first || day.endsWith('-01') ? { month: 'short', timeZone: 'UTC' } : { day: 'numeric', timeZone: 'UTC' });
}

/**
 * Counts per day as stacked bars, by the five biggest series (apps or actions) and "other", each day's total written
 * on its bar. Each day is a button: picking one shows that day in the log, picking it again shows every day.
 */
export function ActivityChart(props: {
  counts: DailyCount[];
  days: string[];
  by: (c: DailyCount) => string;
  label: string;
  /** What one counted thing is called: "action" → "12 actions". */
  unit: string;
  selectedDay: string | null;
  onSelectDay: (day: string | null) => void;
}) {
  const { counts, days, by } = props;
  const { series, totals, max } = useMemo(() => {
    const perKey = new Map<string, number>();
    for (const c of counts) perKey.set(by(c), (perKey.get(by(c)) ?? 0) + c.count);
    const top = [...perKey.entries()].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([k]) => k);
    const keyOf = (c: DailyCount) => (top.includes(by(c)) ? by(c) : 'Other');
    const byDay = new Map<string, Map<string, number>>();
    for (const c of counts) {
      const day = byDay.get(c.day) ?? new Map<string, number>();
      day.set(keyOf(c), (day.get(keyOf(c)) ?? 0) + c.count);
      byDay.set(c.day, day);
    }
    const keys = [...top, ...(counts.some((c) => !top.includes(by(c))) ? ['Other'] : [])];
    const dayTotals = days.map((d) => [...(byDay.get(d)?.values() ?? [])].reduce((a, b) => a + b, 0));
    return { series: keys.map((k) => ({ key: k, values: days.map((d) => byDay.get(d)?.get(k) ?? 0) })), totals: dayTotals, max: Math.max(1, ...dayTotals) };
  }, [counts, days, by]);

  // Where the days scroll (a narrow window), the latest are in view.
  const scroller = useRef<HTMLDivElement>(null);
  const latest = days.at(-1);
  useLayoutEffect(() => {
    if (scroller.current) scroller.current.scrollLeft = scroller.current.scrollWidth;
  }, [latest]);

  const plural = (n: number) => `${n.toLocaleString()} ${props.unit}${n === 1 ? '' : 's'}`;
  return (
    <figure className="activity">
      <div className="activity-days" role="group" aria-label={`${props.label}: pick a day to show it in the log`} ref={scroller}>
        {days.map((day, i) => {
          const total = totals[i] ?? 0;
          const selected = props.selectedDay === day;
          return (
            <button
              key={day}
              type="button"
              className="activity-day"
              aria-pressed={selected}
              title={`${dayName(day)}: ${plural(total)}`}
              onClick={() => props.onSelectDay(selected ? null : day)}
            >
              <span className="sr-only">{`${dayName(day)}: ${plural(total)}`}</span>
              <span className="activity-count" aria-hidden>
                {total ? compact.format(total) : ''}
              </span>
              <span className="activity-track" aria-hidden>
                <span className="activity-bar" style={{ height: `${(total / max) * 100}%` }}>
                  {series.map((s, k) => (s.values[i] ? <span key={s.key} style={{ flexGrow: s.values[i], background: PALETTE[k % PALETTE.length] }} /> : null))}
                </span>
              </span>
              <span className="activity-label" aria-hidden>
                {axisLabel(day, i === 0)}
              </span>
            </button>
          );
        })}
      </div>
      <figcaption className="row" style={{ gap: 14 }}>
        {series.map((s, k) => (
          <span key={s.key} className="row" style={{ gap: 6 }}>
            <span aria-hidden style={{ width: 10, height: 10, borderRadius: 2, background: PALETTE[k % PALETTE.length] }} />
            {s.key}
          </span>
        ))}
        {series.length === 0 && <span className="muted">Nothing in this period.</span>}
      </figcaption>
    </figure>
  );
}
