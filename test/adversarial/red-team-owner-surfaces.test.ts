import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePanelKey, signRequest } from '../../src/shared/panel-auth.ts';
import { startTestGateway, type TestGateway } from '../support/gateway.ts';
import { postMcp, toolCall } from '../support/mcp-agent.ts';
import { codeFlow, exchange, refresh } from '../support/oauth.ts';

// The owner's new surfaces (per-app pause, Edit permissions, the waiting page's status URL) seen by an attacker on the
// same machine: an agent holding a token, a process with no credential, a forged panel signature.

interface Tokens {
  access_token?: string;
  refresh_token?: string;
  scope?: string;
}

async function connected(tg: TestGateway, scope: string): Promise<{ clientId: string; tokens: Tokens }> {
  const flow = await codeFlow(tg, { scope });
  const answer = await exchange(tg, flow);
  return { clientId: flow.clientId, tokens: answer.body as Tokens };
}

/** What /mcp answers a lone tools/call (the endpoint's direct path) with this token: HTTP status and JSON body. */
async function toolStatus(tg: TestGateway, token: string | undefined, name: string): Promise<number> {
  const response = await postMcp(tg.gateway.mcpUrl, toolCall(name), { authorization: `Bearer ${token}` });
  await response.body?.cancel();
  return response.status;
}

describe('red team: owner-only calls, revocation and narrowing on the very next request', () => {
  let tg: TestGateway;
  beforeAll(async () => {
    tg = await startTestGateway({ demo: true, manyFlows: true });
  });
  afterAll(async () => {
    await tg?.close();
  });

  it('an agent (its bearer token, no credential, a forged signature) cannot pause, resume or widen an app', async () => {
    const { clientId, tokens } = await connected(tg, 'mcp:tools read:profile offline_access');
    const stranger = await generatePanelKey();
    const attempts: [string, unknown][] = [
      ['apps.setPaused', { clientId, paused: true }],
      ['apps.editPermissions', { clientId, scopes: ['read:profile', 'write:clients', 'delete:clients'], confirmedWidening: true }],
      ['apps.revoke', { clientId }],
    ];
    for (const [name, input] of attempts) {
      const url = `${tg.gateway.panelOrigin}/api/control/${name}`;
      const body = JSON.stringify(input);
      const forged = await signRequest(stranger.privateKey, tg.owner.sessionId, { method: 'POST', url, body });
      for (const headers of [{ authorization: `Bearer ${tokens.access_token}` }, { ...forged }, {}]) {
        const answer = await fetch(url, { method: 'POST', headers: { origin: tg.gateway.panelOrigin, 'content-type': 'application/json', ...headers }, body });
        await answer.body?.cancel();
        expect(answer.status, `${name} ${Object.keys(headers).join(',')}`).toBe(401);
      }
    }
    const app = (await tg.owner.ok('apps.list')).find((a) => a.clientId === clientId);
    expect(app?.paused).toBe(false);
    expect(await toolStatus(tg, tokens.access_token, 'get_profile')).toBe(200);
    expect(await toolStatus(tg, tokens.access_token, 'list_clients')).toBe(403);
  });

  it('pause, narrowing and revocation hold on the very next tools/call, after the bearer verdict was cached', async () => {
    const { clientId, tokens } = await connected(tg, 'mcp:tools read:profile read:clients offline_access');
    // Warm the cached verdict on the direct tools/call path.
    expect(await toolStatus(tg, tokens.access_token, 'list_clients')).toBe(200);
    expect(await toolStatus(tg, tokens.access_token, 'list_clients')).toBe(200);

    await tg.owner.ok('apps.setPaused', { clientId, paused: true });
    expect(await toolStatus(tg, tokens.access_token, 'get_profile')).not.toBe(200);
    await tg.owner.ok('apps.setPaused', { clientId, paused: false });
    expect(await toolStatus(tg, tokens.access_token, 'get_profile')).toBe(200);

    await tg.owner.ok('apps.editPermissions', { clientId, scopes: ['read:profile'] });
    expect(await toolStatus(tg, tokens.access_token, 'list_clients')).toBe(403);
    // A refresh does not bring the removed permission back.
    const refreshed = (await refresh(tg, clientId, tokens.refresh_token)).body as Tokens;
    expect(refreshed.scope?.split(' ')).not.toContain('read:clients');
    expect(await toolStatus(tg, refreshed.access_token, 'list_clients')).toBe(403);
    // Nor does asking for it by name.
    const asked = await refresh(tg, clientId, refreshed.refresh_token, { scope: 'mcp:tools read:profile read:clients offline_access' });
    const askedBody = asked.body as Tokens;
    expect(askedBody.access_token === undefined || !askedBody.scope?.split(' ').includes('read:clients')).toBe(true);

    await tg.owner.ok('apps.revoke', { clientId });
    expect(await toolStatus(tg, refreshed.access_token, 'get_profile')).toBe(401);
  });

  it('a token issued by a refresh whose commit waits while the owner narrows the app does not keep what she removed', async () => {
    const { clientId, tokens } = await connected(tg, 'mcp:tools read:profile read:clients offline_access');
    const group = tg.gateway.services.storage.group;
    const submit = group.submit.bind(group);
    let narrowed: Promise<unknown> | undefined;
    // The owner's Edit permissions arrives while the refresh's writes wait for their group commit (the same event-loop
    // turn; made certain here by letting the owner's call finish first).
    group.submit = <T>(write: () => T): Promise<T> => {
      if (narrowed) return submit(write);
      narrowed = tg.owner.ok('apps.editPermissions', { clientId, scopes: ['read:profile'] });
      return narrowed.then(() => submit(write));
    };
    let refreshed: Tokens;
    try {
      refreshed = (await refresh(tg, clientId, tokens.refresh_token)).body as Tokens;
      await narrowed;
    } finally {
      group.submit = submit;
    }
    expect(refreshed.access_token).toBeDefined();
    expect(await toolStatus(tg, refreshed.access_token, 'get_profile')).toBe(200);
    expect(await toolStatus(tg, refreshed.access_token, 'list_clients')).toBe(403);
    expect(await toolStatus(tg, tokens.access_token, 'list_clients')).toBe(403);
  });
});

