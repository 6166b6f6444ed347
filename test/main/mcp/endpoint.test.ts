import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../../support/gateway.ts';
import { bearerClient, INITIALIZE, postMcp, toolCall } from '../../support/mcp-agent.ts';
import { codeFlow, exchange } from '../../support/oauth.ts';

let tg: TestGateway;
beforeEach(async () => {
  tg = await startTestGateway();
});
afterEach(async () => {
  await tg.close();
});

async function tokenFor(scope: string, approve?: string[]): Promise<string> {
  const flow = await codeFlow(tg, { scope, ...(approve ? { approve } : {}) });
  return (await exchange(tg, flow)).body.access_token as string;
}

describe('/mcp refuses requests without a good bearer token', () => {
  it('answers 401 with the RFC 9728 resource_metadata and the scopes to ask for', async () => {
    const response = await postMcp(tg.gateway.mcpUrl, INITIALIZE);
    expect(response.status).toBe(401);
    const challenge = response.headers.get('www-authenticate') ?? '';
    expect(challenge).toMatch(/^Bearer /);
    expect(challenge).toContain(`resource_metadata="${tg.gateway.issuer}/.well-known/oauth-protected-resource/mcp"`);
    expect(challenge).toMatch(/scope="[^"]*mcp:tools[^"]*"/);
    expect(challenge).not.toContain('delete:');
    expect(((await response.json()) as { error: { code: number } }).error.code).toBeLessThan(0);
  });

  it('answers invalid_token for an unknown token', async () => {
    const response = await postMcp(tg.gateway.mcpUrl, INITIALIZE, { authorization: 'Bearer not-a-real-token' });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toContain('error="invalid_token"');
  });

  it('refuses a token in the query string, even a valid one', async () => {
    const token = await tokenFor('mcp:tools read:profile');
    const response = await postMcp(`${tg.gateway.mcpUrl}?access_token=${token}`, INITIALIZE);
    expect(response.status).toBe(400);
    expect(response.headers.get('www-authenticate')).toContain('error="invalid_request"');
  });

  it('answers 403 insufficient_scope to a token without mcp:tools', async () => {
    const token = await tokenFor('mcp:tools read:profile', ['read:profile']);
    // mcp:tools is locked on at consent, so strip it from the grant to simulate an older or foreign grant.
    const db = tg.gateway.services.storage.db;
    for (const row of db.prepare<[], { token_hash: Buffer; payload: string }>("SELECT token_hash, payload FROM tokens WHERE kind = 'AccessToken'").all()) {
      const payload = JSON.parse(row.payload) as { scope: string };
      payload.scope = payload.scope.split(' ').filter((s) => s !== 'mcp:tools').join(' ');
      db.prepare('UPDATE tokens SET payload = ? WHERE token_hash = ?').run(JSON.stringify(payload), row.token_hash);
    }
    const response = await postMcp(tg.gateway.mcpUrl, INITIALIZE, { authorization: `Bearer ${token}` });
    expect(response.status).toBe(403);
    expect(response.headers.get('www-authenticate')).toContain('scope="mcp:tools"');
  });

  it('answers 405 to GET and DELETE (stateless: no SSE stream, no sessions)', async () => {
    const token = await tokenFor('mcp:tools read:profile');
    for (const method of ['GET', 'DELETE']) {
      const response = await fetch(tg.gateway.mcpUrl, { method, headers: { authorization: `Bearer ${token}` } });
      expect(response.status, method).toBe(405);
      expect(response.headers.get('allow')).toBe('POST');
    }
  });

  it('refuses a body over 1 MiB with 413 before reading it', async () => {
    const token = await tokenFor('mcp:tools read:profile');
    const response = await postMcp(tg.gateway.mcpUrl, 'x'.repeat(1024 * 1024 + 1), { authorization: `Bearer ${token}` });
    expect(response.status).toBe(413);
  });

  it('answers a JSON-RPC parse error to a body that is not JSON', async () => {
    const token = await tokenFor('mcp:tools read:profile');
    const response = await postMcp(tg.gateway.mcpUrl, '{"jsonrpc":', { authorization: `Bearer ${token}` });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: number } }).error.code).toBe(-32700);
  });
});

describe('/mcp speaks Streamable HTTP (stateless, JSON responses) and refuses what the transport does not allow', () => {
  let auth: Record<string, string>;
  beforeEach(async () => {
    auth = { authorization: `Bearer ${await tokenFor('mcp:tools read:profile')}` };
  });
  const errorOf = async (response: Response) => ((await response.json()) as { error: { code: number; message: string } }).error;

  it('answers 406 when the client does not accept both JSON and SSE', async () => {
    const response = await postMcp(tg.gateway.mcpUrl, toolCall('get_profile'), { ...auth, accept: 'application/json' });
    expect(response.status).toBe(406);
    expect((await errorOf(response)).message).toMatch(/must accept both application\/json and text\/event-stream/);
  });

  it('answers 415 to a body that is not application/json', async () => {
    const response = await postMcp(tg.gateway.mcpUrl, toolCall('get_profile'), { ...auth, 'content-type': 'text/plain; a=application/json' });
    expect(response.status).toBe(415);
  });

  it('answers 400 to an unsupported MCP-Protocol-Version', async () => {
    const response = await postMcp(tg.gateway.mcpUrl, toolCall('get_profile'), { ...auth, 'mcp-protocol-version': '1999-01-01' });
    expect(response.status).toBe(400);
    expect((await errorOf(response)).message).toMatch(/Unsupported protocol version: 1999-01-01/);
  });

  it('answers 400 to JSON that is no JSON-RPC message, and to a batch with one id twice', async () => {
    const notRpc = await postMcp(tg.gateway.mcpUrl, { hello: 'world' }, auth);
    expect(notRpc.status).toBe(400);
    expect((await errorOf(notRpc)).code).toBe(-32700);
    const twice = await postMcp(tg.gateway.mcpUrl, [toolCall('get_profile', {}, 7), toolCall('get_profile', {}, 7)], auth);
    expect(twice.status).toBe(400);
    expect((await errorOf(twice)).code).toBe(-32600);
  });

  it('answers 202 with no body to notifications only', async () => {
    const response = await postMcp(tg.gateway.mcpUrl, { jsonrpc: '2.0', method: 'notifications/initialized' }, auth);
    expect(response.status).toBe(202);
    expect(await response.text()).toBe('');
  });

  it('answers a batch with the responses in request order, and a single request with one object', async () => {
    const batch = await postMcp(tg.gateway.mcpUrl, [{ jsonrpc: '2.0', id: 'b', method: 'tools/list' }, toolCall('get_profile', {}, 'a')], auth);
    expect(batch.status).toBe(200);
    const answers = (await batch.json()) as { id: string; result: Record<string, unknown> }[];
    expect(answers.map((a) => a.id)).toEqual(['b', 'a']);
    expect(answers[0]?.result.tools).toBeDefined();
    const single = await postMcp(tg.gateway.mcpUrl, INITIALIZE, auth);
    expect(single.headers.get('content-type')).toMatch(/^application\/json/);
    expect(((await single.json()) as { id: number; result: { protocolVersion: string } }).result.protocolVersion).toBe('2025-06-18');
  });
});

