import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../../support/gateway.ts';
import { postMcp, toolCall } from '../../support/mcp-agent.ts';
import { codeFlow, exchange, refresh } from '../../support/oauth.ts';

// The bearer check keeps its verdict per token and reads the token's rows again only when the access-changes count
// (migration 0011's triggers) moved. Every change to a token, grant or client must move it — including one made by
// another connection to the same file, as a CLI command would — and the next request must see it.

let tg: TestGateway;
let other: Database.Database;
beforeEach(async () => {
  tg = await startTestGateway();
  other = new Database(tg.gateway.services.storage.file);
  other.pragma('busy_timeout = 5000');
});
afterEach(async () => {
  other.close();
  await tg.close();
});

const changes = () => tg.gateway.services.storage.tokens.accessChanges();

async function call(token: string, tool = 'get_profile'): Promise<{ status: number; text: string }> {
  const response = await postMcp(tg.gateway.mcpUrl, toolCall(tool, {}, 1), { authorization: `Bearer ${token}` });
  return { status: response.status, text: await response.text() };
}

async function connectedApp(scope = 'mcp:tools read:profile read:bookings offline_access') {
  const flow = await codeFlow(tg, { scope });
  const tokens = (await exchange(tg, flow)).body as { access_token: string; refresh_token: string };
  expect((await call(tokens.access_token)).status).toBe(200); // checked once: its verdict is kept
  return { ...tokens, clientId: flow.clientId };
}

describe('the bearer check, kept per token while nothing it reads changed', () => {
  it("refuses a token on the next request once another connection deleted it, or its grant, or its client", async () => {
    for (const remove of [
      (app: { clientId: string }) => other.prepare("DELETE FROM tokens WHERE kind = 'AccessToken' AND client_id = ?").run(app.clientId),
      (app: { clientId: string }) => other.prepare('DELETE FROM grants WHERE client_id = ?').run(app.clientId),
      (app: { clientId: string }) => other.prepare('DELETE FROM clients WHERE client_id = ?').run(app.clientId),
    ]) {
      const app = await connectedApp();
      const before = changes();
      remove(app);
      expect(changes()).toBeGreaterThan(before);
      const answer = await call(app.access_token);
      expect(answer.status, answer.text).toBe(401);
      expect(answer.text).toMatch(/unknown, expired or revoked|revoked or has expired/);
    }
  });

  it("sees a grant narrowed or ended by another connection on the next request", async () => {
    const app = await connectedApp();
    const grant = other.prepare<[string], { grant_id: string; payload: string }>('SELECT grant_id, payload FROM grants WHERE client_id = ?').get(app.clientId);
    if (!grant) throw new Error('no grant');
    const narrowed = JSON.parse(grant.payload) as { resources: Record<string, string> };
    for (const resource of Object.keys(narrowed.resources)) narrowed.resources[resource] = 'mcp:tools read:bookings';
    other.prepare('UPDATE grants SET payload = ? WHERE grant_id = ?').run(JSON.stringify(narrowed), grant.grant_id);
    const refused = await call(app.access_token);
    expect(refused.status, refused.text).toBe(403);
    expect(refused.text).toContain('read:profile');
    expect((await call(app.access_token, 'list_bookings')).status).toBe(200);

    other.prepare('UPDATE grants SET expires_at = 1 WHERE grant_id = ?').run(grant.grant_id);
    const ended = await call(app.access_token, 'list_bookings');
    expect(ended.status, ended.text).toBe(401);
  });

  it('names the caller as the client is named now', async () => {
    const app = await connectedApp();
    other.prepare("UPDATE clients SET client_name = 'Renamed agent' WHERE client_id = ?").run(app.clientId);
    expect((await call(app.access_token)).status).toBe(200);
    const row = other.prepare<[], { client_name: string }>("SELECT client_name FROM audit_log WHERE tool = 'get_profile' ORDER BY id DESC LIMIT 1").get();
    expect(row?.client_name).toBe('Renamed agent');
  });

  it("is not moved by what no check reads: a refresh token's rotation, a use of the app, an audit row", async () => {
    const app = await connectedApp();
    const before = changes();
    other.prepare('UPDATE clients SET last_used_at = last_used_at + 1 WHERE client_id = ?').run(app.clientId);
    other.prepare("UPDATE tokens SET consumed_at_ms = 1 WHERE kind = 'RefreshToken' AND client_id = ?").run(app.clientId);
    expect((await call(app.access_token)).status).toBe(200);
    expect(changes()).toBe(before);
    // A refresh issues an access token: that one moves it (a new row a check may read).
    const fresh = await connectedApp();
    const afterNew = changes();
    expect(afterNew).toBeGreaterThan(before);
    expect((await refresh(tg, fresh.clientId, fresh.refresh_token)).status).toBe(200);
    expect(changes()).toBeGreaterThan(afterNew);
  });
});