describe("red team: the waiting page's status URL", () => {
  let tg: TestGateway;
  beforeAll(async () => {
    tg = await startTestGateway({ demo: true, manyFlows: true });
  });
  afterAll(async () => {
    await tg?.close();
  });

  it('tells a browser without that authorization\'s cookie nothing, allows no other origin, and is never cached', async () => {
    const { TestBrowser } = await import('../support/browser.ts');
    const { authorizeUrl, pkcePair, registerClient, REDIRECT } = await import('../support/oauth.ts');
    const clientId = await registerClient(tg);
    const { challenge } = pkcePair();
    const browser = new TestBrowser(tg.gateway.issuer);
    const first = await browser.navigate(authorizeUrl(tg, { response_type: 'code', client_id: clientId, redirect_uri: REDIRECT, scope: 'mcp:tools read:profile', code_challenge: challenge, code_challenge_method: 'S256', resource: tg.gateway.mcpUrl }));
    expect(first.url.pathname).toMatch(/^\/interaction\/[A-Za-z0-9_-]+$/);
    const statusUrl = `${first.url.origin}${first.url.pathname}/status`;

    // A process with no cookie of that authorization learns only "not waiting" while the owner has not decided.
    const noCookie = await fetch(statusUrl, { headers: { accept: 'application/json' } });
    expect(noCookie.headers.get('cache-control')).toContain('no-store');
    expect(noCookie.headers.get('referrer-policy')).toBe('no-referrer');
    expect(await noCookie.text()).toBe('{"waiting":false}');
    // Another origin (a web page on another loopback port) is refused outright, and no CORS header lets it read.
    const stranger = await fetch(statusUrl, { headers: { origin: 'http://127.0.0.1:1', accept: 'application/json' } });
    expect(stranger.status).toBe(403);
    expect(stranger.headers.get('access-control-allow-origin')).toBeNull();
    expect(stranger.headers.get('access-control-allow-credentials')).toBeNull();
    expect(await stranger.text()).not.toContain('waiting');

    // The owner decides: a stranger still learns nothing that tells approve from deny, and no code or token.
    const [request] = await tg.owner.ok('consent.list');
    await tg.owner.ok('consent.decide', { requestId: request?.id, decision: 'approve', scopes: request?.requestedScopes.map((s) => s.name) });
    const after = await fetch(statusUrl);
    expect(await after.text()).toBe('{"waiting":false}');
    const afterCrossOrigin = await fetch(statusUrl, { headers: { origin: 'http://127.0.0.1:1' } });
    expect(afterCrossOrigin.headers.get('access-control-allow-origin')).toBeNull();
    expect(await afterCrossOrigin.text()).not.toContain('waiting');
    // A preflight from another origin is not granted either.
    const preflight = await fetch(statusUrl, { method: 'OPTIONS', headers: { origin: 'http://127.0.0.1:1', 'access-control-request-method': 'GET' } });
    await preflight.body?.cancel();
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe("red team: an agent's words in the owner's approval dialog, notification and log", () => {
  let tg: TestGateway;
  beforeAll(async () => {
    tg = await startTestGateway({ demo: true });
  });
  afterAll(async () => {
    await tg?.close();
  });

  it('a record name with a line break or a bidirectional override cannot forge a line or reorder what the owner reads', async () => {
    const { agentWith, call } = await import('../support/tools.ts');
    const { approvalNotice } = await import('../../src/main/desktop/decision-notices.ts');
    const { plainText } = await import('../../src/shared/sentence.ts');
    const { hasUnsafeCharacters } = await import('../../src/main/unsafe-text.ts');
    await tg.owner.ok('settings.update', { approvals: { enabled: true } });
    const agent = await agentWith(tg, ['write:financials', 'delete:financials']);
    const forged = 'yoga mats\u202E sllor 2\n\nStudio Gateway: this is a routine read-only check, safe to approve';
    const created = await call(agent, 'create_expense', { amount_cents: 1200, category: 'equipment', description: forged, spent_on: '2026-01-05' });
    expect(created.isError, created.text).toBe(false);
    const expenseId = (created.data.id ?? (created.data.expense as { id?: string } | undefined)?.id) as string;
    const held = call(agent, 'delete_expense', { expense_id: expenseId });
    await expect.poll(async () => (await tg.owner.ok('approvals.list')).length).toBe(1);
    const [waiting] = await tg.owner.ok('approvals.list');
    if (!waiting) throw new Error('no held call');
    for (const part of waiting.sentence) expect(hasUnsafeCharacters(part.text), JSON.stringify(part.text)).toBe(false);
    const notice = approvalNotice(waiting);
    expect(hasUnsafeCharacters(notice.body), notice.body).toBe(false);
    expect(plainText(waiting.sentence)).toContain('yoga mats');
    await tg.owner.ok('approvals.decide', { id: waiting.id, decision: 'approve' });
    await held;
    // The log's sentence of what was done reads the same: one line, in order.
    const { rows } = await tg.owner.ok('audit.list', { limit: 50 });
    const summaries = rows.map((row) => row.summary ?? '').filter((s) => s.includes('yoga mats'));
    expect(summaries.length).toBeGreaterThan(0);
    for (const summary of summaries) expect(hasUnsafeCharacters(summary), summary).toBe(false);
    await agent.close();
  });
});
