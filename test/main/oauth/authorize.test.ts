import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TestBrowser } from '../../support/browser.ts';
import { startTestGateway, type TestGateway } from '../../support/gateway.ts';
import { auditOutcome } from '../../../src/shared/audit-outcome.ts';
import { LIFETIMES } from '../../../src/main/oauth/lifetimes.ts';
import { authorizeUrl, codeFlow, decideInBrowser, exchange, pkcePair, REDIRECT, registerClient } from '../../support/oauth.ts';

let tg: TestGateway;
beforeEach(async () => {
  tg = await startTestGateway();
});
afterEach(async () => {
  await tg.close();
});

/** The error a client receives at its redirect (RFC 6749 §4.1.2.1), or the page shown if none. */
async function authorizeError(params: Record<string, string | undefined>) {
  const landing = await new TestBrowser(tg.gateway.issuer).navigate(authorizeUrl(tg, params));
  return { at: landing.url, error: landing.url.searchParams.get('error'), description: landing.url.searchParams.get('error_description') };
}

describe('authorization requests', () => {
  it('refuses a request without PKCE', async () => {
    const clientId = await registerClient(tg);
    const { at, error } = await authorizeError({ response_type: 'code', client_id: clientId, redirect_uri: REDIRECT, scope: 'mcp:tools' });
    expect(at.origin + at.pathname).toBe(REDIRECT);
    expect(error).toBe('invalid_request');
    expect(at.searchParams.has('code')).toBe(false);
  });

  it('refuses the plain PKCE method (S256 only)', async () => {
    const clientId = await registerClient(tg);
    const { verifier } = pkcePair();
    const { error, description } = await authorizeError({ response_type: 'code', client_id: clientId, redirect_uri: REDIRECT, scope: 'mcp:tools', code_challenge: verifier, code_challenge_method: 'plain' });
    expect(error).toBe('invalid_request');
    expect(description).toContain('code_challenge_method');
  });

  it('refuses a challenge without its method', async () => {
    const clientId = await registerClient(tg);
    const { challenge } = pkcePair();
    const { error } = await authorizeError({ response_type: 'code', client_id: clientId, redirect_uri: REDIRECT, scope: 'mcp:tools', code_challenge: challenge });
    expect(error).toBe('invalid_request');
  });

  it('answers invalid_target for a resource this gateway does not protect (RFC 8707)', async () => {
    const clientId = await registerClient(tg);
    const { challenge } = pkcePair();
    for (const resource of ['https://other.example/mcp', `${tg.gateway.mcpUrl}/`, tg.gateway.issuer]) {
      const { error } = await authorizeError({ response_type: 'code', client_id: clientId, redirect_uri: REDIRECT, scope: 'mcp:tools', code_challenge: challenge, code_challenge_method: 'S256', resource });
      expect(error, resource).toBe('invalid_target');
    }
  });

  it('treats an omitted resource as this gateway: the token works at /mcp', async () => {
    const flow = await codeFlow(tg, { scope: 'mcp:tools read:profile', resource: null });
    const tokens = await exchange(tg, flow, { resource: undefined });
    expect(tokens.status).toBe(200);
    const list = await fetch(tg.gateway.mcpUrl, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.body.access_token}`, 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    expect(list.status).toBe(200);
  });

  it('drops unknown and admin:* scopes and grants the intersection', async () => {
    const clientId = await registerClient(tg);
    const { verifier, challenge } = pkcePair();
    const url = authorizeUrl(tg, { response_type: 'code', client_id: clientId, redirect_uri: REDIRECT, scope: 'mcp:tools read:profile admin:write bogus:scope', code_challenge: challenge, code_challenge_method: 'S256', resource: tg.gateway.mcpUrl });
    const browser = new TestBrowser(tg.gateway.issuer);
    const waiting = await browser.navigate(url);
    const [request] = await tg.owner.ok('consent.list');
    expect(request?.requestedScopes.map((s) => s.name)).toEqual(['read:profile', 'mcp:tools']);
    expect(request?.ignoredScopes).toEqual(['admin:write', 'bogus:scope']);
    await tg.owner.ok('consent.decide', { requestId: request?.id ?? '', decision: 'approve', scopes: ['read:profile', 'mcp:tools'] });
    const code = (await browser.navigate(waiting.url)).url.searchParams.get('code') ?? '';
    const tokens = await exchange(tg, { clientId, verifier, code });
    expect(tokens.body.scope?.split(' ').sort()).toEqual(['mcp:tools', 'read:profile']);
  });

  it.each([
    [undefined, true],
    ['login', true],
    ['consent', true],
    ['none', false],
  ])('shows offline_access to the owner with prompt=%s, and a granted one brings a refresh token', async (prompt, shown) => {
    const clientId = await registerClient(tg);
    const { verifier, challenge } = pkcePair();
    const url = authorizeUrl(tg, { response_type: 'code', client_id: clientId, redirect_uri: REDIRECT, scope: 'mcp:tools read:profile offline_access', code_challenge: challenge, code_challenge_method: 'S256', prompt });
    const browser = new TestBrowser(tg.gateway.issuer);
    const waiting = await browser.navigate(url);
    if (!shown) {
      // prompt=none asks for no interaction: the client is told at once, and nothing waits for the owner.
      expect(waiting.url.searchParams.get('error')).toMatch(/login_required|consent_required/);
      expect(await tg.owner.ok('consent.list')).toEqual([]);
      return;
    }
    const [request] = await tg.owner.ok('consent.list');
    expect(request?.requestedScopes.map((s) => s.name)).toContain('offline_access');
    await tg.owner.ok('consent.decide', { requestId: request?.id ?? '', decision: 'approve', scopes: ['mcp:tools', 'read:profile', 'offline_access'] });
    const code = (await browser.navigate(waiting.url)).url.searchParams.get('code') ?? '';
    const tokens = await exchange(tg, { clientId, verifier, code });
    expect(tokens.body.refresh_token).toBeTruthy();
  });

  it('grants openid only when the request names no scope', async () => {
    const clientId = await registerClient(tg);
    const { challenge } = pkcePair();
    await new TestBrowser(tg.gateway.issuer).navigate(authorizeUrl(tg, { response_type: 'code', client_id: clientId, redirect_uri: REDIRECT, code_challenge: challenge, code_challenge_method: 'S256' }));
    const [request] = await tg.owner.ok('consent.list');
    expect(request?.requestedScopes.map((s) => s.name)).toEqual(['openid']);
  });

  it('cannot grant a scope the client did not request, and keeps mcp:tools locked on', async () => {
    const clientId = await registerClient(tg);
    const { challenge } = pkcePair();
    await new TestBrowser(tg.gateway.issuer).navigate(authorizeUrl(tg, { response_type: 'code', client_id: clientId, redirect_uri: REDIRECT, scope: 'mcp:tools read:profile', code_challenge: challenge, code_challenge_method: 'S256' }));
    const [request] = await tg.owner.ok('consent.list');
    const widened = await tg.owner.call('consent.decide', { requestId: request?.id ?? '', decision: 'approve', scopes: ['read:profile', 'write:profile'] });
    expect(widened).toMatchObject({ ok: false, error: { code: 'scope_not_requested' } });
    const unlocked = await tg.owner.ok('consent.decide', { requestId: request?.id ?? '', decision: 'approve', scopes: [] });
    expect(unlocked.grantedScopes).toEqual(['mcp:tools']);
    const twice = await tg.owner.call('consent.decide', { requestId: request?.id ?? '', decision: 'deny' });
    expect(twice).toMatchObject({ ok: false, error: { code: 'already_decided' } });
  });

  it('completes an approval once: a second visit of the interaction page does not mint a second grant', async () => {
    const clientId = await registerClient(tg);
    const { challenge } = pkcePair();
    const url = authorizeUrl(tg, { response_type: 'code', client_id: clientId, redirect_uri: REDIRECT, scope: 'mcp:tools', code_challenge: challenge, code_challenge_method: 'S256' });
    const { first, landing } = await decideInBrowser(tg, url);
    expect(landing.url.searchParams.get('code')).toBeTruthy();
    const again = await new TestBrowser(tg.gateway.issuer).navigate(first.url);
    expect(again.url.searchParams.get('code')).toBeNull();
    expect(tg.gateway.services.storage.grants.live(0)).toHaveLength(1);
  });

  it('tells an app whose request nobody answered in time access_denied, and logs it as timed out, not as denied by the owner', async () => {
    const clientId = await registerClient(tg, { client_name: 'Sleepy Agent' });
    const { challenge } = pkcePair();
    const url = authorizeUrl(tg, { response_type: 'code', client_id: clientId, redirect_uri: REDIRECT, scope: 'mcp:tools', code_challenge: challenge, code_challenge_method: 'S256' });
    const browser = new TestBrowser(tg.gateway.issuer);
    const waiting = await browser.navigate(url);
    expect(waiting.url.pathname).toMatch(/^\/interaction\//);
    tg.clock.advance((LIFETIMES.interaction + 5) * 1000);
    const landing = await browser.navigate(waiting.url);
    expect(landing.url.searchParams.get('error')).toBe('access_denied');
    expect(landing.url.searchParams.get('error_description')).toBe('the owner did not decide in time');
    // (The owner's panel session ended meanwhile, after 30 minutes without use: the log is read from the file.)
    const ended = tg.gateway.services.storage.db
      .prepare<[string], { status: 'refused'; reason: string; httpStatus: number }>("SELECT status, reason, http_status AS httpStatus FROM audit_log WHERE client_id = ? AND endpoint = 'authorize' AND status = 'refused'")
      .get(clientId);
    expect(ended?.reason).toBe('consent_timeout: the owner did not decide in time');
    expect(ended && auditOutcome(ended)).toBe('timed_out');
    expect(tg.gateway.services.storage.grants.live(0)).toHaveLength(0);
  });
});
