import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { zonedParts } from '../../../src/main/studio/time.ts';
import { todayIn, upcomingSession } from '../../support/demo-lookups.ts';
import { startTestGateway, type TestGateway } from '../../support/gateway.ts';
import { agentWith, call, snapshot } from '../../support/tools.ts';

let tg: TestGateway;
let agent: Client;
beforeEach(async () => {
  tg = await startTestGateway();
  agent = await agentWith(tg, ['delete:classes', 'write:bookings']);
});
afterEach(async () => {
  await agent.close();
  await tg.close();
});

const newClass = (over: Record<string, unknown> = {}) => ({
  title: 'Evening Flow',
  practice: 'yoga',
  timezone: 'Europe/Lisbon',
  capacity: 10,
  price_cents: 2000,
  duration_minutes: 60,
  mode: 'in_person',
  location_id: 'loc_lisbon',
  start_date: todayIn(tg.gateway.services, 'Europe/Lisbon'),
  start_time: '18:00',
  recurrence: 'FREQ=WEEKLY;BYDAY=MO,TH',
  ...over,
});

describe('create_class', () => {
  it('creates the class with sessions at the wall-clock time of its time zone, across DST changes', async () => {
    const created = await call(agent, 'create_class', newClass());
    expect(created.isError, created.text).toBe(false);
    expect(created.data.sessions_created).toBeGreaterThanOrEqual(20);
    const sessions = tg.gateway.services.storage.sessions.forClass(String(created.data.id));
    expect(sessions.every((s) => zonedParts(s.startsAt, 'Europe/Lisbon').time === '18:00')).toBe(true);
    expect(sessions.every((s) => [1, 4].includes(zonedParts(s.startsAt, 'Europe/Lisbon').weekday))).toBe(true);
    expect(sessions.every((s) => s.endsAt - s.startsAt === 3600)).toBe(true);
  });

  it.each([
    [{ timezone: 'Mars/Olympus' }, 'timezone'],
    [{ start_date: '2026-02-30' }, 'start_date'],
    [{ start_time: '25:00' }, 'start_time'],
    [{ location_id: undefined }, 'location_id'],
    [{ mode: 'online', location_id: undefined }, 'video_provider'],
    [{ mode: 'online', video_provider: 'zoom' }, 'location_id'],
    [{ recurrence: 'FREQ=MONTHLY' }, 'FREQ must be WEEKLY or DAILY'],
    [{ recurrence: 'FREQ=WEEKLY;BYDAY=XX' }, 'BYDAY'],
    [{ mentor_id: 'men_nobody' }, 'mentor_id'],
    [{ capacity: 0 }, 'capacity'],
    [{ start_date: '2099-01-01' }, 'start_date'],
  ])('refuses %o naming %s, and creates nothing', async (over, field) => {
    const before = await snapshot(tg);
    const result = await call(agent, 'create_class', newClass(over));
    expect(result.isError).toBe(true);
    expect(result.text).toContain(field);
    expect(await snapshot(tg)).toEqual(before);
  });
});

describe('update_class', () => {
  it('will not take capacity below the confirmed bookings of an upcoming session', async () => {
    const before = await snapshot(tg);
    const refused = await call(agent, 'update_class', { class_id: 'cls_reformer_duet', capacity: 1 });
    expect(refused.isError).toBe(true);
    expect(refused.text).toContain('capacity cannot go below 2');
    expect(await snapshot(tg)).toEqual(before);
    const raised = await call(agent, 'update_class', { class_id: 'cls_reformer_duet', capacity: 3 });
    expect(raised.data.capacity).toBe(3);
  });

  it('moves every upcoming session end when the duration changes', async () => {
    await call(agent, 'update_class', { class_id: 'cls_slow_yin', duration_minutes: 90 });
    const upcoming = tg.gateway.services.storage.sessions.forClass('cls_slow_yin', tg.gateway.services.now());
    expect(upcoming.every((s) => s.endsAt - s.startsAt === 90 * 60)).toBe(true);
  });
});

