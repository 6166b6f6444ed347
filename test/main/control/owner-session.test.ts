import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../../support/gateway.ts';
import { authorizeUrl, pkcePair, REDIRECT, registerClient } from '../../support/oauth.ts';
import { TestBrowser } from '../../support/browser.ts';

let tg: TestGateway;
beforeEach(async () => {
  tg = await startTestGateway();
});
afterEach(async () => {
  await tg.close();
});

async function pendingRequest(): Promise<{ id: string; waitingUrl: URL; browser: TestBrowser }> {
  const clientId = await registerClient(tg);
  const { challenge } = pkcePair();
  const browser = new TestBrowser(tg.gateway.issuer);
  const waiting = await browser.navigate(authorizeUrl(tg, { response_type: 'code', client_id: clientId, redirect_uri: REDIRECT, scope: 'mcp:tools read:profile', code_challenge: challenge, code_challenge_method: 'S256' }));
  const [request] = await tg.owner.ok('consent.list');
  return { id: request?.id ?? '', waitingUrl: waiting.url, browser };
}

function decide(headers: Record<string, string>, requestId: string) {
  return fetch(`${tg.gateway.issuer}/api/control/consent.decide`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ requestId, decision: 'approve' }),
  });
}

describe('consent is decided by the owner in the panel, and by nothing else', () => {
  it('the waiting browser cannot approve itself: the page offers no way, and reloading stays pending', async () => {
    const { waitingUrl, browser } = await pendingRequest();
    const again = await browser.navigate(waitingUrl);
    expect(again.body).toContain('Waiting for your approval');
    expect(again.body).not.toMatch(/<form|<button/i);
    const post = await fetch(waitingUrl, { method: 'POST', body: 'decision=approve', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(post.status).toBeGreaterThanOrEqual(400);
    expect(await tg.owner.ok('consent.list')).toHaveLength(1);
  });

  it('refuses a control call without the owner session', async () => {
    const { id } = await pendingRequest();
    const response = await decide({ origin: tg.gateway.issuer }, id);
    expect(response.status).toBe(401);
    expect(await tg.owner.ok('consent.list')).toHaveLength(1);
  });

  it('refuses a control call with the session cookie but without the CSRF token', async () => {
    const { id } = await pendingRequest();
    const response = await decide({ origin: tg.gateway.issuer, cookie: tg.owner.cookie }, id);
    expect(response.status).toBe(403);
    const wrong = await decide({ origin: tg.gateway.issuer, cookie: tg.owner.cookie, 'x-csrf-token': 'guess' }, id);
    expect(wrong.status).toBe(403);
    expect(await tg.owner.ok('consent.list')).toHaveLength(1);
  });

  it('refuses a cross-site control call even with cookie and token', async () => {
    const { id } = await pendingRequest();
    const noOrigin = await decide({ cookie: tg.owner.cookie, 'x-csrf-token': tg.owner.csrfToken }, id);
    expect(noOrigin.status).toBe(403);
    const crossSite = await decide({ origin: tg.gateway.issuer, cookie: tg.owner.cookie, 'x-csrf-token': tg.owner.csrfToken, 'sec-fetch-site': 'cross-site' }, id);
    expect(crossSite.status).toBe(403);
    expect(await tg.owner.ok('consent.list')).toHaveLength(1);
  });

  it('accepts the owner login link once only, with an HttpOnly SameSite=Strict cookie', async () => {
    const link = tg.gateway.issueLoginLink();
    const first = await fetch(link, { redirect: 'manual' });
    expect(first.status).toBe(303);
    expect(first.headers.get('set-cookie')).toMatch(/HttpOnly; SameSite=Strict/);
    const second = await fetch(link, { redirect: 'manual' });
    expect(second.status).toBe(403);
    expect(second.headers.get('set-cookie')).toBeNull();
  });

});
