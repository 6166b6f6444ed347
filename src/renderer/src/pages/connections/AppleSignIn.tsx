import { useState } from 'react';
import type { ControlInput } from '../../../../shared/control-api.ts';
import { ConnectionForm } from './ConnectionForm.tsx';

/**
 * Apple has no OAuth for calendars: the owner makes an app-specific password at appleid.apple.com and pastes it
 * here with the Apple ID email (Connections seed, "Apple Calendar").
 */
export function AppleSignIn({ onSubmit, blocked, error }: { onSubmit: (input: ControlInput<'connections.connectApple'>) => Promise<boolean>; blocked: string | null; error: string | null }) {
  const [email, setEmail] = useState('');
  const [appPassword, setAppPassword] = useState('');
  const [serverUrl, setServerUrl] = useState('');

  return (
    <ConnectionForm
      label="Connect Apple Calendar"
      submit="Connect Apple Calendar"
      blocked={blocked}
      error={error}
      onSubmit={() => void onSubmit({ email, appPassword, ...(serverUrl ? { serverUrl } : {}) }).then((ok) => ok && setAppPassword(''))}
    >
      <ol className="muted steps">
        <li>Sign in at appleid.apple.com with the Apple ID you use for iCloud Calendar (two-factor authentication must be on).</li>
        <li>Open Sign-In and Security → App-Specific Passwords, and generate one labelled "Studio Gateway".</li>
        <li>Copy the password Apple shows once (it looks like xxxx-xxxx-xxxx-xxxx) and paste it below.</li>
      </ol>
      <label className="field">
        Apple ID email
        <input type="email" required value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="off" />
      </label>
      <label className="field">
        App-specific password
        <input type="password" required placeholder="xxxx-xxxx-xxxx-xxxx" value={appPassword} onChange={(e) => setAppPassword(e.target.value)} autoComplete="off" />
      </label>
      <details>
        <summary>CalDAV server</summary>
        <label className="field" style={{ marginTop: 8 }}>
          Server URL <span className="hint">Empty: iCloud (https://caldav.icloud.com).</span>
          <input type="url" value={serverUrl} onChange={(e) => setServerUrl(e.target.value)} placeholder="https://caldav.icloud.com" />
        </label>
      </details>
    </ConnectionForm>
  );
}
