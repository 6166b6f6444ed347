import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditRowView } from '../../../src/shared/control-api.ts';
import { startTestGateway, type TestGateway } from '../../support/gateway.ts';
import { connectWithConsent, INITIALIZE, postMcp, TestAgent } from '../../support/mcp-agent.ts';
import { codeFlow, decisionFor, exchange, tokenRequest } from '../../support/oauth.ts';

let tg: TestGateway;
beforeEach(async () => {
  tg = await startTestGateway();
});
afterEach(async () => {
  await tg.close();
});

async function rows(filter: Record<string, unknown> = {}): Promise<AuditRowView[]> {
  return (await tg.owner.ok('audit.list', { limit: 500, ...filter })).rows.reverse();
}

describe('every request goes on the record', () => {
  it('records the whole MCP SDK flow: 401, register, authorize, consent by the owner, token, initialize, tools/list, tools/call', async () => {
    const agent = new TestAgent('Claude Desktop');
    const client = await connectWithConsent(tg, agent, (r) => tg.owner.ok('consent.decide', { requestId: r.id, decision: 'approve', scopes: ['read:profile'] }).then(() => undefined));
    await client.listTools();
    const sent = performance.now();
    await client.callTool({ name: 'get_profile', arguments: {} });
    const roundTrip = performance.now() - sent;
    await client.close();

    const all = await rows();
    const endpoints = all.map((r) => r.endpoint);
    expect(endpoints).toEqual(expect.arrayContaining(['mcp', 'register', 'authorize', 'consent.decide', 'token', 'initialize', 'tools/list', 'tools/call']));
    const clientId = all.find((r) => r.endpoint === 'register')?.clientId;
    const consent = all.find((r) => r.endpoint === 'consent.decide');
    expect(consent).toMatchObject({ kind: 'control', actor: 'owner (web-panel)', clientId, clientName: 'Claude Desktop', status: 'ok' });
    const call = all.find((r) => r.endpoint === 'tools/call');
    expect(call).toMatchObject({ kind: 'mcp', tool: 'get_profile', clientId, clientName: 'Claude Desktop', status: 'ok' });
    expect(call?.grantId).toBeTruthy();
    // How long the gateway spent on the call, in ms: some time, and never more than the round trip the agent saw.
    expect(call?.durationMs).toBeGreaterThan(0);
    expect(call?.durationMs).toBeLessThanOrEqual(roundTrip);
    expect(all.find((r) => r.endpoint === 'mcp' && r.httpStatus === 401)?.status).toBe('refused');
    expect(all.find((r) => r.endpoint === 'token')).toMatchObject({ status: 'ok', clientId, httpStatus: 200 });
  });

  it('records refusals with their reason: scope, business rule, bad arguments, bad token', async () => {
    const minted = await tg.owner.ok('tokens.mint', { bundle: 'custom', scopes: ['read:profile', 'write:clients'], clientName: 'Scripted', expiresInDays: 1 });
    const auth = { authorization: `Bearer ${minted.token}` };
    const call = (name: string, args: Record<string, unknown>) => postMcp(tg.gateway.mcpUrl, { jsonrpc: '2.0', id: 9, method: 'tools/call', params: { name, arguments: args } }, auth);
    await call('update_profile', { name: 'x' });
    await call('update_client_notes', { client_id: 'cli_missing', notes: 'n' });
    await call('tag_client', { client_id: 42 });
    await postMcp(tg.gateway.mcpUrl, INITIALIZE, { authorization: 'Bearer forged' });

    const calls = await rows({ endpoint: 'tools/call' });
    expect(calls.map((r) => [r.tool, r.status, r.reason])).toEqual([
      ['update_profile', 'refused', 'insufficient_scope: needs write:profile'],
      ['update_client_notes', 'refused', 'not_found'],
      ['tag_client', 'refused', 'invalid_arguments'],
    ]);
    expect(calls.every((r) => r.clientName === 'Scripted')).toBe(true);
    expect((await rows({ status: 'refused', endpoint: 'mcp' })).at(-1)?.reason).toMatch(/^invalid_token/);
  });

  it('records token refresh, token failure, revocation and userinfo', async () => {
    const flow = await codeFlow(tg, { scope: 'openid profile mcp:tools read:profile offline_access' });
    const tokens = await exchange(tg, flow, { resource: undefined });
    await tokenRequest(tg, { grant_type: 'refresh_token', refresh_token: tokens.body.refresh_token, client_id: flow.clientId, resource: tg.gateway.mcpUrl });
    await tokenRequest(tg, { grant_type: 'refresh_token', refresh_token: 'bogus', client_id: flow.clientId });
    await fetch(`${tg.gateway.issuer}/userinfo`, { headers: { authorization: `Bearer ${tokens.body.access_token}` } });
    await fetch(`${tg.gateway.issuer}/revoke`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ token: tokens.body.access_token ?? '', client_id: flow.clientId }) });

    const oauth = await rows({ kind: 'oauth', clientId: flow.clientId });
    const tokenRows = oauth.filter((r) => r.endpoint === 'token');
    expect(tokenRows.map((r) => [JSON.parse(r.args).grant_type, r.status])).toEqual([
      ['authorization_code', 'ok'],
      ['refresh_token', 'ok'],
      ['refresh_token', 'refused'],
    ]);
    expect(tokenRows[2]?.reason).toMatch(/^invalid_grant/);
    expect(oauth.find((r) => r.endpoint === 'userinfo')?.status).toBe('ok');
    expect(oauth.find((r) => r.endpoint === 'revoke')?.status).toBe('ok');
  });

  it('keeps a client\u2019s rows after it is revoked, and its timeline shows every step', async () => {
    const agent = new TestAgent('Cursor');
    const client = await connectWithConsent(tg, agent, (r) => tg.owner.ok('consent.decide', decisionFor(r)).then(() => undefined));
    await client.callTool({ name: 'get_profile', arguments: {} });
    const clientId = (await tg.owner.ok('apps.list'))[0]?.clientId ?? '';
    await tg.owner.ok('apps.revoke', { clientId });
    await client.callTool({ name: 'get_profile', arguments: {} }).catch(() => undefined);
    await client.close();

    const kept = await rows({ clientId });
    expect(kept.filter((r) => r.endpoint === 'tools/call').length).toBeGreaterThanOrEqual(1);
    const timeline = await tg.owner.ok('audit.timeline', { clientId });
    const steps = [timeline.registeredAt, timeline.consentAt, timeline.firstTokenAt, timeline.firstCallAt, timeline.revokedAt];
    expect(steps.every((s) => s !== null)).toBe(true);
    expect([...steps].sort()).toEqual(steps);
    expect(timeline.lastCallAt).not.toBeNull();
  });
});
