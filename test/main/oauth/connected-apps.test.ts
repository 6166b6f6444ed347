import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appFingerprint } from '../../../src/main/oauth/app-fingerprint.ts';
import { startTestGateway, type TestGateway } from '../../support/gateway.ts';
import { INITIALIZE, postMcp, toolCall } from '../../support/mcp-agent.ts';
import { authorizeUrl, codeFlow, decisionFor, exchange, pkcePair, REDIRECT, refresh, registerClient } from '../../support/oauth.ts';
import { TestBrowser } from '../../support/browser.ts';

// Connected apps as the owner reads them: what each did, how to tell look-alikes apart, how long each may stay, the
// revoked ones, and Edit permissions taking effect on the app's very next request.

let tg: TestGateway;
beforeEach(async () => {
  tg = await startTestGateway();
});
afterEach(async () => {
  await tg.close();
});

const mcp = (token: string | undefined, body: unknown) => postMcp(tg.gateway.mcpUrl, body, { authorization: `Bearer ${token}` });

/** A registered app approved by the owner for `scope` (until she revokes it), with its tokens. */
async function connected(scope: string, name = 'Cursor') {
  const flow = await codeFlow(tg, { clientId: await registerClient(tg, { client_name: name }), scope });
  const tokens = (await exchange(tg, flow)).body;
  return { clientId: flow.clientId, tokens };
}

/** The app as apps.list shows it. */
async function card(clientId: string) {
  const app = (await tg.owner.ok('apps.list')).find((a) => a.clientId === clientId);
  if (!app) throw new Error(`${clientId} is not listed`);
  return app;
}

describe('edit permissions', () => {
  it("takes a permission away at once: the app's current token is refused it on the next call, its other permissions keep working", async () => {
    const app = await connected('mcp:tools offline_access read:profile write:profile');
    expect((await mcp(app.tokens.access_token, toolCall('update_profile', { name: 'Maya' }))).status).toBe(200);

    const edited = await tg.owner.ok('apps.editPermissions', { clientId: app.clientId, scopes: ['read:profile'] });
    expect(edited).toMatchObject({ clientId: app.clientId, clientName: 'Cursor', removed: ['write:profile'], added: [] });
    expect(edited.scopes).toEqual(['read:profile', 'mcp:tools', 'offline_access']);

    // The same access token, a moment later: refused the removed permission, still allowed the rest.
    const refused = await mcp(app.tokens.access_token, toolCall('update_profile', { name: 'Maya L.' }));
    expect(refused.status).toBe(403);
    expect(refused.headers.get('www-authenticate')).toContain('insufficient_scope');
    expect((await mcp(app.tokens.access_token, toolCall('get_profile'))).status).toBe(200);
    // A refresh does not bring it back.
    const refreshed = (await refresh(tg, app.clientId, app.tokens.refresh_token)).body;
    expect(refreshed.scope?.split(' ').sort()).toEqual(['mcp:tools', 'read:profile']);
    expect((await mcp(refreshed.access_token, toolCall('update_profile', { name: 'Maya L.' }))).status).toBe(403);
    // Not revoked: the same card, with what it may do now.
    expect((await card(app.clientId)).scopes).toEqual(['read:profile', 'mcp:tools', 'offline_access']);
    expect(await tg.owner.ok('apps.listRevoked')).toEqual([]);
  });

  it('records the edit on the app, like any decision of the owner', async () => {
    const app = await connected('mcp:tools read:profile write:profile');
    await tg.owner.ok('apps.editPermissions', { clientId: app.clientId, scopes: ['read:profile'] });
    const { rows } = await tg.owner.ok('audit.list', { endpoint: 'apps.editPermissions', limit: 5 });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: 'control', status: 'ok', clientId: app.clientId, clientName: 'Cursor', actor: 'owner (web-panel)' });
  });

  it('gives more only when the owner confirmed it, and then to the same token at once and after a refresh', async () => {
    const app = await connected('mcp:tools offline_access read:profile');
    const unconfirmed = await tg.owner.call('apps.editPermissions', { clientId: app.clientId, scopes: ['read:profile', 'write:profile'] });
    expect(unconfirmed.ok ? null : unconfirmed.error).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('write:profile') });
    expect((await card(app.clientId)).scopes).toEqual(['read:profile', 'mcp:tools', 'offline_access']);
    expect((await mcp(app.tokens.access_token, toolCall('update_profile', { name: 'Maya' }))).status).toBe(403);

    const edited = await tg.owner.ok('apps.editPermissions', { clientId: app.clientId, scopes: ['read:profile', 'write:profile'], confirmedWidening: true });
    expect(edited.added).toEqual(['write:profile']);
    expect((await mcp(app.tokens.access_token, toolCall('update_profile', { name: 'Maya' }))).status).toBe(200);
    const refreshed = (await refresh(tg, app.clientId, app.tokens.refresh_token)).body;
    expect(refreshed.scope?.split(' ').sort()).toEqual(['mcp:tools', 'read:profile', 'write:profile']);
  });

  it('asks no confirmation for what the app could already do (levels add up)', async () => {
    const app = await connected('mcp:tools write:profile');
    const edited = await tg.owner.ok('apps.editPermissions', { clientId: app.clientId, scopes: ['read:profile', 'write:profile'] });
    expect(edited.added).toEqual(['read:profile']);
    expect((await mcp(app.tokens.access_token, toolCall('update_profile', { name: 'Maya' }))).status).toBe(200);
  });

  it('changes a setup snippet the same way (its token has no refresh)', async () => {
    const minted = await tg.owner.ok('tokens.mint', { bundle: 'custom', scopes: ['read:profile', 'write:profile'], clientName: 'Claude Desktop', expiresInDays: 7 });
    await tg.owner.ok('apps.editPermissions', { clientId: minted.clientId, scopes: ['read:profile'] });
    const answer = (await (await mcp(minted.token, toolCall('update_profile', { name: 'Maya' }))).json()) as { result?: { isError?: boolean; content: { text: string }[] } };
    expect(answer.result?.isError).toBe(true);
    expect(answer.result?.content[0]?.text).toContain('write:profile');
    expect((await mcp(minted.token, toolCall('get_profile'))).status).toBe(200);
  });

  it('refuses what it cannot do, and changes nothing', async () => {
    const app = await connected('mcp:tools offline_access read:profile');
    const before = await card(app.clientId);
    const refusals = await Promise.all([
      tg.owner.call('apps.editPermissions', { clientId: app.clientId, scopes: ['admin:everything'] }),
      tg.owner.call('apps.editPermissions', { clientId: app.clientId, scopes: ['read:profile', 'offline_access'] }),
      tg.owner.call('apps.editPermissions', { clientId: app.clientId, scopes: ['mcp:tools'] }),
      tg.owner.call('apps.editPermissions', { clientId: 'nobody', scopes: [] }),
    ]);
    expect(refusals.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual(['invalid_input', 'invalid_input', 'invalid_input', 'not_found']);
    expect(await card(app.clientId)).toEqual(before);

    await tg.owner.ok('apps.revoke', { clientId: app.clientId });
    const revoked = await tg.owner.call('apps.editPermissions', { clientId: app.clientId, scopes: [] });
    expect(revoked.ok ? null : revoked.error.code).toBe('not_found');
    expect((await mcp(app.tokens.access_token, INITIALIZE)).status).toBe(401);
  });
});

