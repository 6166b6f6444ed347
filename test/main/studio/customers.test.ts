import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bookingWhere, clientWithoutUpcomingBookings } from '../../support/demo-lookups.ts';
import { startTestGateway, type TestGateway } from '../../support/gateway.ts';
import { agentWith, call, snapshot } from '../../support/tools.ts';

let tg: TestGateway;
let agent: Client;
beforeEach(async () => {
  tg = await startTestGateway();
  agent = await agentWith(tg, ['delete:clients']);
});
afterEach(async () => {
  await agent.close();
  await tg.close();
});

const someClient = () => bookingWhere(tg.gateway.services, () => true).clientId;

describe('client notes and tags', () => {
  it('appends to notes by default and replaces on request', async () => {
    const id = someClient();
    const original = tg.gateway.services.storage.customers.find(id)?.notes ?? '';
    const appended = await call(agent, 'update_client_notes', { client_id: id, notes: 'Bring the knee wedge.' });
    expect(appended.data.notes).toBe(original ? `${original}\nBring the knee wedge.` : 'Bring the knee wedge.');
    const replaced = await call(agent, 'update_client_notes', { client_id: id, notes: 'Fresh start.', mode: 'replace' });
    expect(tg.gateway.services.storage.customers.find(id)?.notes).toBe('Fresh start.');
    expect(replaced.data.notes).toBe('Fresh start.');
  });

  it('refuses notes that would grow past the limit, changing nothing', async () => {
    const id = someClient();
    await call(agent, 'update_client_notes', { client_id: id, notes: 'x'.repeat(9_000), mode: 'replace' });
    const before = await snapshot(tg);
    const result = await call(agent, 'update_client_notes', { client_id: id, notes: 'y'.repeat(2_000) });
    expect(result.isError).toBe(true);
    expect(result.text).toContain('10000');
    expect(await snapshot(tg)).toEqual(before);
  });

  it('adds and removes tags, removing case-insensitively', async () => {
    const id = someClient();
    await call(agent, 'tag_client', { client_id: id, add: ['VIP', 'morning person'] });
    const result = await call(agent, 'tag_client', { client_id: id, remove: ['vip'] });
    expect(result.data.tags).toContain('morning person');
    expect((result.data.tags as string[]).some((t) => t.toLowerCase() === 'vip')).toBe(false);
  });

  it('asks for tags to add or remove', async () => {
    const result = await call(agent, 'tag_client', { client_id: someClient() });
    expect(result.isError).toBe(true);
    expect(result.text).toContain('add or remove');
  });
});

describe('reading clients', () => {
  it('searches name, email and notes, and filters by tag', async () => {
    const { storage } = tg.gateway.services;
    const all = storage.customers.list({}, { limit: 1000 }).items;
    const result = await call(agent, 'list_clients', { tag: 'regular', limit: 100 });
    const expected = all.filter((c) => c.tags.includes('regular')).map((c) => c.id).sort();
    expect((result.data.clients as { id: string }[]).map((c) => c.id).sort()).toEqual(expected);
    const first = all[0];
    const byEmail = await call(agent, 'list_clients', { query: first?.email?.slice(0, 8) });
    expect((byEmail.data.clients as { id: string }[]).map((c) => c.id)).toContain(first?.id);
  });

  it('shows a client with their booking history', async () => {
    const id = someClient();
    const result = await call(agent, 'get_client', { client_id: id });
    const history = result.data.history as { client: { id: string } }[];
    const stored = tg.gateway.services.storage.bookings.list({ clientId: id }, { limit: 1000 }).items;
    expect(result.data.total_bookings).toBe(stored.length);
    // The client has bookings (someClient is a booking's client), so the history is not empty: up to 50, all theirs.
    expect(history).toHaveLength(Math.min(stored.length, 50));
    expect(history.every((b) => b.client.id === id)).toBe(true);
  });
});

describe('delete_client', () => {
  it('refuses while the client holds upcoming bookings, and deletes one without, with their history', async () => {
    const { storage, now } = tg.gateway.services;
    const busy = bookingWhere(tg.gateway.services, (b, s) => b.status !== 'cancelled' && s.startsAt > now()).clientId;
    const before = await snapshot(tg);
    const refused = await call(agent, 'delete_client', { client_id: busy });
    expect(refused.text).toContain('upcoming bookings');
    expect(await snapshot(tg)).toEqual(before);

    const idle = clientWithoutUpcomingBookings(tg.gateway.services);
    const history = storage.bookings.list({ clientId: idle }, { limit: 1000 }).items.length;
    const deleted = await call(agent, 'delete_client', { client_id: idle });
    expect(deleted.data).toEqual({ deleted: idle, bookings_deleted: history });
    expect(storage.customers.find(idle)).toBeUndefined();
    expect(storage.bookings.list({ clientId: idle }, { limit: 10 }).items).toEqual([]);
  });
});
