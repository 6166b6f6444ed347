import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { InstallResult, MintedToken } from '../../../shared/control-api.ts';
import { BUNDLES, RESOURCES, SCOPES, type BundleId } from '../../../shared/scopes.ts';
import { INSTALL_CLIENTS, serverName, SNIPPET_CLIENTS, snippetFor, type InstallClient, type SnippetClient } from '../../../shared/snippets.ts';
import { CopyButton, ErrorNote, RESOURCE_LABELS, ScopeGroups } from '../components/ui.tsx';
import { useInstallInClient, useMintToken } from '../data/changes.ts';
import { reads } from '../data/reads.ts';
import { dateTime } from '../lib/format.ts';
import { useAction } from '../lib/use-action.ts';
import { InstallHint, InstallOutcome, SecretValue } from './agent-setup/InstallOutcome.tsx';

const EXPIRY_DAYS = [7, 30, 90, 365];
const GRANTABLE = SCOPES.filter((s) => s.resource || s.name === 'read:public');

const installable = (client: SnippetClient): client is InstallClient => (INSTALL_CLIENTS as readonly string[]).includes(client);

/**
 * Agent setup (verxion style): a bundle, a client and an expiry give a ready snippet with its own token, or install it
 * in the client in one click (src/main/install/). Headings and explanations are in the owner's words; the OAuth scope
 * names are one click away under "Details for developers".
 */