describe('reschedule_class', () => {
  it('moves upcoming sessions with their bookings and reports each move', async () => {
    const now = tg.gateway.services.now();
    const { storage } = tg.gateway.services;
    const bookedBefore = new Map(storage.sessions.forClass('cls_morning_vinyasa', now).map((s) => [s.id, storage.bookings.countLive(s.id)]));
    const past = storage.sessions.forClass('cls_morning_vinyasa').filter((s) => s.startsAt < now);

    const result = await call(agent, 'reschedule_class', { class_id: 'cls_morning_vinyasa', start_time: '06:30' });
    expect(result.isError, result.text).toBe(false);
    const moved = result.data.moved as { session_id: string; from: string; to: string; bookings: number }[];
    expect(moved.length).toBe(bookedBefore.size);
    for (const m of moved) {
      expect(Date.parse(m.from) - Date.parse(m.to)).toBe(30 * 60 * 1000);
      expect(m.bookings).toBe(bookedBefore.get(m.session_id));
      expect(storage.bookings.countLive(m.session_id)).toBe(bookedBefore.get(m.session_id));
    }
    expect(storage.sessions.forClass('cls_morning_vinyasa').filter((s) => s.startsAt < now)).toEqual(past);
  });

  it('refuses a schedule that would drop upcoming sessions holding bookings, changing nothing', async () => {
    const before = await snapshot(tg);
    const result = await call(agent, 'reschedule_class', { class_id: 'cls_reformer_duet', recurrence: 'FREQ=WEEKLY;BYDAY=TU;COUNT=1' });
    expect(result.isError).toBe(true);
    expect(result.text).toContain('hold bookings');
    expect(await snapshot(tg)).toEqual(before);
  });

  it('asks for at least one change', async () => {
    const result = await call(agent, 'reschedule_class', { class_id: 'cls_slow_yin' });
    expect(result.isError).toBe(true);
    expect(result.text).toContain('at least one');
  });
});

describe('cancel_session and delete_class', () => {
  it('cancels a session with its bookings, and then refuses to cancel it again or book it', async () => {
    const services = tg.gateway.services;
    const session = upcomingSession(services, 'cls_reformer_duet');
    const live = services.storage.bookings.liveForSession(session.id).map((b) => b.id);
    const cancelled = await call(agent, 'cancel_session', { session_id: session.id });
    expect((cancelled.data.cancelled_bookings as string[]).sort()).toEqual(live.sort());
    expect(services.storage.bookings.liveForSession(session.id)).toEqual([]);
    const again = await call(agent, 'cancel_session', { session_id: session.id });
    expect(again.text).toContain('already cancelled');
    const booking = await call(agent, 'create_booking', { session_id: session.id, new_client: { name: 'Late Comer' } });
    expect(booking.text).toContain('cancelled');
  });

  it('refuses to delete a class with upcoming bookings, and deletes one without', async () => {
    const before = await snapshot(tg);
    const refused = await call(agent, 'delete_class', { class_id: 'cls_reformer_duet' });
    expect(refused.text).toContain('live bookings');
    expect(await snapshot(tg)).toEqual(before);
    const created = await call(agent, 'create_class', newClass());
    const deleted = await call(agent, 'delete_class', { class_id: created.data.id });
    expect(deleted.data.deleted).toBe(created.data.id);
    expect(tg.gateway.services.storage.classes.find(String(created.data.id))).toBeUndefined();
    expect(tg.gateway.services.storage.sessions.forClass(String(created.data.id))).toEqual([]);
  });
});

describe('reading classes', () => {
  it('filters and pages list_classes without loss or repeats', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await call(agent, 'list_classes', { limit: 4, ...(cursor ? { cursor } : {}) });
      seen.push(...(page.data.classes as { id: string }[]).map((c) => c.id));
      cursor = (page.data.next_cursor as string | null) ?? undefined;
    } while (cursor);
    expect(seen.sort()).toEqual(tg.gateway.services.storage.classes.all().map((c) => c.id).sort());
    const pilates = await call(agent, 'list_classes', { practice: 'PILATES' });
    expect((pilates.data.classes as { practice: string }[]).map((c) => c.practice)).toEqual(['pilates', 'pilates', 'pilates', 'pilates']);
  });

  it('shows upcoming sessions with local times and places left', async () => {
    const result = await call(agent, 'get_class', { class_id: 'cls_reformer_duet' });
    const sessions = result.data.upcoming_sessions as { local_start: string; spots_left: number; booked: number; capacity: number }[];
    expect(sessions.length).toBe(10);
    expect(sessions.every((s) => s.local_start.endsWith(' 09:00'))).toBe(true);
    expect(sessions.some((s) => s.spots_left === 0 && s.booked === s.capacity)).toBe(true);
  });

  it('refuses a malformed cursor', async () => {
    const result = await call(agent, 'list_classes', { cursor: 'not-a-cursor' });
    expect(result.isError).toBe(true);
    expect(result.text).toContain('cursor');
  });
});
