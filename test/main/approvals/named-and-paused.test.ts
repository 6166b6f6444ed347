import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { plainText } from '../../../src/shared/sentence.ts';
import { defined } from '../../support/defined.ts';
import { startTestGateway, type TestGateway } from '../../support/gateway.ts';
import { bearerClient, postMcp, tokenWithScopes, toolCall } from '../../support/mcp-agent.ts';
import { call } from '../../support/tools.ts';

// A held call names the record it would change and when the agent is told no; "Deny and pause this app" denies it and
// pauses that one app from its very next request, until the owner resumes it.

let tg: TestGateway;
beforeEach(async () => {
  tg = await startTestGateway();
  await tg.owner.ok('settings.update', { approvals: { enabled: true, timeoutSeconds: 90 } });
});
afterEach(async () => {
  await tg.close();
});

/** A demo client with booking history and no upcoming booking (delete_client may run), and how many bookings it has. */
function deletableClient() {
  const { storage } = tg.gateway.services;
  const now = tg.gateway.services.now();
  const client = defined(
    storage.customers.list({}, { limit: 500 }).items.find((c) => storage.bookings.liveUpcomingForClient(c.id, now) === 0 && storage.bookings.list({ clientId: c.id }, { limit: 1 }).items.length > 0),
    'a client with past bookings only',
  );
  return { client, bookings: storage.bookings.list({ clientId: client.id }, { limit: 10_000 }).items.length };
}

async function waitingCalls(n: number) {
  await expect.poll(async () => (await tg.owner.ok('approvals.list')).length).toBe(n);
  return tg.owner.ok('approvals.list');
}

describe('a waiting approval', () => {
  it('says what will happen with the real names and the size of the change, and when the agent is told no', async () => {
    const { client, bookings } = deletableClient();
    const token = await tokenWithScopes(tg, ['delete:clients']);
    const agent = await bearerClient(tg.gateway.mcpUrl, token);
    const outcome = call(agent, 'delete_client', { client_id: client.id });
    const [waiting] = await waitingCalls(1);
    expect(waiting?.sentence).toEqual([{ text: 'Delete client ' }, { text: client.name, name: true }, { text: ` — ${bookings} bookings${client.notes.trim() ? ' and notes' : ''}` }]);
    expect(waiting?.timeoutSeconds).toBe(90);
    expect(Date.parse(waiting?.expiresAt ?? '') - Date.parse(waiting?.requestedAt ?? '')).toBe(90_000);
    await tg.owner.ok('approvals.decide', { id: waiting?.id ?? '', decision: 'deny' });
    expect((await outcome).text).toContain('denied');
    // The log says what was tried, with the name, and the name finds it.
    const firstName = defined(client.name.split(' ')[0], 'first name');
    const [row] = (await tg.owner.ok('audit.list', { query: firstName, tool: 'delete_client' })).rows;
    expect(row).toMatchObject({ status: 'refused', reason: 'denied_by_owner', summary: `tried to ${plainText(waiting?.sentence ?? []).replace(/^D/, 'd')}` });
    await agent.close();
  });
});

describe('Deny and pause this app', () => {
  it('denies the call, ends the app’s other waiting calls, refuses its next request, shows it paused, and resumes on request', async () => {
    const { client } = deletableClient();
    const token = await tokenWithScopes(tg, ['delete:clients', 'read:clients']);
    const agent = await bearerClient(tg.gateway.mcpUrl, token);
    const other = await bearerClient(tg.gateway.mcpUrl, await tokenWithScopes(tg, ['delete:clients']));
    const first = call(agent, 'delete_client', { client_id: client.id });
    const second = call(agent, 'delete_client', { client_id: client.id });
    const othersCall = call(other, 'delete_client', { client_id: client.id });
    const waiting = await waitingCalls(3);
    const target = defined(waiting.find((w) => w.clientName.includes('read:clients')), 'the paused app’s call');

    expect(await tg.owner.ok('approvals.decide', { id: target.id, decision: 'deny_and_pause' })).toEqual({ decided: 'denied_and_paused', clientId: target.clientId });
    const answers = await Promise.all([first, second]);
    expect(answers.map((a) => a.isError)).toEqual([true, true]);
    expect(answers.map((a) => a.text).join('\n')).toMatch(/denied this delete_client call in Studio Gateway and paused this app[\s\S]*paused this app in Studio Gateway while/);
    // The other app's call still waits, and nothing was deleted.
    const [left] = await waitingCalls(1);
    expect(left?.clientId).not.toBe(target.clientId);
    expect(tg.gateway.services.storage.customers.find(client.id)).toBeDefined();

    // The very next request of the paused app is refused, whatever it asks; other apps go on.
    const refused = await postMcp(tg.gateway.mcpUrl, toolCall('list_clients', {}), { authorization: `Bearer ${token}` });
    expect(refused.status).toBe(503);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toContain('paused this app');
    const apps = await tg.owner.ok('apps.list');
    expect(apps.find((a) => a.clientId === target.clientId)?.paused).toBe(true);
    expect(apps.filter((a) => a.paused)).toHaveLength(1);
    const [row] = (await tg.owner.ok('audit.list', { clientId: target.clientId, endpoint: 'mcp' })).rows;
    expect(row).toMatchObject({ status: 'refused', httpStatus: 503 });

    // Resumed on the apps page: its next request goes through.
    await tg.owner.ok('apps.setPaused', { clientId: target.clientId, paused: false });
    expect((await tg.owner.ok('apps.list')).find((a) => a.clientId === target.clientId)?.paused).toBe(false);
    const resumed = await postMcp(tg.gateway.mcpUrl, toolCall('list_clients', {}), { authorization: `Bearer ${token}` });
    expect(resumed.status).toBe(200);

    await tg.owner.ok('approvals.decide', { id: left?.id ?? '', decision: 'deny' });
    await othersCall;
    await Promise.all([agent.close(), other.close()]);
  });

  it('keeps an app paused across a restart, and refuses pausing an app that does not exist', async () => {
    await tokenWithScopes(tg, ['read:clients']);
    const clientId = defined((await tg.owner.ok('apps.list'))[0], 'the app').clientId;
    await tg.owner.ok('apps.setPaused', { clientId, paused: true });
    expect(await tg.owner.call('apps.setPaused', { clientId: 'no-such-app', paused: true })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const dataDir = tg.dataDir;
    await tg.gateway.close();
    tg = await startTestGateway({ dataDir });
    // (A token is bound to the gateway's address, which changes with the port: the app's card says it is paused.)
    expect((await tg.owner.ok('apps.list')).find((a) => a.clientId === clientId)?.paused).toBe(true);
  });
});