export function AgentSetup() {
  const { data: status } = useQuery(reads.status);
  const targets = useQuery(reads.installTargets);
  const mint = useMintToken();
  const installIn = useInstallInClient();
  const [bundle, setBundle] = useState<BundleId | 'custom'>('default');
  const [custom, setCustom] = useState<Set<string>>(() => new Set(['read:profile', 'read:classes']));
  const [client, setClient] = useState<SnippetClient>('claude-desktop');
  const [days, setDays] = useState(30);
  const [name, setName] = useState('Claude Desktop');
  const [minted, setMinted] = useState<MintedToken | null>(null);
  const [installed, setInstalled] = useState<InstallResult | null>(null);
  const [busy, setBusy] = useState(false);
  const { error, run } = useAction();
  const target = targets.data?.find((t) => t.client === client);
  const mcpUrl = status?.mcpUrl ?? '';
  const mintInput = () => (bundle === 'custom' ? { bundle, scopes: [...custom], clientName: name, expiresInDays: days } : { bundle, clientName: name, expiresInDays: days });

  /** Runs one of the two ways to get the token (a snippet or an install), showing only its outcome. */
  async function attempt(action: () => Promise<void>) {
    setMinted(null);
    setInstalled(null);
    setBusy(true);
    await run(action);
    setBusy(false);
  }
  const create = () => attempt(async () => setMinted(await mint.mutateAsync(mintInput())));
  const install = (to: InstallClient) => attempt(async () => setInstalled(await installIn.mutateAsync({ client: to, ...mintInput() })));

  const withToken = minted && snippetFor(client, minted.mcpUrl, serverName(client, minted.clientName), minted.token);
  const oauth = snippetFor(client, mcpUrl, serverName(client, null), null);
  const incomplete = !name.trim() || (bundle === 'custom' && custom.size === 0);
  const chosen = bundle === 'custom' ? [...custom] : (BUNDLES.find((b) => b.id === bundle)?.scopes ?? []);

  return (
    <>
      <section className="card stack" aria-labelledby="bundle-heading">
        <h2 id="bundle-heading">1. What may the agent do?</h2>
        <div className="grid" role="radiogroup" aria-label="What the agent may do">
          {[...BUNDLES.map((b) => ({ id: b.id as BundleId | 'custom', label: b.label, description: b.description })), { id: 'custom' as const, label: 'Custom', description: 'Pick each permission yourself.' }].map((b) => (
            <label key={b.id} className="card checkbox" style={{ boxShadow: 'none', borderColor: bundle === b.id ? 'var(--accent)' : undefined }}>
              <input type="radio" name="bundle" value={b.id} checked={bundle === b.id} onChange={() => setBundle(b.id)} />
              <span className="stack" style={{ gap: 2 }}>
                <strong>{b.label}</strong>
                <span className="muted">{b.description}</span>
              </span>
            </label>
          ))}
        </div>
        {bundle !== 'custom' && <ScopeGroups scopes={chosen} />}
        {bundle === 'custom' && (
          <fieldset className="grid" style={{ border: 0, padding: 0, margin: 0 }}>
            <legend className="sr-only">Permissions</legend>
            {[...RESOURCES, 'public' as const].map((resource) => (
              <div key={resource} className="stack" role="group" aria-labelledby={`custom-${resource}`} style={{ gap: 0 }}>
                <span id={`custom-${resource}`} className="group-label">
                  {resource === 'public' ? 'Public directory' : RESOURCE_LABELS[resource]}
                </span>
                {GRANTABLE.filter((s) => (s.resource ?? 'public') === resource).map((s) => (
                  <label key={s.name} className="checkbox">
                    <input
                      type="checkbox"
                      checked={custom.has(s.name)}
                      onChange={(e) => {
                        const next = new Set(custom);
                        if (e.target.checked) next.add(s.name);
                        else next.delete(s.name);
                        setCustom(next);
                      }}
                    />
                    <span>{s.meaning}</span>
                  </label>
                ))}
              </div>
            ))}
          </fieldset>
        )}
        <details>
          <summary>Details for developers</summary>
          <p className="muted" style={{ margin: '6px 0 0' }}>
            OAuth scopes the key carries: {chosen.map((name) => <code key={name} className="scope-code" style={{ marginRight: 4 }}>{name}</code>)}
          </p>
        </details>
      </section>

      <section className="card stack" aria-labelledby="client-heading">
        <h2 id="client-heading">2. Which app will use it?</h2>
        <div className="segmented" role="group" aria-label="App">
          {SNIPPET_CLIENTS.map((c) => (
            <button
              key={c.id}
              type="button"
              aria-pressed={client === c.id}
              onClick={() => {
                setClient(c.id);
                setName(c.id === 'generic' ? 'My agent' : c.label);
                setMinted(null);
                setInstalled(null);
              }}
            >
              {c.label}
            </button>
          ))}
        </div>
        <div className="row" style={{ alignItems: 'flex-end' }}>
          <label className="field">
            Name under Connected apps
            <input type="text" value={name} maxLength={80} onChange={(e) => setName(e.target.value)} />
          </label>
          <label className="field">
            Access lasts
            <select value={days} onChange={(e) => setDays(Number(e.target.value))}>
              {EXPIRY_DAYS.map((d) => (
                <option key={d} value={d}>
                  {d} days
                </option>
              ))}
            </select>
          </label>
          {installable(client) && (
            <button type="button" className="primary" onClick={() => void install(client)} disabled={incomplete || busy || target?.available === false}>
              Install in {SNIPPET_CLIENTS.find((c) => c.id === client)?.label}
            </button>
          )}
          <button type="button" className={installable(client) ? undefined : 'primary'} onClick={() => void create()} disabled={incomplete || busy}>
            Create snippet
          </button>
        </div>
        {installable(client) && target && <InstallHint target={target} />}
        <ErrorNote error={error} />
      </section>

      {minted && withToken && (
        <section className="card stack" aria-labelledby="snippet-heading">
          <div className="card-head">
            <h2 id="snippet-heading">3. Paste it into {SNIPPET_CLIENTS.find((c) => c.id === client)?.label}</h2>
            <CopyButton text={withToken.text} label="Copy snippet" />
          </div>
          <p className="muted" style={{ margin: 0 }}>
            {withToken.where} It holds an access key for <strong>{minted.clientName}</strong>, valid until {dateTime(minted.expiresAt)}. This is the only time the key is
            shown; revoke it any time under Connected apps.
          </p>
          <pre className="snippet" aria-label="Snippet with access key" data-testid="snippet">
            {withToken.text}
          </pre>
          {withToken.secret && <SecretValue label={withToken.secret.label} value={withToken.secret.value} />}
        </section>
      )}

      {installed && <InstallOutcome result={installed} />}

      <section className="card stack" aria-labelledby="oauth-heading">
        <div className="card-head">
          <h2 id="oauth-heading">Or let the app ask you for access</h2>
          <CopyButton text={oauth.text} label="Copy" />
        </div>
        <p className="muted" style={{ margin: 0 }}>
          No key to paste: the app finds Studio Gateway from this address and asks you here what it may do; you choose. {oauth.where}
        </p>
        <pre className="snippet" aria-label="Snippet without a key">
          {oauth.text}
        </pre>
      </section>
    </>
  );
}
