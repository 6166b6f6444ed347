import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { allBookings, bookingWhere, upcomingSession } from '../../support/demo-lookups.ts';
import { startTestGateway, type TestGateway } from '../../support/gateway.ts';
import { agentWith, call, snapshot } from '../../support/tools.ts';

let tg: TestGateway;
let agent: Client;
beforeEach(async () => {
  tg = await startTestGateway();
  agent = await agentWith(tg, ['write:bookings']);
});
afterEach(async () => {
  await agent.close();
  await tg.close();
});

/** Expects a refusal that names its reason and leaves the workspace as it was. */
async function expectRefused(name: string, args: Record<string, unknown>, reason: string | RegExp): Promise<void> {
  const before = await snapshot(tg);
  const result = await call(agent, name, args);
  expect(result.isError).toBe(true);
  expect(result.text).toMatch(reason);
  expect(await snapshot(tg)).toEqual(before);
}

const fullSession = () => {
  const { storage, now } = tg.gateway.services;
  const session = storage.sessions.forClass('cls_reformer_duet', now()).find((s) => storage.bookings.countLive(s.id) >= 2);
  if (!session) throw new Error('the demo has a full duet');
  return session;
};

describe('create_booking keeps the studio rules', () => {
  it('books a client and takes a place', async () => {
    const session = upcomingSession(tg.gateway.services, 'cls_slow_yin', { withSpace: true });
    const before = tg.gateway.services.storage.bookings.countLive(session.id);
    const result = await call(agent, 'create_booking', { session_id: session.id, new_client: { name: 'Greta Holm', email: 'greta@mail.example' } });
    expect(result.isError, result.text).toBe(false);
    expect(result.data).toMatchObject({ status: 'confirmed', paid: false, client_created: true, class: { id: 'cls_slow_yin' } });
    expect(tg.gateway.services.storage.bookings.countLive(session.id)).toBe(before + 1);
  });

  it('refuses a full session', async () => {
    await expectRefused('create_booking', { session_id: fullSession().id, new_client: { name: 'One More' } }, /full \(2 of 2/);
  });

  it('refuses a past session', async () => {
    const { storage, now } = tg.gateway.services;
    const past = storage.sessions.forClass('cls_slow_yin').find((s) => s.startsAt < now());
    await expectRefused('create_booking', { session_id: past?.id, new_client: { name: 'Time Traveller' } }, /already started/);
  });

  it('refuses a second booking of the same client on a session', async () => {
    const booking = bookingWhere(tg.gateway.services, (b, s) => b.status !== 'cancelled' && s.startsAt > tg.gateway.services.now() && s.classId !== 'cls_reformer_duet');
    await expectRefused('create_booking', { session_id: booking.sessionId, client_id: booking.clientId }, /already has a booking/);
  });

  it('reuses the client with a known email instead of creating a duplicate', async () => {
    const known = tg.gateway.services.storage.customers.list({}, { limit: 1 }).items[0];
    const session = upcomingSession(tg.gateway.services, 'cls_barre_burn', { withSpace: true });
    const result = await call(agent, 'create_booking', { session_id: session.id, new_client: { name: 'Someone', email: known?.email?.toUpperCase() } });
    expect(result.data).toMatchObject({ client_created: false, client: { id: known?.id } });
  });

  it.each([
    [{ client_id: 'cli_missing' }, 'client_id'],
    [{}, 'client_id (an existing client) or new_client'],
    [{ client_id: 'x', new_client: { name: 'Y' } }, 'not both'],
    [{ new_client: { name: 'Bad Email', email: 'not-an-email' } }, 'new_client.email'],
  ])('refuses bad client input %o', async (args, reason) => {
    const session = upcomingSession(tg.gateway.services, 'cls_slow_yin', { withSpace: true });
    await expectRefused('create_booking', { session_id: session.id, ...args }, reason);
  });

  it('refuses an unknown session', async () => {
    await expectRefused('create_booking', { session_id: 'ses_missing', new_client: { name: 'A' } }, /session_id/);
  });
});

describe('changing bookings', () => {
  it('cancels a booking once, opening its place', async () => {
    const { storage, now } = tg.gateway.services;
    const booking = bookingWhere(tg.gateway.services, (b, s) => b.status === 'confirmed' && s.startsAt > now());
    const places = storage.bookings.countLive(booking.sessionId);
    const cancelled = await call(agent, 'cancel_booking', { booking_id: booking.id });
    expect(cancelled.data).toMatchObject({ status: 'cancelled' });
    expect(cancelled.data.cancelled_at).toBeTypeOf('string');
    expect(storage.bookings.countLive(booking.sessionId)).toBe(places - 1);
    await expectRefused('cancel_booking', { booking_id: booking.id }, /already cancelled/);
  });

  it('marks a booking paid once and records the earning', async () => {
    const { storage } = tg.gateway.services;
    const booking = bookingWhere(tg.gateway.services, (b) => b.status === 'confirmed' && !b.paid);
    const paid = await call(agent, 'mark_booking_paid', { booking_id: booking.id });
    expect(paid.data.paid).toBe(true);
    const earning = storage.earnings.find(String(paid.data.earning_id));
    expect(earning).toMatchObject({ bookingId: booking.id, amountCents: booking.priceCents, category: 'classes' });
    await expectRefused('mark_booking_paid', { booking_id: booking.id }, /already marked paid/);
    const cancelled = bookingWhere(tg.gateway.services, (b) => b.status === 'cancelled');
    await expectRefused('mark_booking_paid', { booking_id: cancelled.id }, /cancelled/);
  });

  it('confirms a pending booking, and only a pending one', async () => {
    const pending = bookingWhere(tg.gateway.services, (b) => b.status === 'pending');
    expect((await call(agent, 'confirm_booking', { booking_id: pending.id })).data.status).toBe('confirmed');
    await expectRefused('confirm_booking', { booking_id: pending.id }, /not pending/);
  });
});

describe('reading bookings', () => {
  it('filters by status and pages through every match exactly once', async () => {
    const expected = allBookings(tg.gateway.services).filter((b) => b.status === 'pending').map((b) => b.id).sort();
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await call(agent, 'list_bookings', { status: 'pending', limit: 3, ...(cursor ? { cursor } : {}) });
      seen.push(...(page.data.bookings as { id: string; status: string }[]).map((b) => b.id));
      cursor = (page.data.next_cursor as string | null) ?? undefined;
    } while (cursor);
    expect(seen.sort()).toEqual(expected);
  });

  it('filters by session time range', async () => {
    const now = tg.gateway.services.now();
    const from = new Date((now + 86_400) * 1000).toISOString();
    const result = await call(agent, 'list_bookings', { from, limit: 100 });
    const starts = (result.data.bookings as { session: { starts_at: string } }[]).map((b) => Date.parse(b.session.starts_at));
    expect(starts.length).toBeGreaterThan(0);
    expect(starts.every((t) => t >= Date.parse(from))).toBe(true);
  });

  it.each(['next tuesday', '2026-02-30T10:00:00Z', '2026-02-29'])('refuses %s, which is not a real ISO 8601 time', async (from) => {
    const result = await call(agent, 'list_bookings', { from });
    expect(result.isError).toBe(true);
    expect(result.text).toContain('from');
    expect(result.text).toContain('ISO 8601');
  });
});
