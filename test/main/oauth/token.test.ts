import { LIFETIMES } from '../../../src/main/oauth/lifetimes.ts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../../support/gateway.ts';
import { codeFlow, exchange, mcpStatus as mcpStatusOf, refresh as refreshOf, registerClient, revoke as revokeOf, userinfoStatus as userinfoStatusOf } from '../../support/oauth.ts';

let tg: TestGateway;
beforeEach(async () => {
  tg = await startTestGateway();
});
afterEach(async () => {
  await tg.close();
});

const mcpStatus = (accessToken: string | undefined) => mcpStatusOf(tg, accessToken);
const refresh = (clientId: string, refreshToken: string | undefined, extra: Record<string, string> = {}) => refreshOf(tg, clientId, refreshToken, extra);
const revoke = (clientId: string, token: string | undefined) => revokeOf(tg, clientId, token);
const userinfoStatus = (accessToken: string | undefined) => userinfoStatusOf(tg, accessToken);

// The endpoints' contract, each case once. The same attacks run many times over, and the races, are in
// test/adversarial/replays.test.ts (reuse of a rotated refresh token, parallel refreshes).

describe('the token endpoint', () => {
  it('issues opaque, audience-bound 1-hour tokens with Cache-Control: no-store', async () => {
    const flow = await codeFlow(tg);
    const tokens = await exchange(tg, flow);
    expect(tokens.status).toBe(200);
    expect(tokens.headers.get('cache-control')).toBe('no-store');
    expect(tokens.body.token_type).toBe('Bearer');
    expect(Number(tokens.body.expires_in)).toBe(3600);
    expect(tokens.body.access_token?.split('.')).toHaveLength(1);
    expect(await mcpStatus(tokens.body.access_token)).toBe(200);
  });

  it('refuses a replayed code with invalid_grant and no token, and kills the tokens it issued at /mcp and UserInfo', async () => {
    // One audience per token (RFC 8707): a code traded for /mcp, and one traded without a resource (UserInfo).
    const scope = 'openid profile mcp:tools read:profile offline_access';
    const forMcp = await codeFlow(tg, { scope });
    const forUserinfo = await codeFlow(tg, { scope });
    const mcp = await exchange(tg, forMcp);
    const userinfo = await exchange(tg, forUserinfo, { resource: undefined });
    expect(await mcpStatus(mcp.body.access_token)).toBe(200);
    expect(await userinfoStatus(userinfo.body.access_token)).toBe(200);
    for (const [flow, extra] of [[forMcp, {}], [forUserinfo, { resource: undefined }]] as const) {
      const replay = await exchange(tg, flow, extra);
      expect(replay.status).toBe(400);
      expect(replay.body.error).toBe('invalid_grant');
      expect(replay.body.access_token).toBeUndefined();
    }
    expect(await mcpStatus(mcp.body.access_token)).toBe(401);
    expect(await userinfoStatus(userinfo.body.access_token)).toBe(401);
    expect((await refresh(forMcp.clientId, mcp.body.refresh_token)).body.error).toBe('invalid_grant');
  });

  it('refuses a wrong PKCE verifier', async () => {
    const flow = await codeFlow(tg);
    const tokens = await exchange(tg, flow, { code_verifier: 'x'.repeat(43) });
    expect(tokens.body.error).toBe('invalid_grant');
  });

  it('refuses a redirect_uri that differs from the authorization request', async () => {
    const flow = await codeFlow(tg);
    const tokens = await exchange(tg, flow, { redirect_uri: 'http://127.0.0.1:52345/other' });
    expect(tokens.body.error).toBe('invalid_grant');
  });

  it("refuses another client's code", async () => {
    const flow = await codeFlow(tg);
    const other = await registerClient(tg);
    const tokens = await exchange(tg, { ...flow, clientId: other });
    expect(tokens.body.error).toBe('invalid_grant');
  });

  it('issues no refresh token without offline_access', async () => {
    const flow = await codeFlow(tg, { scope: 'mcp:tools read:profile' });
    const tokens = await exchange(tg, flow);
    expect(tokens.body.refresh_token).toBeUndefined();
  });

  it('rotates the refresh token on every use and never widens its scope', async () => {
    const flow = await codeFlow(tg, { scope: 'mcp:tools read:profile write:profile offline_access', approve: ['read:profile', 'offline_access'] });
    const tokens = await exchange(tg, flow);
    const widened = await refresh(flow.clientId, tokens.body.refresh_token, { scope: 'mcp:tools write:profile' });
    expect(widened.body.error).toBe('invalid_scope');
    const rotated = await refresh(flow.clientId, tokens.body.refresh_token);
    expect(rotated.status).toBe(200);
    expect(rotated.body.refresh_token).not.toBe(tokens.body.refresh_token);
    expect(rotated.body.scope?.split(' ').sort()).toEqual(['mcp:tools', 'read:profile']);
  });

  it('takes the previous refresh token again as a retry while its successor was never used, voids that successor, and still revokes a later replay', async () => {
    const flow = await codeFlow(tg);
    const tokens = await exchange(tg, flow);
    const lost = await refresh(flow.clientId, tokens.body.refresh_token); // the answer that never reached the agent
    tg.clock.advance(LIFETIMES.concurrentRefreshGrace * 1000 + 100);
    const retry = await refresh(flow.clientId, tokens.body.refresh_token);
    expect(retry.status).toBe(200);
    expect(await mcpStatus(retry.body.access_token)).toBe(200);
    expect((await refresh(flow.clientId, retry.body.refresh_token)).status).toBe(200);
    // The successor the agent never received is void: presented later (by whoever saw it), it gets nothing.
    const late = await refresh(flow.clientId, lost.body.refresh_token);
    expect(late.body.error).toBe('invalid_grant');
    // The previous token cannot be "retried" again now that its new successor was used: that is a replay.
    tg.clock.advance(LIFETIMES.concurrentRefreshGrace * 1000 + 100);
    expect((await refresh(flow.clientId, tokens.body.refresh_token)).body.error).toBe('invalid_grant');
    expect(await mcpStatus(retry.body.access_token)).toBe(401);
  });
});

