import { useState } from 'react';
import type { GatewaySettings, UpdatesView } from '../../../shared/control-api.ts';
import { api } from '../api.ts';
import { ErrorNote } from '../components/ui.tsx';
import { unwrap } from '../lib/use-call.ts';

/** Settings, desktop app only: the version, automatic updates, and the owner's own restart into a new one. */
export function AppUpdates({ updates, onChanged }: { updates: UpdatesView; onChanged: () => void }) {
  const [view, setView] = useState(updates);
  const [error, setError] = useState<string | null>(null);

  async function run(action: () => Promise<UpdatesView | GatewaySettings | { installing: boolean }>) {
    setError(null);
    try {
      const result = await action();
      if ('status' in result) setView(result);
      onChanged();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  }

  return (
    <section className="card stack" aria-labelledby="updates-heading">
      <h2 id="updates-heading">Updates</h2>
      <p style={{ margin: 0 }} role="status">
        {view.detail}
      </p>
      <label className="toggle">
        <input
          type="checkbox"
          role="switch"
          checked={view.checkAutomatically}
          onChange={(e) => void run(async () => unwrap(await api.settingsUpdate({ checkForUpdates: e.target.checked })))}
        />
        Look for updates by itself and download them (you choose when to restart)
      </label>
      <div className="row">
        <button type="button" onClick={() => void run(async () => unwrap(await api.updatesCheck()))} disabled={view.status === 'checking' || view.status === 'downloading'}>
          Check for updates
        </button>
        {view.status === 'available' && !view.checkAutomatically && (
          <button type="button" onClick={() => void run(async () => unwrap(await api.updatesDownload()))}>
            Download it
          </button>
        )}
        {view.status === 'ready' && (
          <button type="button" className="primary" onClick={() => void run(async () => unwrap(await api.updatesInstall()))}>
            Restart and update
          </button>
        )}
      </div>
      <ErrorNote error={error} />
    </section>
  );
}
