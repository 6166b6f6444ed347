import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { systemClock } from '../../../shared/clock.ts';
import type { AuditRowView, DailyCount } from '../../../shared/control-api.ts';
import type { AuditExportResult } from '../../../shared/control-bridge.ts';
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
import { chartDayRange, presetRange, type DatePreset, type TimeRange } from './audit-log/date-range.ts';
import { LogFilters, type LogChoice } from './audit-log/LogFilters.tsx';
import type { SentenceNames } from '../../../shared/audit-sentence/sentence.ts';
import { titleFromName } from '../../../shared/audit-sentence/tool-words.ts';
import './audit-log/audit-log.css';

/** How long the filter must stay unchanged before the log asks for it (typing in Search asks once, not per key). */
const FILTER_SETTLE_MS = 250;

function lastDays(n: number): string[] {
  const today = systemClock.nowMs();
  return Array.from({ length: n }, (_, i) => new Date(today - (n - 1 - i) * 86_400_000).toISOString().slice(0, 10));
}

/** The app `#/audit?app=<client id>` asks for (a Connected apps card links there). */
function appInAddress(): string | undefined {
  return new URLSearchParams(window.location.hash.split('?')[1] ?? '').get('app') || undefined;
}

/** Where the range came from: a preset, a day of the chart, or the pickers. */
type RangeSource = { preset: DatePreset } | { day: string } | null;

/** "Saved to …" once an export is written, in words the owner can find the file by. */
function savedMessage(result: AuditExportResult): string | null {
  if (!result.saved) return null;
  const entries = `${result.rows.toLocaleString()} ${result.rows === 1 ? 'entry' : 'entries'}`;
  return 'path' in result ? `Saved to ${result.path} (${entries}).` : `Saved to your browser's downloads as ${result.download} (${entries}).`;
}

/**
 * The audit log over millions of rows, read first as what agents did and what the owner decided, in sentences: the
 * activity chart (a day filters the log), filters and search, export and the tamper check.
 */
