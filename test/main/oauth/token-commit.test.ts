import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashSecret } from '../../../src/main/storage/secrets.ts';
import { startTestGateway, type TestGateway } from '../../support/gateway.ts';
import { codeFlow, exchange, refresh } from '../../support/oauth.ts';

// The token endpoint writes what a request issued (the rotation, the new tokens) and its audit row in one transaction,
// committed with the other requests' before any answer leaves (oauth/audit-middleware.ts, storage/group-commit.ts).

let tg: TestGateway;
let reader: Database.Database;
beforeEach(async () => {
  tg = await startTestGateway();
  reader = new Database(tg.gateway.services.storage.file, { readonly: true }); // sees committed rows only
});
afterEach(async () => {
  reader.close();
  await tg.close();
});

const stored = (value: string) => reader.prepare<[Buffer], { kind: string; consumed_at_ms: number | null }>('SELECT kind, consumed_at_ms FROM tokens WHERE token_hash = ?').get(hashSecret(value));
const tokenRows = () => reader.prepare<[], { n: number }>("SELECT count(*) AS n FROM audit_log WHERE endpoint = 'token'").get()?.n ?? 0;

describe('a token answer', () => {
  it('leaves only once the tokens it carries, the rotation and its audit row are committed — for many families at once', async () => {
    const families: { clientId: string; refreshToken: string }[] = [];
    for (let i = 0; i < 4; i++) {
      const flow = await codeFlow(tg);
      const tokens = await exchange(tg, flow);
      families.push({ clientId: flow.clientId, refreshToken: tokens.body.refresh_token as string });
    }
    const audited = tokenRows();
    for (let round = 0; round < 3; round++) {
      const answers = await Promise.all(families.map((f) => refresh(tg, f.clientId, f.refreshToken)));
      answers.forEach((answer, i) => {
        const family = families[i];
        if (!family) throw new Error('no family');
        expect(answer.status).toBe(200);
        expect(stored(family.refreshToken)?.consumed_at_ms).not.toBeNull();
        expect(stored(answer.body.refresh_token as string)).toEqual({ kind: 'RefreshToken', consumed_at_ms: null });
        expect(stored(answer.body.access_token as string)).toEqual({ kind: 'AccessToken', consumed_at_ms: null });
        family.refreshToken = answer.body.refresh_token as string;
      });
      expect(tokenRows()).toBe(audited + (round + 1) * families.length);
    }
  });

  it('refuses the loser of two requests racing with one refresh token at once, and commits only the winner', async () => {
    const flow = await codeFlow(tg);
    const first = (await exchange(tg, flow)).body.refresh_token as string;
    const answers = await Promise.all([refresh(tg, flow.clientId, first), refresh(tg, flow.clientId, first)]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 400]);
    const winner = answers.find((a) => a.status === 200);
    const loser = answers.find((a) => a.status === 400);
    expect(loser?.body.error).toBe('invalid_grant');
    expect(stored(winner?.body.refresh_token as string)?.consumed_at_ms).toBeNull();
    // The winner's family goes on; the grant was not revoked.
    expect((await refresh(tg, flow.clientId, winner?.body.refresh_token as string)).status).toBe(200);
  });
});
