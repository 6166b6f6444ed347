import { LIFETIMES } from '../../src/main/oauth/lifetimes.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.ts';
import { codeFlow, exchange, mcpStatus, refresh } from '../support/oauth.ts';

// Replays and races on the token endpoint (RFC 9700 §2.2.2 and §4.14.2; OAuth 2.1 §4.3.1), many times over. The
// endpoint's contract, each case once (code replay, revocation, retry within the grace), is test/main/oauth/token.test.ts.

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
const pastGrace = () => tg.clock.advance(LIFETIMES.concurrentRefreshGrace * 1000 + 100);

describe('replays', () => {
  it('a reused rotated refresh token revokes the whole family: 100 of 100 trials', async () => {
    const trials: Awaited<ReturnType<typeof family>>[] = [];
    for (let i = 0; i < 100; i++) trials.push(await family());
    // The legitimate client rotates twice; the thief then presents the first token (its successor was used: no retry).
    const first = await Promise.all(trials.map(({ flow, tokens }) => refresh(tg, flow.clientId, tokens.refresh_token)));
    const rotated = await Promise.all(first.map((r, i) => refresh(tg, trials[i]?.flow.clientId ?? '', r.body.refresh_token)));
    expect(rotated.every((r) => r.status === 200)).toBe(true);
    expect((await Promise.all(rotated.map((r) => mcpStatus(tg, r.body.access_token)))).filter((s) => s === 200)).toHaveLength(100);
    pastGrace();
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
});
