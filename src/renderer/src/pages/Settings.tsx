import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { ControlInput, GatewaySettings } from '../../../shared/control-api.ts';
import { isWebPanel } from '../api.ts';
import { ConfirmDialog, CopyButton, ErrorNote } from '../components/ui.tsx';
import { WorkspaceFileButton } from '../components/WorkspaceFileButton.tsx';
import { useExportWorkspace, useImportWorkspace, useOpenLog, useUpdateSettings, useWipeWorkspace } from '../data/changes.ts';
import { reads } from '../data/reads.ts';
import { useAction } from '../lib/use-action.ts';
import { AgentLimits } from './AgentLimits.tsx';
import { AppUpdates } from './AppUpdates.tsx';
import { SignedInBrowsers } from './SignedInBrowsers.tsx';
import { systemClock } from '../../../shared/clock.ts';

export function Settings({ notify }: { notify: (m: string) => void }) {
  const { data: settings } = useQuery(reads.settings);
  const updateSettings = useUpdateSettings();
  const exportFile = useExportWorkspace();
  const importFile = useImportWorkspace();
  const wipeWorkspace = useWipeWorkspace();
  const openLog = useOpenLog();
  const { error, run } = useAction(notify);
  const [port, setPort] = useState<string>('');
  const [wipe, setWipe] = useState(false);
  const [typed, setTyped] = useState('');

  const update = (change: ControlInput<'settings.update'>) => run(() => updateSettings.mutateAsync(change));

  async function exportWorkspace() {
    const { json, counts } = await exportFile.mutateAsync();
    const link = Object.assign(document.createElement('a'), { href: URL.createObjectURL(new Blob([json], { type: 'application/json' })), download: `studio-workspace-${new Date(systemClock.nowMs()).toISOString().slice(0, 10)}.json` });
    link.click();
    URL.revokeObjectURL(link.href);
    return counts;
  }

  async function importWorkspace(selected: File) {
    const { counts } = await importFile.mutateAsync({ json: await selected.text() });
    return counts;
  }

  if (!settings) return <p className="muted">Loading…</p>;
  return (
    <>
      <ErrorNote error={error} />
      <section className="card stack" aria-labelledby="general-heading">
        <h2 id="general-heading">General</h2>
        <div className="row" style={{ alignItems: 'flex-end', gap: 24 }}>
          <label className="field">
            Subscription plan
            <select value={settings.subscriptionTier} onChange={(e) => void update({ subscriptionTier: e.target.value as GatewaySettings['subscriptionTier'] })}>
              <option value="free">Free</option>
              <option value="pro">Pro</option>
              <option value="premium">Premium</option>
            </select>
          </label>
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
        <div className="row" style={{ alignItems: 'flex-end' }}>
          <label className="field">
            Port <span className="hint">Now {settings.port}. A new port takes effect at the next start.</span>
            <input type="number" min={1024} max={65535} placeholder={String(settings.preferredPort)} value={port} onChange={(e) => setPort(e.target.value)} />
          </label>
          <button type="button" disabled={!port} onClick={() => void update({ preferredPort: Number(port) }).then(() => setPort(''))}>
            Save port
          </button>
        </div>
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

      <section className="card stack" aria-labelledby="workspace-heading">
        <h2 id="workspace-heading">Workspace</h2>
        <p className="muted" style={{ margin: 0 }}>
          Your classes, bookings, clients, reviews, messages and money records. Export them as one JSON file, import such a file (it replaces everything, or nothing if it is invalid), or start empty.
        </p>
        <div className="row">
          <button type="button" onClick={() => void run(exportWorkspace, (c) => `Exported ${c.classes} classes, ${c.bookings} bookings and ${c.clients} clients.`)}>
            Export workspace
          </button>
          <WorkspaceFileButton onFile={(selected) => void run(() => importWorkspace(selected), (c) => `Imported ${c.classes} classes, ${c.bookings} bookings and ${c.clients} clients.`)}>
            Import workspace…
          </WorkspaceFileButton>
          <button type="button" className="danger" onClick={() => setWipe(true)}>
            Wipe and start empty…
          </button>
        </div>
      </section>
      {wipe && (
        <ConfirmDialog
          title="Wipe the workspace?"
          danger
          confirm="Wipe everything"
          body={
            <label className="field">
              Every class, booking, client, review, message and money record is deleted. Connected apps and the audit log stay. Type wipe to confirm.
              <input type="text" value={typed} onChange={(e) => setTyped(e.target.value)} />
            </label>
          }
          onCancel={() => {
            setWipe(false);
            setTyped('');
          }}
          onConfirm={() => {
            if (typed !== 'wipe') return;
            setWipe(false);
            setTyped('');
            void run(() => wipeWorkspace.mutateAsync({ confirm: 'wipe' }), () => 'The workspace is empty.');
          }}
        />
      )}
    </>
  );
}
