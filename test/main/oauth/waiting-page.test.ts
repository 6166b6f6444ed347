import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TestBrowser } from '../../support/browser.ts';
import { startTestGateway, type TestGateway } from '../../support/gateway.ts';
import { authorizeUrl, pkcePair, REDIRECT, registerClient } from '../../support/oauth.ts';

// The page an agent's browser shows while the owner decides, and the status URL its script asks.

let tg: TestGateway;
beforeEach(async () => {
  tg = await startTestGateway();
});
afterEach(async () => {
  await tg.close();
});

/** A browser waiting at the interaction page of a fresh authorization request. */
async function waitingBrowser(scope = 'mcp:tools read:clients delete:clients read:financials offline_access') {
  const clientId = await registerClient(tg, { client_name: 'Waiting agent' });
  const url = authorizeUrl(tg, { response_type: 'code', client_id: clientId, redirect_uri: REDIRECT, scope, code_challenge: pkcePair().challenge, code_challenge_method: 'S256' });
  const browser = new TestBrowser(tg.gateway.issuer);
  const waiting = await browser.navigate(url);
  expect(waiting.url.pathname).toMatch(/^\/interaction\/[A-Za-z0-9_-]+$/);
  const [request] = await tg.owner.ok('consent.list');
  if (!request) throw new Error('no consent request');
  return { browser, waiting, request, status: new URL(`${waiting.url.pathname}/status`, waiting.url) };
}

describe('the waiting page', () => {
  it('says what happens in a role=status line, without a meta refresh or inline script, under the strict page CSP', async () => {
    const { waiting } = await waitingBrowser();
    expect(waiting.status).toBe(200);
    expect(waiting.body).toContain('Waiting for your approval');
    expect(waiting.body).toMatch(/<p id="status"[^>]*role="status"[^>]*aria-live="polite"/);
    expect(waiting.body).not.toMatch(/http-equiv/i);
    // Scripts only by address, and only the gateway's own.
    const scripts = [...waiting.body.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1] ?? '');
    expect(scripts).toEqual([' src="/interaction/waiting.js" defer']);
    const csp = waiting.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self';");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(waiting.headers.get('referrer-policy')).toBe('no-referrer');
    expect(waiting.headers.get('cache-control')).toBe('no-store');
  });

  it('explains an unverified app in one sentence and sums up the risky permissions first, in words', async () => {
    const { waiting } = await waitingBrowser();
    expect(waiting.body).toContain("Studio Gateway can't confirm who made this app — only approve it if you just set it up yourself.");
    expect(waiting.body).toContain('If you approve all it asks for: <strong class="risky">Could permanently delete clients</strong> · <strong class="risky">could see your earnings</strong>.');
    // The protocol's names are under Details only.
    const firstLayer = waiting.body.split('<details>')[0] ?? '';
    for (const term of ['mcp:tools', 'offline_access', 'delete:clients', '127.0.0.1:52345']) expect(firstLayer, term).not.toContain(term);
    expect(waiting.body.split('<details>')[1]).toContain('127.0.0.1:52345');
  });

  it('serves its script as JavaScript, to GET only', async () => {
    const script = await fetch(`${tg.gateway.issuer}/interaction/waiting.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await script.text()).toContain("+ '/status'");
    const posted = await fetch(`${tg.gateway.issuer}/interaction/waiting.js`, { method: 'POST' });
    await posted.body?.cancel();
    expect(posted.status).toBe(405);
  });
});

describe('the waiting page status', () => {
  it('tells the waiting browser it waits, then that there is an answer — never the code — and the page then carries on', async () => {
    const { browser, waiting, request, status } = await waitingBrowser();
    const before = await browser.navigate(status);
    expect(before.status).toBe(200);
    expect(JSON.parse(before.body)).toEqual({ waiting: true });
    expect(before.headers.get('cache-control')).toBe('no-store');

    await tg.owner.ok('consent.decide', { requestId: request.id, decision: 'approve', scopes: ['mcp:tools'] });
    const after = await browser.navigate(status);
    expect(JSON.parse(after.body)).toEqual({ waiting: false });
    expect(after.body).not.toMatch(/code|token/i);
    // Asking did not complete the authorization: the page's reload does, once.
    expect(tg.gateway.services.storage.grants.live(0)).toHaveLength(0);
    const landing = await browser.navigate(waiting.url);
    expect(landing.url.origin + landing.url.pathname).toBe(REDIRECT);
    expect(landing.url.searchParams.get('code')).toBeTruthy();
  });

  it('tells another browser nothing: not waiting, for its own request or anyone else’s', async () => {
    const { browser, status } = await waitingBrowser();
    const stranger = await new TestBrowser(tg.gateway.issuer).navigate(status);
    expect(JSON.parse(stranger.body)).toEqual({ waiting: false });
    const otherUid = await browser.navigate(new URL('/interaction/someone-elses-request/status', status));
    expect(JSON.parse(otherUid.body)).toEqual({ waiting: false });
    expect(JSON.parse((await browser.navigate(status)).body)).toEqual({ waiting: true });
  });

  it('says not waiting once the owner denied, and refuses other methods and other origins', async () => {
    const { browser, request, status } = await waitingBrowser();
    await tg.owner.ok('consent.decide', { requestId: request.id, decision: 'deny' });
    expect(JSON.parse((await browser.navigate(status)).body)).toEqual({ waiting: false });
    const posted = await fetch(status, { method: 'POST' });
    expect(posted.status).toBe(405);
    await posted.body?.cancel();
    const crossOrigin = await fetch(status, { headers: { origin: 'http://127.0.0.1:1' } });
    expect(crossOrigin.status).toBe(403);
    await crossOrigin.body?.cancel();
  });
});
