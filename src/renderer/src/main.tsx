import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { isWebPanel } from './api.ts';
import { ErrorBoundary } from './components/ErrorBoundary.tsx';
import { SignIn } from './pages/SignIn.tsx';
import { onSignedOut, startSession, type SignedOut } from './session/panel-session.ts';
import './styles.css';

// Before anything renders: the sign-in link's key leaves the address bar at once, and is used once.
let started = isWebPanel ? startSession() : Promise.resolve(null);

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
  if (state === 'starting') return null;
  if (state) return <SignIn message={state.message} />;
  return <App />;
}

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <ErrorBoundary what="The control panel">
        <Gate />
      </ErrorBoundary>
    </StrictMode>,
  );
}
