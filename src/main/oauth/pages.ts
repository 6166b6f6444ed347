/**
 * Server-rendered pages the browser sees during authorization and sign-ins, in the control panel's look (its colours,
 * type and cards, light or dark as the system is). No inline script: they work under PAGE_CSP (http/respond.ts); a
 * page that needs a script names one of the gateway's own files (`script`, same origin).
 */

export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The panel's colours (src/renderer/src/styles.css), for pages served outside it. */
const STYLE = `
  :root { color-scheme: light dark; --bg: #f6f7f9; --surface: #fff; --surface-2: #f0f2f5; --border: #e2e5ea; --text: #1c2430;
    --muted: #5d6878; --accent: #0f766e; --warn: #a15c07; --warn-soft: #fff4e0; --ok: #157f3d; --ok-soft: #e6f6ec;
    --danger: #b42318; --focus: #2563eb; }
  @media (prefers-color-scheme: dark) { :root { --bg: #0f1418; --surface: #161d23; --surface-2: #1d262e; --border: #2a343e;
    --text: #e6ebef; --muted: #9aa7b4; --accent: #2dd4bf; --warn: #fdb022; --warn-soft: #36280c; --ok: #4ade80;
    --ok-soft: #12301f; --danger: #f97066; --focus: #60a5fa; } }
  * { box-sizing: border-box; }
  body { margin: 0; min-height: 100vh; display: grid; place-items: center; padding: 24px; background: var(--bg); color: var(--text);
    font: 15px/1.55 'Inter', system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; }
  .frame { width: min(560px, 100%); display: flex; flex-direction: column; gap: 14px; }
  .brand { display: flex; align-items: center; gap: 10px; font-weight: 700; font-size: 16px; }
  main { background: var(--surface); border: 1px solid var(--border); border-radius: 14px; padding: 24px 28px;
    box-shadow: 0 1px 2px rgb(16 24 40 / 6%), 0 1px 3px rgb(16 24 40 / 8%); }
  h1 { font-size: 1.35rem; line-height: 1.3; margin: 0 0 12px; }
  p { margin: 0 0 12px; }
  a { color: var(--accent); }
  :focus-visible { outline: 2px solid var(--focus); outline-offset: 2px; }
  .muted { color: var(--muted); }
  .badge { display: inline-block; white-space: nowrap; padding: 1px 8px; border-radius: 999px; font-size: 12px; font-weight: 600;
    background: var(--warn-soft); color: var(--warn); }
  .badge.ok { background: var(--ok-soft); color: var(--ok); }
  .summary { padding: 10px 14px; border-radius: 10px; background: var(--surface-2); border: 1px solid var(--border); font-weight: 600; }
  .risky { color: var(--danger); }
  .risky::before { content: '⚠ '; }
  .status { display: flex; align-items: center; gap: 10px; font-weight: 600; }
  .spinner { flex: none; width: 16px; height: 16px; border-radius: 50%; border: 2px solid var(--border); border-top-color: var(--accent);
    animation: spin 1s linear infinite; }
  @keyframes spin { to { transform: rotate(360deg); } }
  @media (prefers-reduced-motion: reduce) { .spinner { animation: none; } }
  details { margin-top: 8px; }
  summary { cursor: pointer; font-weight: 600; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 8px 0 0; }
  dt { color: var(--muted); }
  dd { margin: 0; overflow-wrap: anywhere; }
  code { font: 12.5px ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace; }
`;

const LOGO = `<svg width="26" height="26" viewBox="0 0 32 32" aria-hidden="true"><path d="M16 4c3 4 4.5 8 4.5 11.5S19 23 16 26c-3-3-4.5-7-4.5-10.5S13 8 16 4z" fill="#2dd4bf"/><path d="M4 14c5 0 8.5 2 10.5 5.5S16 26 16 26c-4.5 0-8-1.5-10-4.5S4 14 4 14zm24 0c-5 0-8.5 2-10.5 5.5S16 26 16 26c4.5 0 8-1.5 10-4.5S28 14 28 14z" fill="#0f766e"/></svg>`;

/** A page of the gateway's own: `body` is trusted HTML (escape what comes from outside); `script`, a same-origin path. */
export function page(title: string, body: string, options: { script?: string } = {}): string {
  const script = options.script ? `<script src="${escapeHtml(options.script)}" defer></script>` : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Studio Gateway</title><style>${STYLE}</style>${script}</head>
<body><div class="frame"><div class="brand">${LOGO} Studio Gateway</div><main>${body}</main></div></body></html>`;
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
