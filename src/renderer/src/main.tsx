import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { isWebPanel } from './api.ts';
import { ErrorBoundary } from './components/ErrorBoundary.tsx';
import { createQueryClient } from './data/query-client.ts';
import { SignIn } from './pages/SignIn.tsx';
import { onSignedOut, startSession, type SignedOut } from './session/panel-session.ts';
import './styles.css';

// Before anything renders: the sign-in link's key leaves the address bar at once, and is used once.
let started = isWebPanel ? startSession() : Promise.resolve(null);

const cache = createQueryClient();

/** The desktop window is the owner's own; the web panel shows the sign-in page until this browser holds a session. */
function Gate() {
  const [state, setState] = useState<'starting' | SignedOut | null>('starting');
  useEffect(() => {
    let live = true;
    void started.then((result) => live && setState(result));
    // A new sign-in link opened in this same tab changes only the fragment: no reload, so sign in from here.
    const onHash = () => {
      if (!window.location.hash.startsWith('#login=')) return;
      started = startSession();
      void started.then((result) => live && setState(result));
    };
    window.addEventListener('hashchange', onHash);
    const stop = onSignedOut(setState);
    return () => {
      live = false;
      stop();
      window.removeEventListener('hashchange', onHash);
    };
  }, []);
  // Signed out: nothing the last session read stays in memory for the next one to show.
  const signedOut = state !== null && state !== 'starting';
  useEffect(() => {
    if (signedOut) cache.clear();
  }, [signedOut]);
  if (state === 'starting') return null;
  if (state) return <SignIn message={state.message} />;
  return <App />;
}

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <ErrorBoundary what="The control panel">
        <QueryClientProvider client={cache}>
          <Gate />
        </QueryClientProvider>
      </ErrorBoundary>
    </StrictMode>,
  );
}
