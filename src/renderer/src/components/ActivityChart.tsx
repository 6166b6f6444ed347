import { useMemo } from 'react';
import type { DailyCount } from '../../../shared/control-api.ts';

const PALETTE = ['#0f766e', '#2563eb', '#d97706', '#9333ea', '#db2777', '#64748b'];

/** Requests per day as stacked bars, by the five busiest clients or tools and "other". */
export function ActivityChart({ counts, days, by, label }: { counts: DailyCount[]; days: string[]; by: (c: DailyCount) => string; label: string }) {
  const { series, totals, max } = useMemo(() => {
    const perKey = new Map<string, number>();
    for (const c of counts) perKey.set(by(c), (perKey.get(by(c)) ?? 0) + c.count);
    const top = [...perKey.entries()].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([k]) => k);
    const keyOf = (c: DailyCount) => (top.includes(by(c)) ? by(c) : 'other');
    const totalsByDay = new Map<string, Map<string, number>>();
    for (const c of counts) {
      const day = totalsByDay.get(c.day) ?? new Map<string, number>();
      day.set(keyOf(c), (day.get(keyOf(c)) ?? 0) + c.count);
      totalsByDay.set(c.day, day);
    }
    const keys = [...top, ...(counts.some((c) => !top.includes(by(c))) ? ['other'] : [])];
    const dayTotals = days.map((d) => [...(totalsByDay.get(d)?.values() ?? [])].reduce((a, b) => a + b, 0));
    return { series: keys.map((k) => ({ key: k, values: days.map((d) => totalsByDay.get(d)?.get(k) ?? 0) })), totals: dayTotals, max: Math.max(1, ...dayTotals) };
  }, [counts, days, by]);

  const width = 720;
  const height = 160;
  const barWidth = width / Math.max(days.length, 1);
  return (
    <figure style={{ margin: 0 }}>
      <svg viewBox={`0 0 ${width} ${height + 20}`} role="img" aria-label={label} style={{ width: '100%', height: 'auto' }}>
        {days.map((day, i) => {
          let y = height;
          return (
            <g key={day}>
              <title>{`${day}: ${totals[i]} requests`}</title>
              {series.map((s, k) => {
                const h = ((s.values[i] ?? 0) / max) * (height - 4);
                y -= h;
                return <rect key={s.key} x={i * barWidth + 2} y={y} width={Math.max(barWidth - 4, 1)} height={h} rx={2} fill={PALETTE[k % PALETTE.length]} />;
              })}
              {i % 7 === 0 && (
                <text x={i * barWidth + 2} y={height + 14} fontSize="10" fill="currentColor" opacity="0.6">
                  {day.slice(5)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <figcaption className="row" style={{ gap: 14 }}>
        {series.map((s, k) => (
          <span key={s.key} className="row" style={{ gap: 6 }}>
            <span aria-hidden style={{ width: 10, height: 10, borderRadius: 2, background: PALETTE[k % PALETTE.length] }} />
            <code>{s.key}</code>
          </span>
        ))}
        {series.length === 0 && <span className="muted">No requests in this period.</span>}
      </figcaption>
    </figure>
  );
}
