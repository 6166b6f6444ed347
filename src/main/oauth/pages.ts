/** Server-rendered pages the browser sees during authorization. No script: they work under the strictest CSP. */

export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const STYLE = `
  :root { color-scheme: light dark; font-family: system-ui, sans-serif; }
  body { margin: 0; display: grid; place-items: center; min-height: 100vh; background: Canvas; color: CanvasText; }
  main { max-width: 36rem; padding: 2rem; }
  h1 { font-size: 1.4rem; margin: 0 0 1rem; }
  .muted { opacity: .75; }
  .badge { font-size: .75rem; padding: .1rem .4rem; border-radius: .3rem; background: #f4d35e; color: #222; }
  .badge.ok { background: #9be3b0; }
  ul { padding-left: 1.2rem; }
  code { font-size: .9em; }
`;

export function page(title: string, body: string, options: { refreshSeconds?: number } = {}): string {
  const refresh = options.refreshSeconds ? `<meta http-equiv="refresh" content="${options.refreshSeconds}">` : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">${refresh}
<title>${escapeHtml(title)} · Studio Gateway</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`;
}

/** An OAuth error that cannot be sent back to the client (unknown client, bad redirect_uri…): never redirects. */
export function renderErrorPage(error: string, description?: string): string {
  return page(
    'Authorization failed',
    `<h1>This authorization request cannot continue</h1>
     <p><code>${escapeHtml(error)}</code>${description ? `: ${escapeHtml(description)}` : ''}</p>
     <p class="muted">Nothing was shared with the app. Start again from the app that sent you here.</p>`,
  );
}

export interface WaitingPageInput {
  clientName: string;
  /** The domain that published the app's details (a client metadata document), or null: unverified. */
  verifiedDomain?: string | null;
  answersOnThisComputer?: boolean;
  redirectHost: string;
  scopes: { name: string; meaning: string }[];
}

/** Shown while the owner decides in the control panel; reloads itself until there is a decision. */
export function renderWaitingPage(input: WaitingPageInput): string {
  const scopes = input.scopes.map((s) => `<li><code>${escapeHtml(s.name)}</code> ${escapeHtml(s.meaning)}</li>`).join('');
  const badge = !input.verifiedDomain
    ? '<span class="badge">unverified</span>'
    : input.answersOnThisComputer
      ? `<span class="badge">details from ${escapeHtml(input.verifiedDomain)}</span>`
      : `<span class="badge ok">Verified: ${escapeHtml(input.verifiedDomain)}</span>`;
  return page(
    'Waiting for approval',
    `<h1>Waiting for your approval in Studio Gateway</h1>
     <p><strong>${escapeHtml(input.clientName)}</strong> ${badge} asks for access to your studio.
     It will receive the answer at <code>${escapeHtml(input.redirectHost)}</code>.</p>
     <p>Open the Studio Gateway control panel to approve or deny. This page continues on its own once you decide.</p>
     <details><summary>What it asks for</summary><ul>${scopes}</ul></details>`,
    { refreshSeconds: 2 },
  );
}
