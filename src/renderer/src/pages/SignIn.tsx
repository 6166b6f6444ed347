import { PANEL_LIFETIMES } from '../../../shared/panel-auth.ts';

/** The web panel without a session: how to get in, in plain words, and why the owner is here if there is a reason. */
export function SignIn({ message }: { message: string | null }) {
  return (
    <main className="sign-in">
      <section className="card stack" aria-labelledby="sign-in-heading">
        <h1 id="sign-in-heading">Sign in to Studio Gateway</h1>
        {message && (
          <p className="error" role="alert">
            {message}
          </p>
        )}
        <p>
          This browser is not signed in to your studio&apos;s control panel. Open the sign-in link that Studio Gateway printed when it started. Each link
          works once, within {PANEL_LIFETIMES.loginLink / 60} minutes.
        </p>
        <p>For a new link, run this in a terminal on this computer:</p>
        <pre className="snippet">studio-gateway panel-link</pre>
        <p className="muted">There is no password: only such a link signs you in, and other apps on this computer cannot use your sign-in.</p>
      </section>
    </main>
  );
}
