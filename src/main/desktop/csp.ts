import { PANEL_CSP } from '../http/respond.ts';

/**
 * The panel window's Content-Security-Policy for how it is loaded. Built (file:// or the headless /panel/): the
 * panel's strict policy. `npm run dev` (the Vite dev server, ELECTRON_RENDERER_URL): the React plugin injects an
 * inline preamble and hot reload talks over a WebSocket, so the dev policy allows exactly those, from that server
 * only — never in a packaged app.
 */
export function rendererCsp(devServerUrl?: string): string {
  if (!devServerUrl) return PANEL_CSP;
  const dev = new URL(devServerUrl);
  const ws = `ws://${dev.host}`;
  return PANEL_CSP.replace("script-src 'self'", `script-src 'self' 'unsafe-inline' ${dev.origin}`).replace("connect-src 'self'", `connect-src 'self' ${dev.origin} ${ws}`);
}

/**
 * The policy as a `<meta>` tag for the built index.html: response headers may not apply to file:// pages. A meta
 * policy cannot carry frame-ancestors (CSP Level 3 §6.4.2: ignored there), which stays in the header.
 */
export function cspMetaTag(): string {
  const policy = PANEL_CSP.split(';')
    .map((directive) => directive.trim())
    .filter((directive) => !directive.startsWith('frame-ancestors'))
    .join('; ');
  return `<meta http-equiv="Content-Security-Policy" content="${policy}" />`;
}
