import { useQuery } from '@tanstack/react-query';
import type { ControlInput } from '../../../shared/control-api.ts';
import { isWebPanel } from '../api.ts';
import { CopyButton, ErrorNote } from '../components/ui.tsx';
import { useOpenLog, useUpdateSettings } from '../data/changes.ts';
import { reads } from '../data/reads.ts';
import { useAction } from '../lib/use-action.ts';
import { AgentLimits } from './AgentLimits.tsx';
import { AppUpdates } from './AppUpdates.tsx';
import { PlanField } from './settings/PlanField.tsx';
import { PortField } from './settings/PortField.tsx';
import { WorkspaceCard } from './settings/WorkspaceCard.tsx';
import { SignedInBrowsers } from './SignedInBrowsers.tsx';

export function Settings({ notify }: { notify: (m: string) => void }) {
  const { data: settings } = useQuery(reads.settings);
  const updateSettings = useUpdateSettings();
  const openLog = useOpenLog();
  const { error, run } = useAction(notify);

  const update = (change: ControlInput<'settings.update'>) => run(() => updateSettings.mutateAsync(change));

  if (!settings) return <p className="muted">Loading…</p>;
  return (
    <>
      <ErrorNote error={error} />
      <section className="card stack" aria-labelledby="general-heading">
        <h2 id="general-heading">General</h2>
        <div className="row" style={{ alignItems: 'flex-end', gap: 24 }}>
          <div className="field">
            <span>Theme</span>
            <div className="segmented" role="group" aria-label="Theme">
              {(['light', 'dark', 'system'] as const).map((t) => (
                <button key={t} type="button" aria-pressed={settings.theme === t} onClick={() => void update({ theme: t })}>
                  {t[0]?.toUpperCase()}
                  {t.slice(1)}
                </button>
              ))}
            </div>
          </div>
          {settings.startAtLogin === null ? (
            <span className="muted">Start at login: available in the desktop app</span>
          ) : (
            <label className="toggle">
              <input type="checkbox" role="switch" checked={settings.startAtLogin} onChange={(e) => void update({ startAtLogin: e.target.checked })} />
              Start at login
            </label>
          )}
        </div>
        <PlanField plan={settings.subscriptionTier} onChange={(plan) => void update({ subscriptionTier: plan })} />
        <PortField key={settings.preferredPort} running={settings.port} configured={settings.preferredPort} onSave={(port) => update({ preferredPort: port })} />
        <p className="muted" style={{ margin: 0 }}>
          Data folder: <code>{settings.dataDir}</code>
        </p>
        <div className="row muted">
          Log: <code>{settings.logFile}</code>
          {isWebPanel ? (
            <CopyButton text={settings.logFile} label="Copy path" />
          ) : (
            <button type="button" className="small" onClick={() => void run(() => openLog.mutateAsync())}>
              Open the log
            </button>
          )}
        </div>
      </section>

      {settings.updates && <AppUpdates updates={settings.updates} />}

      <SignedInBrowsers notify={notify} />

      <AgentLimits key={`${settings.limits.toolCalls.burst}/${settings.limits.toolCalls.perMinute}`} limits={settings.limits} notify={notify} />

      <section className="card stack" aria-labelledby="audit-settings-heading">
        <h2 id="audit-settings-heading">Audit log</h2>
        <label className="field" style={{ maxWidth: 320 }}>
          Keep requests for
          <select value={settings.auditRetentionDays ?? ''} onChange={(e) => void update({ auditRetentionDays: e.target.value ? Number(e.target.value) : null })}>
            <option value="">Forever</option>
            {[30, 90, 365, 730].map((d) => (
              <option key={d} value={d}>
                {d} days
              </option>
            ))}
          </select>
        </label>
      </section>

      <WorkspaceCard notify={notify} />
    </>
  );
}
