import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../../support/gateway.ts';
import { connectWithConsent, mcpClient, TestAgent, transportFor } from '../../support/mcp-agent.ts';
import { decisionFor } from '../../support/oauth.ts';

let tg: TestGateway;
beforeEach(async () => {
  tg = await startTestGateway();
});
afterEach(async () => {
  await tg.close();
});

describe('an unmodified MCP SDK client against the gateway', () => {
  it('discovers, registers, waits for the owner, and gets exactly the scopes the owner selected', async () => {
    const agent = new TestAgent('Claude Desktop');
    let seen: { scopes: string[]; name: string; verified: boolean; required: string[] } | undefined;
    const client = await connectWithConsent(tg, agent, async (request) => {
      seen = {
        name: request.clientName,
        verified: request.verified,
        scopes: request.requestedScopes.map((s) => s.name),
        required: request.requestedScopes.filter((s) => s.required).map((s) => s.name),
      };
      await tg.owner.ok('consent.decide', { requestId: request.id, decision: 'approve', scopes: ['read:profile', 'offline_access'] });
    });

    // The SDK asked with PKCE S256 for this MCP endpoint as the resource.
    const asked = agent.authorizationUrl as URL;
    expect(asked.searchParams.get('code_challenge_method')).toBe('S256');
    expect(asked.searchParams.get('resource')).toBe(tg.gateway.mcpUrl);
    expect(seen).toMatchObject({ name: 'Claude Desktop', verified: false, required: ['mcp:tools'] });
    expect(seen?.scopes).toEqual(expect.arrayContaining(['read:profile', 'write:profile', 'mcp:tools', 'offline_access']));

    // mcp:tools was locked on; nothing beyond the selection was granted.
    const tokens = agent.tokens();
    expect(tokens?.scope?.split(' ').sort()).toEqual(['mcp:tools', 'read:profile']);
    expect(tokens?.refresh_token).toBeTruthy();

    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual(['get_profile']);
    const profile = await client.callTool({ name: 'get_profile', arguments: {} });
    expect(profile.isError).toBeFalsy();
    expect(profile.structuredContent).toMatchObject({ name: 'Maya Lindqvist', email: 'maya@lotusloft.example' });

    // Outside the grant: refused, and the owner's data is unchanged.
    await expect(client.callTool({ name: 'update_profile', arguments: { name: 'Mallory' } })).rejects.toThrow(/403/);
    expect(tg.gateway.services.owner.get().name).toBe('Maya Lindqvist');

    const [connected] = await tg.owner.ok('apps.list');
    expect(connected).toMatchObject({ name: 'Claude Desktop', website: 'https://agent.example', origin: 'registration', software: 'studio-gateway-test-agent 1.0.0' });
    expect(connected?.scopes.sort()).toEqual(['mcp:tools', 'offline_access', 'read:profile']);
    await client.close();
  });

  it('refreshes through the SDK when the access token is no longer accepted, rotating the refresh token', async () => {
    const agent = new TestAgent();
    const client = await connectWithConsent(tg, agent, (request) =>
      tg.owner.ok('consent.decide', decisionFor(request)).then(() => undefined),
    );
    await client.close();
    const before = agent.tokens();
    // The access token dies (as after its hour); the refresh token is still good.
    tg.gateway.services.storage.db.prepare("DELETE FROM tokens WHERE kind = 'AccessToken'").run();

    // The SDK meets a 401, refreshes on its own, and carries on with the rotated pair.
    const again = mcpClient();
    await again.connect(transportFor(tg, agent));
    const after = agent.tokens();
    expect(after?.access_token).toBeTruthy();
    expect(after?.access_token).not.toBe(before?.access_token);
    expect(after?.refresh_token).not.toBe(before?.refresh_token);
    expect((await again.listTools()).tools.length).toBeGreaterThan(0);
    await again.close();
  });

  it('is cut off by Revoke on its very next request, and authorising again starts from nothing', async () => {
    const agent = new TestAgent();
    const client = await connectWithConsent(tg, agent, (request) =>
      tg.owner.ok('consent.decide', decisionFor(request)).then(() => undefined),
    );
    expect((await client.callTool({ name: 'get_profile', arguments: {} })).isError).toBeFalsy();
    const [connected] = await tg.owner.ok('apps.list');
    expect(await tg.owner.ok('apps.revoke', { clientId: connected?.clientId ?? '' })).toEqual({ revoked: true });

    await expect(client.callTool({ name: 'get_profile', arguments: {} })).rejects.toThrow();
    expect(await tg.owner.ok('apps.list')).toEqual([]);

    // The SDK falls back to a new authorization, which the owner must approve again from scratch.
    const again = await connectWithConsent(tg, agent, async (request) => {
      expect(request.requestedScopes.length).toBeGreaterThan(1);
      await tg.owner.ok('consent.decide', { requestId: request.id, decision: 'approve', scopes: ['read:profile'] });
    });
    expect(agent.tokens()?.scope?.split(' ').sort()).toEqual(['mcp:tools', 'read:profile']);
    await again.close();
  });

  it('gets access_denied at its redirect when the owner denies', async () => {
    const agent = new TestAgent();
    await expect(
      connectWithConsent(tg, agent, (request) => tg.owner.ok('consent.decide', { requestId: request.id, decision: 'deny' }).then(() => undefined)),
    ).rejects.toThrow(/no code at the redirect: .*error=access_denied/);
    expect(await tg.owner.ok('apps.list')).toEqual([]);
  });
});