export function AuditLog() {
  const { data: apps = [] } = useQuery(reads.apps);
  const { data: toolTitles = [] } = useQuery(reads.toolTitles);
  const [choice, setChoice] = useState<LogChoice>(() => ({ clientId: appInAddress() }));
  const [range, setRange] = useState<TimeRange>({});
  const [rangeSource, setRangeSource] = useState<RangeSource>(null);
  const [technical, setTechnical] = useState(false);
  const [search, setSearch] = useState('');
  const [selected, setSelected] = useState<AuditRowView | null>(null);
  const [groupBy, setGroupBy] = useState<'action' | 'app'>('action');
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [exported, setExported] = useState<string | null>(null);
  const [exportError, setExportError] = useState<string | null>(null);

  // A link to `#/audit?app=…` while the log is open narrows it to that app too.
  useEffect(() => {
    const onHash = () => setChoice((c) => ({ ...c, clientId: appInAddress() }));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  const events = technical ? 'all' : 'activity';
  const effective = useMemo<AuditFilter>(() => {
    const query = search.trim();
    return Object.fromEntries(Object.entries({ ...choice, ...range, events, query: query || undefined }).filter(([, v]) => v !== undefined)) as AuditFilter;
  }, [choice, range, events, search]);
  /** The filter the log shows (rows, count and export alike). */
  const shown = useSettled(effective, FILTER_SETTLE_MS);
  const log = useAuditView(shown);
  const total = log.total;
  const activity = useQuery(reads.activity(choice.clientId, events)).data ?? [];
  const verify = useVerifyChain();

  const appNames = useMemo(() => new Map(apps.map((a) => [a.clientId, a.name])), [apps]);
  const titles = useMemo(() => new Map(toolTitles.map((t) => [t.name, t.title])), [toolTitles]);
  const names = useMemo<SentenceNames>(() => ({ app: (id) => appNames.get(id), toolTitle: (tool) => titles.get(tool) ?? titleFromName(tool) }), [appNames, titles]);

  // The app the address names is offered even when it is no longer connected (a revoked app's activity).
  const appOptions = useMemo(() => {
    const options = apps.map((a) => ({ value: a.clientId, label: a.name }));
    const asked = choice.clientId;
    if (asked && !appNames.has(asked)) options.push({ value: asked, label: log.rows.find((r) => r.clientId === asked)?.clientName ?? 'This app' });
    return options;
  }, [apps, appNames, choice.clientId, log.rows]);
  const toolOptions = useMemo(() => toolTitles.map((t) => ({ value: t.name, label: t.title })).sort((a, b) => a.label.localeCompare(b.label)), [toolTitles]);

  const chooseApp = useCallback((next: LogChoice) => {
    setChoice(next);
    // The address says which app is shown, so a reload or a shared link shows the same.
    if (next.clientId !== appInAddress()) window.history.replaceState(null, '', `#/audit${next.clientId ? `?app=${encodeURIComponent(next.clientId)}` : ''}`);
  }, []);
  const choosePreset = (preset: DatePreset | null) => {
    setRange(preset ? presetRange(preset, systemClock.nowMs()) : {});
    setRangeSource(preset ? { preset } : null);
  };
  const chooseDay = (day: string | null) => {
    setRange(day ? chartDayRange(day) : {});
    setRangeSource(day ? { day } : null);
  };

  const chartBy = useCallback(
    (c: DailyCount) => {
      if (groupBy === 'app') return appNames.get(c.clientId) ?? (c.clientId ? 'Other apps' : c.name.includes('.') ? 'You' : 'Unknown agents');
      return titles.get(c.name) ?? (c.name.includes('.') ? 'Your decisions' : 'Technical events');
    },
    [groupBy, appNames, titles],
  );

  async function exportAs(format: 'csv' | 'jsonl') {
    setProgress({ done: 0, total: total ?? 0 });
    setExported(null);
    try {
      setExported(savedMessage(await api.exportAudit({ format, filter: shown ?? effective }, setProgress)));
      setExportError(null);
    } catch (err) {
      setExportError(messageOf(err));
    }
    setProgress(null);
  }

  const days = useMemo(() => lastDays(ACTIVITY_DAYS), []);
  const chain = verify.data;
  const unit = technical ? 'request' : 'action';
  return (
    <>
      <section className="card stack" aria-labelledby="activity-chart-heading">
        <div className="card-head">
          <h2 id="activity-chart-heading">{technical ? 'All requests' : 'What agents did'}, last {ACTIVITY_DAYS} days</h2>
          <div className="segmented" role="group" aria-label="Colour by">
            <button type="button" aria-pressed={groupBy === 'action'} onClick={() => setGroupBy('action')}>
              By action
            </button>
            <button type="button" aria-pressed={groupBy === 'app'} onClick={() => setGroupBy('app')}>
              By app
            </button>
          </div>
        </div>
        <ActivityChart
          counts={activity}
          days={days}
          by={chartBy}
          label={`${technical ? 'Requests' : 'Actions'} per day`}
          unit={unit}
          selectedDay={rangeSource && 'day' in rangeSource ? rangeSource.day : null}
          onSelectDay={chooseDay}
        />
      </section>

      <section className="card stack" aria-labelledby="log-heading">
        <div className="card-head">
          <h2 id="log-heading">Log</h2>
          <span className="muted" aria-live="polite">
            {total === undefined ? '' : `${total.toLocaleString()} ${total === 1 ? 'entry' : 'entries'}`}
          </span>
          <span className="spacer" />
          <label className="log-technical" title="Apps registering, signing in, connecting and looking up what they may do">
            <input type="checkbox" checked={technical} onChange={(e) => setTechnical(e.target.checked)} />
            Technical events
          </label>
        </div>
        <LogFilters
          search={search}
          onSearch={setSearch}
          choice={choice}
          onChoice={chooseApp}
          apps={appOptions}
          tools={toolOptions}
          range={range}
          preset={rangeSource && 'preset' in rangeSource ? rangeSource.preset : null}
          onPreset={choosePreset}
          onRange={(next) => {
            setRange(next);
            setRangeSource(null);
          }}
        />
        <AuditRows view={log} names={names} selectedId={selected?.id} onSelect={setSelected} />
        <div className="row">
          <button type="button" onClick={() => void exportAs('csv')} disabled={progress !== null}>
            Export CSV
          </button>
          <button type="button" onClick={() => void exportAs('jsonl')} disabled={progress !== null}>
            Export JSONL
          </button>
          <span className="spacer" />
          <button type="button" onClick={() => verify.mutate()}>
            Check for tampering
          </button>
          {verify.isPending && <span className="muted">Checking…</span>}
          {chain && (
            <span className={`badge ${chain.ok ? 'ok' : 'danger'}`} role="status">
              {chain.ok ? `Untouched: all ${chain.rows.toLocaleString()} entries check out` : `Changed at entry ${chain.brokenAt}: ${chain.reason}`}
            </span>
          )}
        </div>
        {progress && <ProgressBar value={progress.done} total={progress.total} label="Export progress" />}
        <p role="status" className={exported ? undefined : 'sr-only'}>
          {exported}
        </p>
        <ErrorNote error={exportError} />
        <ErrorNote error={verify.error?.message} />
      </section>

      {selected && <AuditRowDetail row={selected} names={names} onClose={() => setSelected(null)} />}
    </>
  );
}