describe('what an app did', () => {
  it('counts tool calls only, so a last use of never comes with no calls', async () => {
    const app = await connected('mcp:tools read:profile');
    // Signing in, the handshake and the tool list are not something the app did.
    expect((await mcp(app.tokens.access_token, INITIALIZE)).status).toBe(200);
    expect((await mcp(app.tokens.access_token, { jsonrpc: '2.0', id: 2, method: 'tools/list' })).status).toBe(200);
    expect(await card(app.clientId)).toMatchObject({ lastUsedAt: null, callsLast7Days: 0, notDoneLast7Days: 0, didLast7Days: '' });

    await mcp(app.tokens.access_token, toolCall('get_profile'));
    await mcp(app.tokens.access_token, toolCall('get_profile'));
    await mcp(app.tokens.access_token, toolCall('update_profile', { name: 'Maya' }));
    const after = await card(app.clientId);
    expect(after).toMatchObject({ callsLast7Days: 3, notDoneLast7Days: 1, didLast7Days: 'looked at your profile twice' });
    expect(after.lastUsedAt).not.toBeNull();
  });

  it('says what it changed first, in words', async () => {
    const app = await connected('mcp:tools read:profile write:profile');
    await mcp(app.tokens.access_token, toolCall('get_profile'));
    await mcp(app.tokens.access_token, toolCall('update_profile', { name: 'Maya' }));
    expect((await card(app.clientId)).didLast7Days).toBe('updated your profile once, looked at your profile once');
  });
});

