import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../../support/gateway.ts';
import { tokenWithScopes, toolCall } from '../../support/mcp-agent.ts';
import { agentWith, call } from '../../support/tools.ts';

// A held call is bound to the state that let it wait: revoking its app or pausing agents ends it refused, and an
// approval runs it only if the grant still allows it.

let tg: TestGateway;
beforeEach(async () => {
  tg = await startTestGateway();
  await tg.owner.ok('settings.update', { approvals: { enabled: true, timeoutSeconds: 60 } });
});
afterEach(async () => {
  await tg.close();
});

/** An agent allowed to delete clients, with one delete_client call waiting for the owner. */
async function heldDelete() {
  const agent = await agentWith(tg, ['delete:clients']);
  const target = tg.gateway.services.storage.customers.list({}, { limit: 200 }).items.find((c) => !tg.gateway.services.storage.bookings.list({ clientId: c.id }, { limit: 1 }).items.length);
  if (!target) throw new Error('the demo studio has no client without bookings');
  const outcome = call(agent, 'delete_client', { client_id: target.id });
  await expect.poll(async () => (await tg.owner.ok('approvals.list')).length).toBe(1);
  const [waiting] = await tg.owner.ok('approvals.list');
  return { agent, target, outcome, waiting };
}

describe('a held call and the state that let it wait', () => {
  it('shows the owner the validated arguments, whole', async () => {
    const { agent, target, outcome, waiting } = await heldDelete();
    expect(waiting?.args).toEqual({ client_id: target.id });
    await tg.owner.ok('approvals.decide', { id: waiting?.id ?? '', decision: 'deny' });
    expect((await outcome).isError).toBe(true);
    await agent.close();
  });

  it('ends refused when the owner revokes the app: the agent is told why, nothing is deleted, nothing is left to approve', async () => {
    const { agent, target, outcome, waiting } = await heldDelete();
    await tg.owner.ok('apps.revoke', { clientId: waiting?.clientId ?? '' });
    const answer = await outcome;
    expect(answer.isError).toBe(true);
    expect(answer.text).toContain("revoked this app's access");
    expect(await tg.owner.ok('approvals.list')).toEqual([]);
    expect(await tg.owner.call('approvals.decide', { id: waiting?.id ?? '', decision: 'approve' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(tg.gateway.services.storage.customers.find(target.id)).toBeDefined();
    const [row] = (await tg.owner.ok('audit.list', { tool: 'delete_client' })).rows;
    expect(row).toMatchObject({ status: 'refused', reason: 'access_revoked_while_waiting' });
    await agent.close();
  });

  it('ends refused when the owner pauses all agents', async () => {
    const { agent, target, outcome } = await heldDelete();
    await tg.owner.ok('gateway.setPaused', { paused: true });
    const answer = await outcome;
    expect(answer.isError).toBe(true);
    expect(answer.text).toContain('paused all agents');
    expect(await tg.owner.ok('approvals.list')).toEqual([]);
    expect(tg.gateway.services.storage.customers.find(target.id)).toBeDefined();
    await agent.close();
  });

  it('checks the grant again after an approval: a grant that ended while the call waited runs nothing', async () => {
    const { agent, target, outcome, waiting } = await heldDelete();
    // The grant expires while the owner reads the call (expiry is the one change that does not go through the panel).
    tg.gateway.services.storage.db.prepare('UPDATE grants SET expires_at = 1 WHERE client_id = ?').run(waiting?.clientId);
    await tg.owner.ok('approvals.decide', { id: waiting?.id ?? '', decision: 'approve' });
    const answer = await outcome;
    expect(answer.isError).toBe(true);
    expect(answer.text).toContain('was not run');
    expect(tg.gateway.services.storage.customers.find(target.id)).toBeDefined();
    await agent.close();
  });

  it('ends when the agent hangs up: nothing is left to approve, nothing runs, the log says why', async () => {
    const token = await tokenWithScopes(tg, ['delete:clients']);
    const target = tg.gateway.services.storage.customers.list({}, { limit: 200 }).items.find((c) => !tg.gateway.services.storage.bookings.list({ clientId: c.id }, { limit: 1 }).items.length);
    const hangUp = new AbortController();
    const request = fetch(tg.gateway.mcpUrl, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify(toolCall('delete_client', { client_id: target?.id })),
      signal: hangUp.signal,
    }).catch(() => 'hung up');
    await expect.poll(async () => (await tg.owner.ok('approvals.list')).length).toBe(1);
    const [waiting] = await tg.owner.ok('approvals.list');
    hangUp.abort();
    expect(await request).toBe('hung up');
    await expect.poll(async () => (await tg.owner.ok('approvals.list')).length).toBe(0);
    expect(await tg.owner.call('approvals.decide', { id: waiting?.id ?? '', decision: 'approve' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(tg.gateway.services.storage.customers.find(target?.id ?? '')).toBeDefined();
    expect((await tg.owner.ok('audit.list', { tool: 'delete_client' })).rows[0]).toMatchObject({ status: 'refused', reason: 'agent_went_away' });
  });

  it('runs the call when the approval still holds (the control case)', async () => {
    const { agent, target, outcome, waiting } = await heldDelete();
    await tg.owner.ok('approvals.decide', { id: waiting?.id ?? '', decision: 'approve' });
    expect((await outcome).isError).toBe(false);
    expect(tg.gateway.services.storage.customers.find(target.id)).toBeUndefined();
    await agent.close();
  });

  it("revoking one app leaves another app's waiting call alone", async () => {
    const first = await heldDelete();
    const other = await agentWith(tg, ['delete:clients', 'write:messages']);
    await tg.owner.ok('settings.update', { approvals: { tools: ['send_message'] } });
    const threadId = tg.gateway.services.storage.threads.list({}, { limit: 1 }).items[0]?.id;
    const message = call(other, 'send_message', { thread_id: threadId, body: 'See you on Tuesday!' });
    await expect.poll(async () => (await tg.owner.ok('approvals.list')).length).toBe(2);
    await tg.owner.ok('apps.revoke', { clientId: first.waiting?.clientId ?? '' });
    expect((await first.outcome).text).toContain('revoked');
    const [left] = await tg.owner.ok('approvals.list');
    expect(left).toMatchObject({ tool: 'send_message', args: { thread_id: threadId, body: 'See you on Tuesday!' } });
    await tg.owner.ok('approvals.decide', { id: left?.id ?? '', decision: 'approve' });
    expect((await message).isError).toBe(false);
    await Promise.all([first.agent.close(), other.close()]);
  });
});
