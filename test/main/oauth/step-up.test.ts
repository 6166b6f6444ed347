import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../../support/gateway.ts';
import { postMcp, toolCall } from '../../support/mcp-agent.ts';
import { authorizeUrl, exchange, pkcePair, REDIRECT, registerClient } from '../../support/oauth.ts';
import { TestBrowser } from '../../support/browser.ts';

// MCP "Step-up authorization": an app refused for a scope asks again for more; the owner sees what it already may do
// and what is new, and approving widens the same connected app.

let tg: TestGateway;
beforeEach(async () => {
  tg = await startTestGateway();
});
afterEach(async () => {
  await tg.close();
});

/** One authorization of the client for `scope`, decided by the owner with `approve`; returns the tokens and what the owner saw. */
async function authorize(clientId: string, scope: string, approve: string[]) {
  const { verifier, challenge } = pkcePair();
  const browser = new TestBrowser(tg.gateway.issuer);
  const waiting = await browser.navigate(authorizeUrl(tg, { response_type: 'code', client_id: clientId, redirect_uri: REDIRECT, scope, code_challenge: challenge, code_challenge_method: 'S256', resource: tg.gateway.mcpUrl }));
  const [request] = await tg.owner.ok('consent.list');
  await tg.owner.ok('consent.decide', { requestId: request?.id ?? '', decision: 'approve', scopes: approve });
  const code = (await browser.navigate(waiting.url)).url.searchParams.get('code') ?? '';
  return { seen: request, tokens: (await exchange(tg, { clientId, verifier, code })).body };
}

describe('step-up consent', () => {
  it('names every scope the refused calls need, with those the app holds, in one challenge', async () => {
    const clientId = await registerClient(tg);
    const { tokens } = await authorize(clientId, 'mcp:tools read:profile', ['mcp:tools', 'read:profile']);
    const response = await postMcp(tg.gateway.mcpUrl, [toolCall('update_profile', { name: 'Maya' }, 1), toolCall('list_classes', {}, 2)], { authorization: `Bearer ${tokens.access_token}` });
    expect(response.status).toBe(403);
    const scope = /scope="([^"]+)"/.exec(response.headers.get('www-authenticate') ?? '')?.[1]?.split(' ').sort();
    expect(scope).toEqual(['mcp:tools', 'offline_access', 'read:classes', 'read:profile', 'write:profile']);
  });

  it('shows what the app already may do, and approving more widens the same app: one card, one grant, the old tokens retired', async () => {
    const clientId = await registerClient(tg, { client_name: 'Claude Code' });
    const first = await authorize(clientId, 'mcp:tools read:profile', ['mcp:tools', 'read:profile']);
    const second = await authorize(clientId, 'mcp:tools read:profile write:profile', ['write:profile']);
    expect(second.seen?.alreadyGranted.map((s) => s.name).sort()).toEqual(['mcp:tools', 'read:profile']);
    expect(second.tokens.scope?.split(' ').sort()).toEqual(['mcp:tools', 'read:profile', 'write:profile']);

    const apps = await tg.owner.ok('apps.list');
    expect(apps).toHaveLength(1);
    expect(apps[0]?.scopes.sort()).toEqual(['mcp:tools', 'read:profile', 'write:profile']);
    expect(tg.gateway.services.storage.grants.liveOfClient(clientId, Math.floor(Date.now() / 1000))).toHaveLength(1);
    expect((await postMcp(tg.gateway.mcpUrl, toolCall('update_profile', { name: 'Maya L.' }), { authorization: `Bearer ${second.tokens.access_token}` })).status).toBe(200);
    expect((await postMcp(tg.gateway.mcpUrl, toolCall('get_profile'), { authorization: `Bearer ${first.tokens.access_token}` })).status).toBe(401);
  });

  it('a first authorization shows nothing as already allowed (the control case)', async () => {
    const { seen } = await authorize(await registerClient(tg), 'mcp:tools read:profile', ['mcp:tools', 'read:profile']);
    expect(seen?.alreadyGranted).toEqual([]);
  });
});
