import { AUDIT_OUTCOMES, OUTCOME_LOOK, type AuditOutcome } from '../../../../shared/audit-outcome.ts';
import { DATE_PRESETS, fromLocalInput, toLocalInput, type DatePreset, type TimeRange } from './date-range.ts';

/** What the log narrows by, besides the search. */
export interface LogChoice {
  clientId?: string | undefined;
  tool?: string | undefined;
  outcome?: AuditOutcome | undefined;
}

/** One of the log's choices: the first option, "any", narrows nothing; each other narrows to its value. */
function Choice(props: { label: string; any: string; value: string | undefined; options: readonly { value: string; label: string }[]; onChange: (value: string | undefined) => void }) {
  return (
    <label className="field">
      {props.label}
      <select value={props.value ?? ''} onChange={(e) => props.onChange(e.target.value || undefined)}>
        <option value="">{props.any}</option>
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * The log's filters: the search (and what it searches), app, action, outcome, and when — a preset
 * (Today, Yesterday, 7 days, 30 days) or the from/to pickers, which always show the range in force.
 */
export function LogFilters(props: {
  search: string;
  onSearch: (text: string) => void;
  choice: LogChoice;
  onChoice: (choice: LogChoice) => void;
  apps: readonly { value: string; label: string }[];
  tools: readonly { value: string; label: string }[];
  range: TimeRange;
  preset: DatePreset | null;
  onPreset: (preset: DatePreset | null) => void;
  onRange: (range: TimeRange) => void;
}) {
  const { choice, onChoice, range } = props;
  return (
    <div className="stack" role="search" aria-label="Filter the log">
      <div className="log-filters">
        <label className="field">
          Search names, actions and details
          <input type="search" placeholder="Anna, booking, Cursor…" value={props.search} onChange={(e) => props.onSearch(e.target.value)} />
        </label>
        <Choice label="App" any="All apps" value={choice.clientId} options={props.apps} onChange={(clientId) => onChoice({ ...choice, clientId })} />
        <Choice label="Action" any="All actions" value={choice.tool} options={props.tools} onChange={(tool) => onChoice({ ...choice, tool })} />
        <Choice
          label="Outcome"
          any="Any outcome"
          value={choice.outcome}
          options={AUDIT_OUTCOMES.map((o) => ({ value: o, label: OUTCOME_LOOK[o].label }))}
          onChange={(outcome) => onChoice({ ...choice, outcome: outcome as AuditOutcome | undefined })}
        />
      </div>
      <div className="log-dates">
        <div className="segmented" role="group" aria-label="When">
          {DATE_PRESETS.map((p) => (
            <button key={p.id} type="button" aria-pressed={props.preset === p.id} onClick={() => props.onPreset(props.preset === p.id ? null : p.id)}>
              {p.label}
            </button>
          ))}
        </div>
        <label className="field">
          From
          <input type="datetime-local" value={toLocalInput(range.from)} onChange={(e) => props.onRange({ ...range, from: fromLocalInput(e.target.value) })} />
        </label>
        <label className="field">
          To
          <input type="datetime-local" value={toLocalInput(range.to)} onChange={(e) => props.onRange({ ...range, to: fromLocalInput(e.target.value) })} />
        </label>
        {(range.from || range.to) && (
          <button type="button" className="small" onClick={() => props.onRange({})}>
            Any time
          </button>
        )}
      </div>
    </div>
  );
}
