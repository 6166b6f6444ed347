import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../../support/gateway.ts';
import { postMcp, toolCall } from '../../support/mcp-agent.ts';
import { codeFlow, exchange } from '../../support/oauth.ts';

// A lone tools/call is answered by the endpoint through the toolbox's tools/call handler directly (endpoint.ts); the
// same call in a batch of one goes through an MCP SDK server. Both must answer the same, byte for byte, and audit once.

let tg: TestGateway;
beforeEach(async () => {
  tg = await startTestGateway();
});
afterEach(async () => {
  await tg.close();
});

const auditRows = () => tg.gateway.services.storage.db.prepare<[], { n: number }>("SELECT count(*) AS n FROM audit_log WHERE endpoint = 'tools/call'").get()?.n ?? 0;

/** The answer to a lone call and to the same call as a batch of one (its one element), as the bytes sent. */
async function bothPaths(token: string, call: unknown): Promise<{ lone: string; batched: string; loneStatus: number }> {
  const headers = { authorization: `Bearer ${token}` };
  const lone = await postMcp(tg.gateway.mcpUrl, call, headers);
  const batched = await postMcp(tg.gateway.mcpUrl, [call], headers);
  expect(batched.status).toBe(200);
  const [element] = (await batched.json()) as unknown[];
  return { lone: await lone.text(), batched: JSON.stringify(element), loneStatus: lone.status };
}

describe('a lone tools/call, answered without an MCP server made for it', () => {
  it('answers exactly as the SDK server does: results, tool errors, invalid arguments, refusals, unknown tools', async () => {
    const flow = await codeFlow(tg, { scope: 'mcp:tools read:bookings read:profile' });
    const token = (await exchange(tg, flow)).body.access_token as string;
    const snippet = (await tg.owner.ok('tokens.mint', { bundle: 'custom', scopes: ['read:bookings'], clientName: 'Snippet', expiresInDays: 1 })).token;
    const cases: [string, unknown][] = [
      [token, toolCall('list_bookings', { status: 'confirmed', limit: 3 }, 7)],
      [token, toolCall('list_bookings', { limit: 'many' }, 'abc')],
      [token, toolCall('get_booking', { booking_id: 'bkg_nope' }, 9)],
      [token, { jsonrpc: '2.0', id: 10, method: 'tools/call', params: { name: 'get_profile' } }],
      [token, toolCall('no_such_tool', {}, 11)],
      [snippet, toolCall('get_profile', {}, 12)],
    ];
    for (const [bearer, call] of cases) {
      const before = auditRows();
      const { lone, batched, loneStatus } = await bothPaths(bearer, call);
      expect(loneStatus, lone).toBe(200);
      expect(lone, JSON.stringify(call)).toBe(batched);
      expect(JSON.parse(lone)).toHaveProperty('jsonrpc', '2.0');
      // Each path audited its one call (an unknown tool is no tool call: the SDK answers it, recorded as answered).
      expect(auditRows() - before, JSON.stringify(call)).toBe(JSON.stringify(call).includes('no_such_tool') ? 0 : 2);
    }
  });

  it('is answered only once its audit row is committed', async () => {
    const flow = await codeFlow(tg, { scope: 'mcp:tools read:bookings' });
    const token = (await exchange(tg, flow)).body.access_token as string;
    const reader = new Database(tg.gateway.services.storage.file, { readonly: true }); // sees committed rows only
    try {
      const committed = () => reader.prepare<[], { n: number }>("SELECT count(*) AS n FROM audit_log WHERE tool = 'list_bookings'").get()?.n ?? 0;
      const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => postMcp(tg.gateway.mcpUrl, toolCall('list_bookings', { limit: 1 }, i), { authorization: `Bearer ${token}` })));
      expect(answers.map((a) => a.status)).toEqual(Array.from({ length: 20 }, () => 200));
      expect(committed()).toBe(20);
    } finally {
      reader.close();
    }
  });
});
