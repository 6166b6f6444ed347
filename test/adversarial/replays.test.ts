import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.ts';
import { codeFlow, exchange, mcpStatus, refresh, registerClient, revoke, userinfoStatus } from '../support/oauth.ts';

// Replays and races on the token endpoint (RFC 9700 §2.2.2 and §4.14.2; OAuth 2.1 §4.3.1), many times over.

let tg: TestGateway;
beforeAll(async () => {
  tg = await startTestGateway({ demo: false, manyFlows: true });
});
afterAll(async () => {
  await tg?.close();
});

const SCOPE = 'openid profile mcp:tools read:profile offline_access';
/** A fresh family: client, consent, code, first tokens. */
async function family() {
  const flow = await codeFlow(tg, { scope: SCOPE });
  const tokens = await exchange(tg, flow);
  if (tokens.status !== 200) throw new Error(JSON.stringify(tokens.body));
  return { flow, tokens: tokens.body };
}
/** Past the grace for a client's own concurrent refreshes (LIFETIMES.concurrentRefreshGrace): a reuse is a replay. */
const pastGrace = () => new Promise((resolve) => setTimeout(resolve, 2100));

describe('replays', () => {
  it('a reused code answers invalid_grant, and the tokens it issued die at /mcp and UserInfo', async () => {
    // One audience per token (RFC 8707): a code traded for /mcp, and one traded without a resource (UserInfo).
    const forMcp = await codeFlow(tg, { scope: SCOPE });
    const forUserinfo = await codeFlow(tg, { scope: SCOPE });
    const mcp = await exchange(tg, forMcp);
    const userinfo = await exchange(tg, forUserinfo, { resource: undefined });
    expect(await mcpStatus(tg, mcp.body.access_token)).toBe(200);
    expect(await userinfoStatus(tg, userinfo.body.access_token)).toBe(200);
    for (const [flow, extra] of [[forMcp, {}], [forUserinfo, { resource: undefined }]] as const) {
      const again = await exchange(tg, flow, extra);
      expect(again.status).toBe(400);
      expect(again.body.error).toBe('invalid_grant');
      expect(again.body.access_token).toBeUndefined();
    }
    expect(await mcpStatus(tg, mcp.body.access_token)).toBe(401);
    expect(await userinfoStatus(tg, userinfo.body.access_token)).toBe(401);
    expect((await refresh(tg, forMcp.clientId, mcp.body.refresh_token)).body.error).toBe('invalid_grant');
  });

  it('a reused rotated refresh token revokes the whole family: 100 of 100 trials', async () => {
    const trials: Awaited<ReturnType<typeof family>>[] = [];
    for (let i = 0; i < 100; i++) trials.push(await family());
    // The legitimate client rotates twice; the thief then presents the first token (its successor was used: no retry).
    const first = await Promise.all(trials.map(({ flow, tokens }) => refresh(tg, flow.clientId, tokens.refresh_token)));
    const rotated = await Promise.all(first.map((r, i) => refresh(tg, trials[i]?.flow.clientId ?? '', r.body.refresh_token)));
    expect(rotated.every((r) => r.status === 200)).toBe(true);
    await pastGrace();
    const replays = await Promise.all(trials.map(({ flow, tokens }) => refresh(tg, flow.clientId, tokens.refresh_token)));
    expect(replays.filter((r) => r.body.error === 'invalid_grant')).toHaveLength(100);
    const accessAlive = await Promise.all(rotated.map((r) => mcpStatus(tg, r.body.access_token)));
    expect(accessAlive.filter((s) => s === 401)).toHaveLength(100);
    const refreshAlive = await Promise.all(rotated.map((r, i) => refresh(tg, trials[i]?.flow.clientId ?? '', r.body.refresh_token)));
    expect(refreshAlive.filter((r) => r.body.error === 'invalid_grant')).toHaveLength(100);
  }, 120_000);

  it('two parallel refreshes: exactly one wins and its family survives (20 of 20 trials)', async () => {
    const trials: Awaited<ReturnType<typeof family>>[] = [];
    for (let i = 0; i < 20; i++) trials.push(await family());
    const races = await Promise.all(trials.map(({ flow, tokens }) => Promise.all([refresh(tg, flow.clientId, tokens.refresh_token), refresh(tg, flow.clientId, tokens.refresh_token)])));
    for (const [i, pair] of races.entries()) {
      const winners = pair.filter((r) => r.status === 200);
      expect(winners, `trial ${i}`).toHaveLength(1);
      expect(pair.find((r) => r.status !== 200)?.body.error, `trial ${i}`).toBe('invalid_grant');
      expect(await mcpStatus(tg, winners[0]?.body.access_token), `trial ${i}`).toBe(200);
      expect((await refresh(tg, trials[i]?.flow.clientId ?? '', winners[0]?.body.refresh_token)).status, `trial ${i}`).toBe(200);
    }
  }, 60_000);

  it('a revoked access or refresh token never works again', async () => {
    const { flow, tokens } = await family();
    expect(await revoke(tg, flow.clientId, tokens.access_token)).toBe(200);
    const second = await family();
    expect(await revoke(tg, second.flow.clientId, second.tokens.refresh_token)).toBe(200);
    await pastGrace();
    for (let i = 0; i < 3; i++) {
      expect(await mcpStatus(tg, tokens.access_token)).toBe(401);
      expect(await userinfoStatus(tg, tokens.access_token)).toBe(401);
      expect((await refresh(tg, second.flow.clientId, second.tokens.refresh_token)).body.error).toBe('invalid_grant');
      expect(await mcpStatus(tg, second.tokens.access_token)).toBe(401); // revoking the refresh token ends the grant
    }
  });

  it("no client can revoke another client's tokens", async () => {
    const victim = await family();
    const attackers = [await registerClient(tg), await registerClient(tg)];
    for (const attacker of attackers) {
      expect(await revoke(tg, attacker, victim.tokens.access_token)).toBe(200); // RFC 7009 §2.2: no hint either way
      expect(await revoke(tg, attacker, victim.tokens.refresh_token)).toBe(200);
    }
    expect(await mcpStatus(tg, victim.tokens.access_token)).toBe(200);
    expect((await refresh(tg, victim.flow.clientId, victim.tokens.refresh_token)).status).toBe(200);
  });
});