describe('revocation (RFC 7009)', () => {
  it('kills a revoked access token at once, at /mcp and UserInfo, and it never works again', async () => {
    const flow = await codeFlow(tg, { scope: 'openid profile mcp:tools read:profile offline_access' });
    const tokens = await exchange(tg, flow);
    expect(await mcpStatus(tokens.body.access_token)).toBe(200);
    // Before: UserInfo knows the token but it is meant for /mcp (RFC 8707), so it refuses it with 403, not 401.
    expect(await userinfoStatus(tokens.body.access_token)).toBe(403);
    expect(await revoke(flow.clientId, tokens.body.access_token)).toBe(200);
    for (let i = 0; i < 3; i++) {
      expect(await mcpStatus(tokens.body.access_token)).toBe(401);
      expect(await userinfoStatus(tokens.body.access_token)).toBe(401);
    }
  });

  it('ends the grant when its refresh token is revoked: the refresh token and the access token stop working', async () => {
    const flow = await codeFlow(tg);
    const tokens = await exchange(tg, flow);
    expect(await mcpStatus(tokens.body.access_token)).toBe(200);
    expect(await revoke(flow.clientId, tokens.body.refresh_token)).toBe(200);
    // Past the grace for concurrent refreshes, so a refresh is judged as a refresh, not as a retry.
    tg.clock.advance(LIFETIMES.concurrentRefreshGrace * 1000 + 100);
    for (let i = 0; i < 3; i++) {
      expect((await refresh(flow.clientId, tokens.body.refresh_token)).body.error).toBe('invalid_grant');
      expect(await mcpStatus(tokens.body.access_token)).toBe(401);
    }
  });

  it("does not let a client revoke another client's tokens", async () => {
    const flow = await codeFlow(tg);
    const tokens = await exchange(tg, flow);
    const other = await registerClient(tg);
    expect(await revoke(other, tokens.body.access_token)).toBe(200);
    expect(await revoke(other, tokens.body.refresh_token)).toBe(200);
    expect(await mcpStatus(tokens.body.access_token)).toBe(200);
    expect((await refresh(flow.clientId, tokens.body.refresh_token)).status).toBe(200);
  });
});
