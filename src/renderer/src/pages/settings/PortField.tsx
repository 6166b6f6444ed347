import { useId, useState } from 'react';

const MIN_PORT = 1024;
const MAX_PORT = 65_535;

/** Why a typed port cannot be saved, or null when it can. */
function portProblem(text: string): string | null {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port < MIN_PORT || port > MAX_PORT) return `Use a number from ${MIN_PORT} to ${MAX_PORT}.`;
  return null;
}

/**
 * Settings: the port agents connect on. The field holds the configured port; when it differs from the one the gateway
 * runs on (changed, or taken at start), it says which one runs now and that the change waits for a restart.
 */
export function PortField({ running, configured, onSave }: { running: number; configured: number; onSave: (port: number) => Promise<boolean> }) {
  const id = useId();
  const [typed, setTyped] = useState(String(configured));
  const problem = portProblem(typed);
  const unchanged = Number(typed) === configured;
  const says =
    problem ??
    (!unchanged
      ? `Runs on ${running}; a saved change applies after restart.`
      : configured !== running
        ? `Runs on ${running}; port ${configured} applies after restart.`
        : `Agents connect on port ${running}.`);

  return (
    <div className="row" style={{ alignItems: 'flex-end' }}>
      <label className="field">
        Port
        <input type="number" min={MIN_PORT} max={MAX_PORT} value={typed} aria-describedby={`${id}-says`} aria-invalid={problem ? true : undefined} onChange={(e) => setTyped(e.target.value)} />
      </label>
      <button type="button" disabled={Boolean(problem) || unchanged} onClick={() => void onSave(Number(typed))}>
        Save port
      </button>
      <span id={`${id}-says`} className={problem ? 'error-text' : 'muted'} data-testid="port-status">
        {says}
      </span>
    </div>
  );
}
