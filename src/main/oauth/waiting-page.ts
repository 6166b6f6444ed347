import type { IncomingMessage, ServerResponse } from 'node:http';
import { accessSummary } from '../../shared/access-summary.ts';
import { sendJson, sendOAuthError } from '../http/respond.ts';
import { escapeHtml, page } from './pages.ts';

/**
 * The page an agent's browser shows while the owner decides in the control panel. Its status line (role=status) says
 * what happens; a small script of the gateway's own (same origin, so PAGE_CSP's script-src 'self' allows it: no inline
 * script, no meta refresh) asks the status URL every two seconds and reloads the page once there is an answer, which
 * then carries on to the app. The status URL answers only `{ waiting }`: never a code, a token or the decision.
 */

/** The script's address: no interaction id is made of these characters (oidc-provider's ids are base64url). */
export const WAITING_SCRIPT_PATH = '/interaction/waiting.js';
/** `/interaction/<uid>/status`: whether that authorization still waits for the owner. */
const STATUS_PATH = /^\/interaction\/([A-Za-z0-9_-]{1,128})\/status$/;

const POLL_MS = 2000;

const WAITING_SCRIPT = `// Studio Gateway's waiting page (src/main/oauth/waiting-page.ts): asks whether the owner has decided, then reloads.
(() => {
  const status = document.getElementById('status');
  const url = location.pathname.replace(/\\/+$/, '') + '/status';
  let failures = 0;
  const say = (text) => { if (status && status.lastChild) status.lastChild.textContent = text; };
  async function check() {
    try {
      const response = await fetch(url, { cache: 'no-store', credentials: 'same-origin', headers: { accept: 'application/json' } });
      const answer = response.ok ? await response.json() : null;
      if (answer && answer.waiting === false) {
        say('There is an answer. Taking you back to the app…');
        location.reload();
        return;
      }
      if (failures >= 3) say('Waiting for your decision in Studio Gateway.');
      failures = 0;
    } catch {
      failures += 1;
      if (failures === 3) say('Studio Gateway is not answering. This page keeps trying: check that Studio Gateway is running.');
    }
    setTimeout(check, ${POLL_MS});
  }
  setTimeout(check, ${POLL_MS});
})();
`;

export interface WaitingPageInput {
  clientName: string;
  /** The domain that published the app's details (a client metadata document), or null: unverified. */
  verifiedDomain?: string | null;
  answersOnThisComputer?: boolean;
  redirectHost: string;
  scopes: { name: string; meaning: string }[];
}

function badgeOf(input: WaitingPageInput): string {
  if (!input.verifiedDomain) return '<span class="badge">unverified</span>';
  if (input.answersOnThisComputer) return `<span class="badge">details from ${escapeHtml(input.verifiedDomain)}</span>`;
  return `<span class="badge ok">Verified: ${escapeHtml(input.verifiedDomain)}</span>`;
}

/** Who the app is, in one sentence (the same words as the consent dialog). */
function whoSentence(input: WaitingPageInput): string {
  if (!input.verifiedDomain) return "Studio Gateway can't confirm who made this app — only approve it if you just set it up yourself.";
  if (input.answersOnThisComputer) {
    return `Its name and details come from ${escapeHtml(input.verifiedDomain)}, but another program on this computer could use the same details — only approve it if you just set it up yourself.`;
  }
  return `Studio Gateway checked that ${escapeHtml(input.verifiedDomain)} publishes this app's name and details.`;
}

/** What the app asks for, in one line, risky parts marked in words and weight. */
function summaryOf(scopes: WaitingPageInput['scopes']): string {
  const parts = accessSummary(scopes.map((s) => s.name));
  if (parts.length === 0) return 'It asks only to connect.';
  const text = parts.map((part, i) => {
    const words = escapeHtml(i === 0 ? part.text.charAt(0).toUpperCase() + part.text.slice(1) : part.text);
    return part.risk ? `<strong class="risky">${words}</strong>` : words;
  });
  return `If you approve all it asks for: ${text.join(' · ')}.`;
}

export function renderWaitingPage(input: WaitingPageInput): string {
  const scopes = input.scopes.map((s) => `<code>${escapeHtml(s.name)}</code> ${escapeHtml(s.meaning)}`).join('<br>');
  return page(
    'Waiting for approval',
    `<h1>Waiting for your approval in Studio Gateway</h1>
     <p><strong>${escapeHtml(input.clientName)}</strong> ${badgeOf(input)} asks for access to your studio.</p>
     <p class="muted">${whoSentence(input)}</p>
     <p class="summary">${summaryOf(input.scopes)}</p>
     <p id="status" class="status" role="status" aria-live="polite"><span class="spinner" aria-hidden="true"></span><span>Waiting for your decision. Open Studio Gateway to approve or deny; this page carries on by itself once you decide.</span></p>
     <noscript><p>This page cannot check by itself with scripts off: once you have decided, <a href="">check again</a>.</p></noscript>
     <details><summary>Details</summary><dl>
       <dt>Redirects to</dt><dd><code>${escapeHtml(input.redirectHost)}</code></dd>
       <dt>Scopes</dt><dd>${scopes}</dd>
     </dl></details>`,
    { script: WAITING_SCRIPT_PATH },
  );
}

/** The interaction id a status request names, or undefined when the path is not one. */
export function statusRequestUid(path: string): string | undefined {
  return STATUS_PATH.exec(path)?.[1];
}

function onlyGet(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method === 'GET' || req.method === 'HEAD') return true;
  sendOAuthError(res, 405, 'invalid_request', 'use GET', { Allow: 'GET, HEAD' });
  return false;
}

/** GET /interaction/waiting.js */
export function sendWaitingScript(req: IncomingMessage, res: ServerResponse): void {
  if (!onlyGet(req, res)) return;
  res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Content-Length': Buffer.byteLength(WAITING_SCRIPT) });
  res.end(WAITING_SCRIPT);
}

/** GET /interaction/<uid>/status: `{ waiting }`, true only while that browser's authorization waits for the owner. */
export function sendWaitingStatus(req: IncomingMessage, res: ServerResponse, waiting: () => Promise<boolean>): Promise<void> | void {
  if (!onlyGet(req, res)) return;
  return waiting().then((answer) => sendJson(res, 200, { waiting: answer }));
}