describe('telling apps apart', () => {
  it('gives two apps of the same name different fingerprints, and each its own for good', async () => {
    const one = await connected('mcp:tools read:profile', 'Cursor');
    const two = await connected('mcp:tools read:profile', 'Cursor');
    const [a, b] = [await card(one.clientId), await card(two.clientId)];
    expect(a.name).toBe(b.name);
    expect(a.fingerprint).toMatch(/^[2-9A-Z]{3}-[2-9A-Z]{3}$/);
    expect(a.fingerprint).not.toBe(b.fingerprint);
    expect(a.fingerprint).toBe(appFingerprint(one.clientId));
    expect(a.origin).toBe('registration');
    expect(Date.parse(a.firstSeenAt)).toBeLessThanOrEqual(Date.parse(b.firstSeenAt));
  });

  it('calls an app that registered without a name "Unnamed app" wherever the owner reads it, never by its client id', async () => {
    const clientId = await registerClient(tg, { client_name: undefined });
    const { verifier, challenge } = pkcePair();
    const browser = new TestBrowser(tg.gateway.issuer);
    const waiting = await browser.navigate(
      authorizeUrl(tg, { response_type: 'code', client_id: clientId, redirect_uri: REDIRECT, scope: 'mcp:tools read:profile', code_challenge: challenge, code_challenge_method: 'S256', resource: tg.gateway.mcpUrl }),
    );
    expect(waiting.body).toContain('Unnamed app');
    const [request] = await tg.owner.ok('consent.list');
    expect(request?.clientName).toBe('Unnamed app');
    if (!request) throw new Error('no consent request');
    expect((await tg.owner.ok('consent.decide', decisionFor(request))).clientName).toBe('Unnamed app');
    const code = (await browser.navigate(waiting.url)).url.searchParams.get('code') ?? '';
    const tokens = (await exchange(tg, { clientId, verifier, code })).body;
    expect((await mcp(tokens.access_token, toolCall('get_profile'))).status).toBe(200);
    const app = await card(clientId);
    expect(app.name).toBe('Unnamed app');
    expect(app.fingerprint).toBe(appFingerprint(clientId));
    const { rows } = await tg.owner.ok('audit.list', { clientId, limit: 50 });
    expect(rows.find((row) => row.tool === 'get_profile')?.clientName).toBe('Unnamed app');
    expect(JSON.stringify([request, app])).not.toContain(`"name":"${clientId}"`);
  });

  it('makes codes from a small unambiguous alphabet that differ across many ids', () => {
    const codes = new Set(Array.from({ length: 2000 }, (_, i) => appFingerprint(`client-${i}`)));
    expect(codes.size).toBe(2000);
    for (const code of codes) expect(code).not.toMatch(/[01ILOUV]/);
    expect(appFingerprint('client-1')).toBe(appFingerprint('client-1'));
  });
});

describe('how long an app may stay', () => {
  /** An app approved with an expiry the owner chose (undefined: "until I revoke it"). */
  async function approvedFor(expiresInSeconds: number | undefined) {
    const clientId = await registerClient(tg);
    const { challenge } = pkcePair();
    const browser = new TestBrowser(tg.gateway.issuer);
    const waiting = await browser.navigate(authorizeUrl(tg, { response_type: 'code', client_id: clientId, redirect_uri: REDIRECT, scope: 'mcp:tools read:profile', code_challenge: challenge, code_challenge_method: 'S256', resource: tg.gateway.mcpUrl }));
    const [request] = await tg.owner.ok('consent.list');
    await tg.owner.ok('consent.decide', { requestId: request?.id ?? '', decision: 'approve', scopes: ['mcp:tools', 'read:profile'], ...(expiresInSeconds ? { expiresInSeconds } : {}) });
    await browser.navigate(waiting.url);
    return card(clientId);
  }

  it('shows no end for an app approved until the owner revokes it', async () => {
    expect((await approvedFor(undefined)).expiresAt).toBeNull();
  });

  it('shows the end the owner chose, to the day', async () => {
    const app = await approvedFor(7 * 86_400);
    expect(Math.abs(Date.parse(app.expiresAt ?? '') - (tg.clock.nowMs() + 7 * 86_400_000))).toBeLessThan(60_000);
  });

  it("shows a year-long snippet's end: the longest an owner can choose is still a date", async () => {
    const minted = await tg.owner.ok('tokens.mint', { bundle: 'read-only', clientName: 'Claude Desktop', expiresInDays: 365 });
    expect((await card(minted.clientId)).expiresAt).toBe(minted.expiresAt.replace(/\.\d{3}Z$/, '.000Z'));
  });
});

describe('revoked apps', () => {
  it('moves a revoked app to the revoked list, with its activity, and back once it is approved again', async () => {
    const app = await connected('mcp:tools read:profile');
    await mcp(app.tokens.access_token, toolCall('get_profile'));
    await tg.owner.ok('apps.revoke', { clientId: app.clientId });
    expect((await tg.owner.ok('apps.list')).map((a) => a.clientId)).not.toContain(app.clientId);
    const [revoked] = await tg.owner.ok('apps.listRevoked');
    expect(revoked).toMatchObject({ clientId: app.clientId, name: 'Cursor', callsLast7Days: 1, didLast7Days: 'looked at your profile once' });
    expect(revoked?.lastUsedAt).not.toBeNull();
    // The timeline knows the revocation, whatever the call was named when it was recorded.
    const timeline = await tg.owner.ok('audit.timeline', { clientId: app.clientId });
    expect(Math.abs(Date.parse(timeline.revokedAt ?? '') - Date.parse(revoked?.revokedAt ?? ''))).toBeLessThan(1000);

    await codeFlow(tg, { clientId: app.clientId, scope: 'mcp:tools read:profile' });
    expect(await tg.owner.ok('apps.listRevoked')).toEqual([]);
    expect((await tg.owner.ok('apps.list')).map((a) => a.clientId)).toContain(app.clientId);
  });
});
