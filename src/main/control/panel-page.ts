import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ConnectedClient, ConsentRequestView } from '../../shared/control-api.ts';
import { readBody, redirect, RequestBodyError, sendHtml } from '../http/respond.ts';
import { escapeHtml, page } from '../oauth/pages.ts';
import { isSameOriginOwnerRequest } from './http-transport.ts';
import type { OwnerSessions } from './owner-session.ts';
import type { ControlRegistry } from './registry.ts';

/**
 * A minimal server-rendered control panel: pending consent requests (Approve all / Approve selected / Deny)
 * and connected apps (Revoke). Its forms go through the same control registry as every other panel.
 */
export function createPanelPage(options: { registry: ControlRegistry; sessions: OwnerSessions; selfOrigins: ReadonlySet<string> }) {
  const { registry, sessions, selfOrigins } = options;
  const caller = { channel: 'web-panel' } as const;

  function consentForm(request: ConsentRequestView, csrf: string): string {
    const scopes = request.requestedScopes
      .map((s) => {
        const lock = s.required ? ' checked disabled' : ' checked';
        const hidden = s.required ? `<input type="hidden" name="scopes" value="${escapeHtml(s.name)}">` : '';
        return `<li><label><input type="checkbox" name="scopes" value="${escapeHtml(s.name)}"${lock}> <code>${escapeHtml(s.name)}</code> ${escapeHtml(s.meaning)}${s.required ? ' (required)' : ''}</label>${hidden}</li>`;
      })
      .join('');
    const ignored = request.ignoredScopes.length
      ? `<p class="muted">Ignored (unknown or reserved): ${request.ignoredScopes.map(escapeHtml).join(', ')}</p>`
      : '';
    const website = request.website ? ` · <a href="${escapeHtml(request.website)}" rel="noreferrer noopener">${escapeHtml(request.website)}</a>` : '';
    return `<form method="post" action="/panel/action" class="card" data-request-id="${escapeHtml(request.id)}">
      <h3>${escapeHtml(request.clientName)} <span class="badge">unverified</span></h3>
      <p class="muted">Redirects to ${escapeHtml(request.redirectHost)}${website}</p>
      <ul class="plain">${scopes}</ul>${ignored}
      <input type="hidden" name="csrf" value="${escapeHtml(csrf)}">
      <input type="hidden" name="requestId" value="${escapeHtml(request.id)}">
      <button name="decision" value="approve-all">Approve all</button>
      <button name="decision" value="approve-selected">Approve selected</button>
      <button name="decision" value="deny">Deny</button>
    </form>`;
  }

  function clientRow(client: ConnectedClient, csrf: string): string {
    return `<tr data-client-id="${escapeHtml(client.clientId)}"><td>${escapeHtml(client.name)}</td><td>${escapeHtml(client.authorisedAt)}</td>
      <td>${client.scopes.map((s) => `<code>${escapeHtml(s)}</code>`).join(' ')}</td><td>${escapeHtml(client.lastUsedAt ?? 'never')}</td>
      <td><form method="post" action="/panel/action"><input type="hidden" name="csrf" value="${escapeHtml(csrf)}">
      <input type="hidden" name="clientId" value="${escapeHtml(client.clientId)}"><button name="decision" value="revoke">Revoke</button></form></td></tr>`;
  }

  async function render(res: ServerResponse, csrf: string, notice: string | null): Promise<void> {
    const [status, pending, clients] = await Promise.all([
      registry.call('gateway.status', {}, caller),
      registry.call('consent.list', {}, caller),
      registry.call('clients.list', {}, caller),
    ]);
    const mcpUrl = status.ok ? status.result.mcpUrl : '';
    const requests = pending.ok && pending.result.length ? pending.result.map((r) => consentForm(r, csrf)).join('') : '<p class="muted">No pending requests.</p>';
    const rows = clients.ok && clients.result.length
      ? `<table><tr><th>App</th><th>Authorised</th><th>Scopes</th><th>Last used</th><th></th></tr>${clients.result.map((c) => clientRow(c, csrf)).join('')}</table>`
      : '<p class="muted">No connected apps.</p>';
    sendHtml(res, 200, page('Control panel', `<h1>Studio Gateway</h1>
      ${notice ? `<p role="status">${escapeHtml(notice)}</p>` : ''}
      <p>MCP URL: <code>${escapeHtml(mcpUrl)}</code></p>
      <h2>Consent requests</h2>${requests}
      <h2>Connected apps</h2>${rows}`));
  }

  async function act(req: IncomingMessage, csrfOk: (value: string | undefined) => boolean): Promise<string> {
    const form = new URLSearchParams((await readBody(req, 16 * 1024)).toString('utf8'));
    if (!csrfOk(form.get('csrf') ?? undefined)) return 'Refused: the form is stale. Reload the page and try again.';
    const decision = form.get('decision');
    if (decision === 'revoke') {
      const result = await registry.call('clients.revoke', { clientId: form.get('clientId') }, caller);
      return result.ok ? 'Revoked.' : result.error.message;
    }
    const result = await registry.call('consent.decide', {
      requestId: form.get('requestId'),
      decision: decision === 'deny' ? 'deny' : 'approve',
      ...(decision === 'approve-selected' ? { scopes: form.getAll('scopes') } : {}),
    }, caller);
    return result.ok ? `Request ${result.result.status}.` : result.error.message;
  }

  return async function handlePanel(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const session = sessions.sessionOf(req);
    if (!session) {
      sendHtml(res, 401, page('Sign in', `<h1>Studio Gateway</h1><p>Open the control panel with the owner login link printed when the gateway started,
        or run <code>studio-gateway panel-link</code> for a new one.</p>`));
      return;
    }
    if (path === '/panel' && req.method === 'GET') {
      const notice = new URL(req.url ?? '/', 'http://x').searchParams.get('notice');
      await render(res, session.csrfToken, notice);
      return;
    }
    if (path === '/panel/action' && req.method === 'POST') {
      if (!isSameOriginOwnerRequest(req, selfOrigins)) {
        sendHtml(res, 403, page('Refused', '<h1>Cross-site request refused</h1>'));
        return;
      }
      let notice: string;
      try {
        notice = await act(req, (value) => sessions.csrfMatches(session, value));
      } catch (err) {
        if (!(err instanceof RequestBodyError)) throw err;
        notice = err.message;
      }
      redirect(res, `/panel?notice=${encodeURIComponent(notice)}`);
      return;
    }
    sendHtml(res, 404, page('Not found', '<h1>Not found</h1>'));
  };
}