describe('tools within and outside the grant', () => {
  it('lists only the tools the grant allows; write implies read', async () => {
    const readOnly = await bearerClient(tg.gateway.mcpUrl, await tokenFor('mcp:tools read:profile'));
    expect((await readOnly.listTools()).tools.map((t) => t.name)).toEqual(['get_profile']);
    const writer = await bearerClient(tg.gateway.mcpUrl, await tokenFor('mcp:tools write:profile'));
    expect((await writer.listTools()).tools.map((t) => t.name).sort()).toEqual(['get_profile', 'update_profile']);
    await readOnly.close();
    await writer.close();
  });

  it('refuses a tool outside the grant with 403 insufficient_scope naming the missing scope', async () => {
    const token = await tokenFor('mcp:tools read:profile');
    const response = await postMcp(tg.gateway.mcpUrl, toolCall('update_profile', { name: 'Mallory' }), { authorization: `Bearer ${token}` });
    expect(response.status).toBe(403);
    const challenge = response.headers.get('www-authenticate') ?? '';
    expect(challenge).toContain('error="insufficient_scope"');
    expect(challenge).toMatch(/scope="[^"]*write:profile/);
    const body = (await response.json()) as { id: number; error: { message: string; data: { scope: string } } };
    expect(body.id).toBe(2);
    expect(body.error.message).toContain('Missing scope write:profile');
    expect(body.error.data.scope).toBe('write:profile');
    expect(tg.gateway.services.owner.get().name).toBe('Maya Lindqvist');
  });

  it('describes tools with input schemas and annotations that match their scopes', async () => {
    const client = await bearerClient(tg.gateway.mcpUrl, await tokenFor('mcp:tools write:profile'));
    const { tools } = await client.listTools();
    const get = tools.find((t) => t.name === 'get_profile');
    const update = tools.find((t) => t.name === 'update_profile');
    expect(get?.annotations).toMatchObject({ readOnlyHint: true, destructiveHint: false });
    expect(update?.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: false });
    expect(update?.inputSchema.properties).toHaveProperty('name');
    expect(update?.description).toContain('write:profile');
    await client.close();
  });

  it('refuses bad arguments with a tool error naming them, changing nothing', async () => {
    const client = await bearerClient(tg.gateway.mcpUrl, await tokenFor('mcp:tools write:profile'));
    const empty = await client.callTool({ name: 'update_profile', arguments: { name: '' } });
    expect(empty.isError).toBe(true);
    expect(JSON.stringify(empty.content)).toContain('name:');
    const extra = await client.callTool({ name: 'update_profile', arguments: { name: 'Maya L', payout_account: 'x' } });
    expect(JSON.stringify(extra.content)).toContain('payout_account');
    expect(tg.gateway.services.owner.get().name).toBe('Maya Lindqvist');
    await client.close();
  });

  it('refuses to change the account email whatever the grant, and says why', async () => {
    const client = await bearerClient(tg.gateway.mcpUrl, await tokenFor('mcp:tools write:profile'));
    const result = await client.callTool({ name: 'update_profile', arguments: { name: 'Maya L', email: 'evil@example.com' } });
    expect(result.isError).toBe(true);
    expect(JSON.stringify(result.content)).toContain('email cannot be changed');
    expect(tg.gateway.services.owner.get()).toMatchObject({ name: 'Maya Lindqvist', email: 'maya@lotusloft.example' });
    await client.close();
  });

  it('applies a permitted update', async () => {
    const client = await bearerClient(tg.gateway.mcpUrl, await tokenFor('mcp:tools write:profile'));
    const result = await client.callTool({ name: 'update_profile', arguments: { name: 'Maya L.', settings: { timezone: 'Europe/Stockholm' } } });
    expect(result.isError).toBeFalsy();
    expect(tg.gateway.services.owner.get()).toMatchObject({ name: 'Maya L.', settings: { timezone: 'Europe/Stockholm' } });
    await client.close();
  });

  it('answers an unknown tool with a JSON-RPC error, not a crash', async () => {
    const client = await bearerClient(tg.gateway.mcpUrl, await tokenFor('mcp:tools read:profile'));
    await expect(client.callTool({ name: 'delete_account', arguments: {} })).rejects.toThrow(/Unknown tool/);
    await client.close();
  });
});
