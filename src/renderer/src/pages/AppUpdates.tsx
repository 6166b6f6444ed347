import type { UpdatesView } from '../../../shared/control-api.ts';
import { ErrorNote } from '../components/ui.tsx';
import { useCheckForUpdates, useDownloadUpdate, useInstallUpdate, useUpdateSettings } from '../data/changes.ts';
import { useAction } from '../lib/use-action.ts';

/** Settings, desktop app only: the version, automatic updates, and the owner's own restart into a new one. */
export function AppUpdates({ updates }: { updates: UpdatesView }) {
  const { error, run } = useAction();
  const updateSettings = useUpdateSettings();
  const check = useCheckForUpdates();
  const download = useDownloadUpdate();
  const install = useInstallUpdate();

  return (
    <section className="card stack" aria-labelledby="updates-heading">
      <h2 id="updates-heading">Updates</h2>
      <p style={{ margin: 0 }} role="status">
        {updates.detail}
      </p>
      <label className="toggle">
        <input type="checkbox" role="switch" checked={updates.checkAutomatically} onChange={(e) => void run(() => updateSettings.mutateAsync({ checkForUpdates: e.target.checked }))} />
        Look for updates by itself and download them (you choose when to restart)
      </label>
      <div className="row">
        <button type="button" onClick={() => void run(() => check.mutateAsync())} disabled={updates.status === 'checking' || updates.status === 'downloading'}>
          Check for updates
        </button>
        {updates.status === 'available' && !updates.checkAutomatically && (
          <button type="button" onClick={() => void run(() => download.mutateAsync())}>
            Download it
          </button>
        )}
        {updates.status === 'ready' && (
          <button type="button" className="primary" onClick={() => void run(() => install.mutateAsync())}>
            Restart and update
          </button>
        )}
      </div>
      <ErrorNote error={error} />
    </section>
  );
}
