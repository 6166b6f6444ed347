import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ConsentRequestView, GatewaySettings } from '../../shared/control-api.ts';
import { PANEL_PAGES, type PanelPagePath } from '../../shared/panel-pages.ts';
import { ErrorBoundary } from './components/ErrorBoundary.tsx';
import { reads } from './data/reads.ts';
import { AgentSetup } from './pages/AgentSetup.tsx';
import { Approvals } from './pages/Approvals.tsx';
import { ApprovalDialog } from './pages/approvals/ApprovalDialog.tsx';
import { AuditLog } from './pages/AuditLog.tsx';
import { ConnectedApps } from './pages/ConnectedApps.tsx';
import { Connections } from './pages/Connections.tsx';
import { ConsentList } from './pages/ConsentList.tsx';
import { ConsentModal } from './pages/ConsentModal.tsx';
import { DemoBanner, FirstRun } from './pages/FirstRun.tsx';
import { Overview } from './pages/Overview.tsx';
import { Settings } from './pages/Settings.tsx';


/** The page of `#/<page>[?request=<consent id>]` (a notification or deep link may name the decision to open). */
function currentPage(): PanelPagePath {
  const path = window.location.hash.replace(/^#\//, '').split('?')[0];
  return PANEL_PAGES.some((p) => p.path === path) ? (path as PanelPagePath) : 'overview';
}

function requestedDecision(): string | null {
  return new URLSearchParams(window.location.hash.split('?')[1] ?? '').get('request');
}

function applyTheme(theme: GatewaySettings['theme'] | undefined): void {
  const dark = theme === 'dark' || (theme !== 'light' && window.matchMedia('(prefers-color-scheme: dark)').matches);
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
}

function Logo() {
  return (
    <svg width="26" height="26" viewBox="0 0 32 32" aria-hidden>
      <path d="M16 4c3 4 4.5 8 4.5 11.5S19 23 16 26c-3-3-4.5-7-4.5-10.5S13 8 16 4z" fill="#2dd4bf" />
      <path d="M4 14c5 0 8.5 2 10.5 5.5S16 26 16 26c-4.5 0-8-1.5-10-4.5S4 14 4 14zm24 0c-5 0-8.5 2-10.5 5.5S16 26 16 26c4.5 0 8-1.5 10-4.5S28 14 28 14z" fill="#0f766e" />
    </svg>
  );
}

export function App() {
  const [page, setPage] = useState<PanelPagePath>(currentPage);
  const [reviewing, setReviewing] = useState<string | null>(null);
  const [dismissed, setDismissed] = useState<Set<string>>(() => new Set());
  const [toast, setToast] = useState<string | null>(null);
  const [menuOpen, setMenuOpen] = useState(false);

  const status = useQuery(reads.status);
  const pending = useQuery(reads.consentRequests);
  const heldCalls = useQuery(reads.heldCalls);
  const settings = useQuery(reads.settings);

  useEffect(() => {
    const onHash = () => {
      setPage(currentPage());
      const request = requestedDecision();
      if (request) {
        setDismissed((d) => new Set([...d].filter((x) => x !== request)));
        setReviewing(request);
      }
    };
    onHash();
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  useEffect(() => applyTheme(settings.data?.theme), [settings.data?.theme]);

  // A new request opens the consent dialog by itself (the owner is the only one who can answer it).
  const requests: ConsentRequestView[] = useMemo(() => pending.data ?? [], [pending.data]);
  useEffect(() => {
    // The request being shown was decided (here or elsewhere) or replaced: the next one opens by itself.
    if (reviewing && requests.some((r) => r.id === reviewing)) return;
    const next = requests.find((r) => !dismissed.has(r.id));
    setReviewing(next?.id ?? null);
  }, [requests, reviewing, dismissed]);

  const notify = useCallback((message: string) => {
    setToast(message);
    setTimeout(() => setToast(null), 3500);
  }, []);

  const current = PANEL_PAGES.find((p) => p.path === page) ?? PANEL_PAGES[0];
  const gateway = status.data;
  const reviewRequest = requests.find((r) => r.id === reviewing);
  const counts: Partial<Record<PanelPagePath, number>> = { consent: requests.length, approvals: heldCalls.data?.length ?? 0 };
  const waiting = Object.values(counts).reduce((sum, n) => sum + n, 0);

  return (
    <div className="app">
      <nav
        className="sidebar"
        aria-label="Sections"
        onKeyDown={(e) => {
          if (e.key !== 'Escape' || !menuOpen) return;
          setMenuOpen(false);
          e.currentTarget.querySelector<HTMLElement>('.nav-toggle')?.focus();
        }}
      >
        <div className="brand">
          <Logo /> Studio Gateway
        </div>
        {/* Narrow windows and 200 % zoom: the sections fold behind one button, so the header stays one line. */}
        <button type="button" className="nav-toggle small" aria-expanded={menuOpen} aria-controls="nav-links" onClick={() => setMenuOpen((open) => !open)}>
          {menuOpen ? 'Close menu' : 'Menu'}
          {!menuOpen && waiting > 0 && <span className="nav-count" aria-label={`${waiting} waiting`}>{waiting}</span>}
        </button>
        <div id="nav-links" className="nav-links" data-open={menuOpen}>
          {PANEL_PAGES.map((p) => (
            <a key={p.path} className="nav-link" href={`#/${p.path}`} aria-current={p.path === page ? 'page' : undefined} onClick={() => setMenuOpen(false)}>
              {p.title}
              {counts[p.path] ? <span className="nav-count" aria-label={`${counts[p.path]} waiting`}>{counts[p.path]}</span> : null}
            </a>
          ))}
        </div>
        <div className="sidebar-foot">Runs only on this computer</div>
      </nav>
      <div className="main">
        <header className="topbar">
          <h1>{current.title}</h1>
          {gateway && <span className={`pill ${gateway.paused ? 'paused' : 'running'}`}>{gateway.paused ? 'Agents paused' : 'Running'}</span>}
        </header>
        {gateway?.workspace === 'demo' && <DemoBanner />}
        <main className="content">
          <ErrorBoundary key={page} what={`The ${current.title} page`}>
            {page === 'overview' && (
              <Overview
                pending={requests}
                onReview={(id) => {
                  setDismissed((d) => new Set([...d].filter((x) => x !== id)));
                  setReviewing(id);
                }}
              />
            )}
            {page === 'consent' && <ConsentList pending={requests} onReview={(id) => setReviewing(id)} />}
            {page === 'apps' && <ConnectedApps notify={notify} />}
            {page === 'setup' && <AgentSetup />}
            {page === 'approvals' && <Approvals notify={notify} />}
            {page === 'audit' && <AuditLog />}
            {page === 'connections' && <Connections notify={notify} />}
            {page === 'settings' && <Settings notify={notify} />}
          </ErrorBoundary>
        </main>
      </div>
      {reviewRequest && (
        <ErrorBoundary key={reviewRequest.id} what="This consent request">
          <ConsentModal
            request={reviewRequest}
            waiting={requests}
            onShow={setReviewing}
            onDone={(message) => {
              if (message) notify(message);
              // Decided: the next waiting one opens by itself. Closed ("Decide later"): none of those waiting opens again
              // by itself (Review on the Overview or the Consent requests page reopens one); a new request still does.
              const closed = message ? [reviewRequest.id] : requests.map((r) => r.id);
              setDismissed((d) => new Set([...d, ...closed]));
              setReviewing(null);
            }}
          />
        </ErrorBoundary>
      )}
      {/* A held call opens its dialog on any page; it also keeps the tab's title counting what waits. */}
      {gateway?.workspace !== 'new' && <ApprovalDialog notify={notify} />}
      {gateway?.workspace === 'new' && <FirstRun />}
      {toast && (
        <div className="toast" role="status">
          {toast}
        </div>
      )}
    </div>
  );
}
