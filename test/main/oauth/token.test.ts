import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../../support/gateway.ts';
import { codeFlow, exchange, mcpStatus as mcpStatusOf, refresh as refreshOf, registerClient, revoke as revokeOf } from '../../support/oauth.ts';

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

  it('refuses a replayed code with invalid_grant and kills the tokens it issued', async () => {
    const flow = await codeFlow(tg, { scope: 'openid mcp:tools read:profile offline_access' });
    const first = await exchange(tg, flow);
    expect(first.status).toBe(200);
    const replay = await exchange(tg, flow);
    expect(replay.status).toBe(400);
    expect(replay.body.error).toBe('invalid_grant');
    expect(await mcpStatus(first.body.access_token)).toBe(401);
    expect((await refresh(flow.clientId, first.body.refresh_token)).body.error).toBe('invalid_grant');
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

  it('revokes the whole grant when a rotated refresh token is reused after its successor was used', async () => {
    const flow = await codeFlow(tg);
    const tokens = await exchange(tg, flow);
    const rotated = await refresh(flow.clientId, tokens.body.refresh_token);
    const again = await refresh(flow.clientId, rotated.body.refresh_token);
    expect(again.status).toBe(200);
    // Past the grace for concurrent refreshes (LIFETIMES.concurrentRefreshGrace): a replay (RFC 9700 §4.14.2).
    await new Promise((resolve) => setTimeout(resolve, 2100));
    const reuse = await refresh(flow.clientId, tokens.body.refresh_token);
    expect(reuse.body.error).toBe('invalid_grant');
    // The thief's replay ends the family: the legitimate holder's new tokens die too.
    expect(await mcpStatus(again.body.access_token)).toBe(401);
    expect((await refresh(flow.clientId, again.body.refresh_token)).body.error).toBe('invalid_grant');
  });

  it('takes the previous refresh token again as a retry while its successor was never used, voids that successor, and still revokes a later replay', async () => {
    const flow = await codeFlow(tg);
    const tokens = await exchange(tg, flow);
    const lost = await refresh(flow.clientId, tokens.body.refresh_token); // the answer that never reached the agent
    await new Promise((resolve) => setTimeout(resolve, 2100));
    const retry = await refresh(flow.clientId, tokens.body.refresh_token);
    expect(retry.status).toBe(200);
    expect(await mcpStatus(retry.body.access_token)).toBe(200);
    expect((await refresh(flow.clientId, retry.body.refresh_token)).status).toBe(200);
    // The successor the agent never received is void: presented later (by whoever saw it), it gets nothing.
    const late = await refresh(flow.clientId, lost.body.refresh_token);
    expect(late.body.error).toBe('invalid_grant');
    // The previous token cannot be "retried" again now that its new successor was used: that is a replay.
    await new Promise((resolve) => setTimeout(resolve, 2100));
    expect((await refresh(flow.clientId, tokens.body.refresh_token)).body.error).toBe('invalid_grant');
    expect(await mcpStatus(retry.body.access_token)).toBe(401);
  });

  it('lets exactly one of two parallel refreshes through, and that family stays alive', async () => {
    const flow = await codeFlow(tg);
    const tokens = await exchange(tg, flow);
    const results = await Promise.all([refresh(flow.clientId, tokens.body.refresh_token), refresh(flow.clientId, tokens.body.refresh_token)]);
    const winners = results.filter((r) => r.status === 200);
    expect(winners).toHaveLength(1);
    expect(results.find((r) => r.status !== 200)?.body.error).toBe('invalid_grant');
    expect(await mcpStatus(winners[0]?.body.access_token)).toBe(200);
    expect((await refresh(flow.clientId, winners[0]?.body.refresh_token)).status).toBe(200);
  });
});

describe('revocation (RFC 7009)', () => {
  it('kills a revoked access token at once', async () => {
    const flow = await codeFlow(tg);
    const tokens = await exchange(tg, flow);
    expect(await revoke(flow.clientId, tokens.body.access_token)).toBe(200);
    expect(await mcpStatus(tokens.body.access_token)).toBe(401);
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
