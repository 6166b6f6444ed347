import { afterAll, beforeAll, expect, it } from 'vitest';
import { defined } from '../../support/defined.ts';
import { startTestGateway, type TestGateway } from '../../support/gateway.ts';
import { agentWith, call } from '../../support/tools.ts';

// The log says what agents did in words, with names, written when the call was made; the owner finds it by a name.

let tg: TestGateway;
beforeAll(async () => {
  tg = await startTestGateway();
});
afterAll(async () => {
  await tg.close();
});

it('writes what a call did with the names it touched, never the text of a note, and finds it by a name', async () => {
  const { storage } = tg.gateway.services;
  const client = defined(storage.customers.list({}, { limit: 1 }).items[0], 'a demo client');
  const [firstName, lastName] = client.name.split(' ');
  const agent = await agentWith(tg, ['write:clients', 'read:classes']);
  expect((await call(agent, 'update_client_notes', { client_id: client.id, notes: 'Zebrafinch allergy' })).isError).toBe(false);
  expect((await call(agent, 'list_classes', {})).isError).toBe(false);
  expect((await call(agent, 'tag_client', { client_id: 'cli_0000000000000000', add: ['vip'] })).isError).toBe(true);
  await agent.close();

  const rows = (await tg.owner.ok('audit.list', { kind: 'mcp', endpoint: 'tools/call' })).rows;
  expect(rows.map((row) => [row.tool, row.status, row.summary])).toEqual([
    ['tag_client', 'refused', null],
    ['list_classes', 'ok', 'looked at your classes'],
    ['update_client_notes', 'ok', `added a note to ${client.name}`],
  ]);
  for (const query of [defined(firstName, 'first name'), `${lastName} note`, client.name.toLowerCase()]) {
    const found = (await tg.owner.ok('audit.list', { query })).rows.filter((row) => row.tool !== null);
    expect(found.map((row) => row.summary), query).toEqual([`added a note to ${client.name}`]);
  }
  // The note itself is neither stored nor searchable.
  expect((await tg.owner.ok('audit.list', { query: 'Zebrafinch' })).rows).toEqual([]);
  expect(JSON.stringify(rows)).not.toContain('Zebrafinch');
  expect(await tg.owner.ok('audit.verify')).toMatchObject({ ok: true });
});
