import { useState } from 'react';
import type { ConnectionView, ControlInput, ProviderEndpoints } from '../../../../shared/control-api.ts';
import { CopyButton } from '../../components/ui.tsx';
import { ConnectionForm } from './ConnectionForm.tsx';

const WHERE: Record<'google' | 'zoom', string> = {
  google: 'Google Cloud Console → APIs & Services → Credentials → Create OAuth client ID → Desktop app (enable the Google Calendar API).',
  zoom: 'Zoom App Marketplace → Develop → Build App → General App, with the scopes meeting:write:meeting, meeting:read:meeting and user:read:user.',
};

const ENDPOINT_LABELS: Record<keyof ProviderEndpoints, string> = {
  authorizeUrl: 'Authorization endpoint',
  tokenUrl: 'Token endpoint',
  revokeUrl: 'Revocation endpoint',
  apiBase: 'API base URL',
};

/**
 * The OAuth app the owner registered with Google or Zoom: client ID and secret (the secret is write-only: it is
 * never shown again), the redirect URI to register, and the endpoints (the providers' own by default).
 */
export function AppCredentials(props: {
  provider: 'google' | 'zoom';
  app: NonNullable<ConnectionView['app']>;
  onSave: (input: ControlInput<'connections.configureApp'>) => Promise<boolean>;
  /** Why they cannot be saved now (no keychain), or null. */
  blocked: string | null;
  error: string | null;
}) {
  const { app } = props;
  const [open, setOpen] = useState(!app.configured);
  const [clientId, setClientId] = useState(app.clientId ?? '');
  const [clientSecret, setClientSecret] = useState('');
  const [endpoints, setEndpoints] = useState<ProviderEndpoints>(app.endpoints);

  async function save() {
    const saved = await props.onSave({ provider: props.provider, clientId, ...(clientSecret ? { clientSecret } : {}), ...endpoints });
    if (saved) {
      setClientSecret('');
      setOpen(false);
    }
  }

  return (
    <details open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>App credentials {app.configured ? <span className="badge ok">Saved</span> : <span className="badge warn">needed to connect</span>}</summary>
      <ConnectionForm submit="Save app credentials" marginTop={10} blocked={props.blocked} error={props.error} onSubmit={() => void save()}>
        <p className="muted">Create the app at {WHERE[props.provider]}</p>
        <div className="field">
          <span>Redirect URI to register with the app</span>
          <span className="url">
            <code>{app.redirectUri}</code>
            <CopyButton text={app.redirectUri} />
          </span>
        </div>
        <label className="field">
          Client ID
          <input type="text" required value={clientId} onChange={(e) => setClientId(e.target.value)} autoComplete="off" />
        </label>
        <label className="field">
          Client secret <span className="hint">{app.configured ? 'Saved in the vault. Leave empty to keep it.' : 'Sealed in the vault; never shown again.'}</span>
          <input type="password" required={!app.configured} value={clientSecret} onChange={(e) => setClientSecret(e.target.value)} autoComplete="off" />
        </label>
        <details>
          <summary>Endpoints</summary>
          <div className="stack" style={{ marginTop: 8 }}>
            {(Object.keys(ENDPOINT_LABELS) as (keyof ProviderEndpoints)[]).map((key) => (
              <label key={key} className="field">
                {ENDPOINT_LABELS[key]}
                <input type="url" value={endpoints[key]} onChange={(e) => setEndpoints({ ...endpoints, [key]: e.target.value })} />
              </label>
            ))}
          </div>
        </details>
      </ConnectionForm>
    </details>
  );
}
