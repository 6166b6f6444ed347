import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { ConnectedApp } from '../../../shared/control-api.ts';
import { AccessSummary } from '../components/AccessSummary.tsx';
import { ConfirmDialog, Empty, ErrorNote } from '../components/ui.tsx';
import { useRevokeApp, useSetAppPaused } from '../data/changes.ts';
import { reads } from '../data/reads.ts';
import { dateTime } from '../lib/format.ts';
import { AppCard } from './connected-apps/AppCard.tsx';
import { AppDetails } from './connected-apps/AppDetails.tsx';
import { accessLasts } from './connected-apps/app-words.ts';
import { EditPermissions } from './connected-apps/EditPermissions.tsx';
import { APP_SORTS, findApps, lookAlikeWarning, SEARCH_ABOVE, sharedNames, sharesName, type AppSort } from './connected-apps/find-apps.ts';
import './connected-apps/connected-apps.css';

/**
 * Connected apps (docs/product.md#connected-apps): who holds access, what each may do and did lately, how to tell
 * look-alikes apart, Edit permissions and Revoke; the revoked ones below, their story still one click away.
 */
export function ConnectedApps({ notify }: { notify: (m: string) => void }) {
  const apps = useQuery(reads.apps).data ?? [];
  const revoked = useQuery(reads.revokedApps).data ?? [];
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<AppSort>('last-used');
  const [confirm, setConfirm] = useState<ConnectedApp | null>(null);
  const [editing, setEditing] = useState<ConnectedApp | null>(null);
  const [openTimelines, setOpenTimelines] = useState<ReadonlySet<string>>(() => new Set());
  const revocation = useRevokeApp();
  const pausing = useSetAppPaused();

  const shared = sharedNames(apps);
  const searchable = apps.length > SEARCH_ABOVE;
  const shown = searchable ? findApps(apps, query, sort) : apps;

  function revoke(app: ConnectedApp) {
    setConfirm(null);
    revocation.mutate({ clientId: app.clientId }, { onSuccess: () => notify(`${app.name} was revoked: its next request will fail.`) });
  }

  function setPaused(app: ConnectedApp, paused: boolean) {
    pausing.mutate(
      { clientId: app.clientId, paused },
      { onSuccess: () => notify(paused ? `${app.name} is paused: everything it asks is refused until you resume it.` : `${app.name} may work again.`) },
    );
  }

  function toggleTimeline(clientId: string) {
    const next = new Set(openTimelines);
    if (!next.delete(clientId)) next.add(clientId);
    setOpenTimelines(next);
  }

  return (
    <>
      <ErrorNote error={revocation.error?.message ?? pausing.error?.message} />
      {shared.map((group) => (
        <p key={group.name} className="notice look-alike-warning" role="status">
          <strong>{lookAlikeWarning(group)}.</strong> Each app has its own fingerprint, the short code beside its name. If you do not recognise one,
          revoke it.
        </p>
      ))}
      {searchable && (
        <div className="row app-search" role="search" aria-label="Find an app">
          <input type="search" aria-label="Search apps" placeholder="Search by name, website or fingerprint" value={query} onChange={(e) => setQuery(e.target.value)} />
          <label className="row">
            Sort by
            <select value={sort} onChange={(e) => setSort(e.target.value as AppSort)}>
              {APP_SORTS.map((option) => (
                <option key={option.id} value={option.id}>
                  {option.label}
                </option>
              ))}
            </select>
          </label>
          <span className="muted" aria-live="polite">
            {shown.length === apps.length ? `${apps.length} apps` : `${shown.length} of ${apps.length} apps`}
          </span>
        </div>
      )}
      {apps.length === 0 && (
        <section className="card">
          <Empty>No app holds access. Approve a consent request, or create a setup snippet in Agent setup.</Empty>
        </section>
      )}
      {searchable && shown.length === 0 && (
        <section className="card">
          <Empty>No app matches “{query}”.</Empty>
        </section>
      )}
      {shown.map((app) => (
        <AppCard
          key={app.clientId}
          app={app}
          lookAlike={sharesName(app, shared)}
          timelineOpen={openTimelines.has(app.clientId)}
          onToggleTimeline={() => toggleTimeline(app.clientId)}
          badges={app.paused && <span className="badge warn">Paused</span>}
          actions={
            <>
              {!app.paused && (
                <button type="button" className="small" onClick={() => setPaused(app, true)}>
                  Pause
                </button>
              )}
              <button type="button" className="small" onClick={() => setEditing(app)}>
                Edit permissions
              </button>
              <button type="button" className="danger small" onClick={() => setConfirm(app)}>
                Revoke
              </button>
            </>
          }
          details={<AppDetails app={app} scopes={app.scopes} />}
        >
          {app.paused && (
            <p className="notice app-paused" role="status">
              <span>Paused by you: everything {app.name} asks is refused until you resume it.</span>
              <button type="button" className="small primary" onClick={() => setPaused(app, false)}>
                Resume
              </button>
            </p>
          )}
          <div className="app-may">
            <AccessSummary scopes={app.scopes} />
            <span className="muted" data-testid="access-lasts">
              Allowed {dateTime(app.authorisedAt)} · {accessLasts(app.expiresAt)}
            </span>
          </div>
        </AppCard>
      ))}
      {revoked.length > 0 && (
        <details className="revoked-apps" data-testid="revoked-apps">
          <summary>Revoked ({revoked.length})</summary>
          <p className="muted">These apps can no longer do anything. What they did stays in the audit log.</p>
          {revoked.map((app) => (
            <AppCard
              key={app.clientId}
              app={app}
              headingLevel={3}
              lookAlike={false}
              timelineOpen={openTimelines.has(app.clientId)}
              onToggleTimeline={() => toggleTimeline(app.clientId)}
              badges={<span className="badge danger">Revoked {dateTime(app.revokedAt)}</span>}
              details={<AppDetails app={app} />}
            />
          ))}
        </details>
      )}
      {editing && <EditPermissions app={editing} onClose={() => setEditing(null)} onSaved={notify} />}
      {confirm && (
        <ConfirmDialog
          title={`Revoke ${confirm.name}?`}
          body={<p>It stops working at once: its next request fails. To use Studio Gateway again it must ask you from scratch. What it did stays in the audit log.</p>}
          confirm="Revoke access"
          danger
          onConfirm={() => revoke(confirm)}
          onCancel={() => setConfirm(null)}
        />
      )}
    </>
  );
}
