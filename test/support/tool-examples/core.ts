import { expect } from 'vitest';
import { defined } from '../defined.ts';
import { bookingWhere, clientWithoutUpcomingBookings, todayIn, upcomingSession } from '../demo-lookups.ts';
import { idsOf, listed, wallClock } from './read-back.ts';
import { example, type ToolExamples } from './types.ts';

/** Examples for the profile, class, booking and client tools. */
export const examples: ToolExamples = {
  get_profile: example({
    args: () => ({}),
    check: ({ result, services }) => {
      const owner = defined(services.storage.owner.get(), 'owner profile');
      expect(result).toMatchObject({ name: owner.name, email: owner.email, email_verified: owner.emailVerified, account_type: owner.accountType, settings: owner.settings, home_location: owner.home });
    },
  }),
  update_profile: example({
    args: () => ({ name: 'Maya L.' }),
    check: ({ result, args, services }) => {
      expect(services.storage.owner.get()?.name).toBe(args.name);
      expect(result.name).toBe(args.name);
    },
  }),

  list_classes: example({
    args: () => ({ practice: 'yoga' }),
    check: ({ result, args, services }) => {
      const expected = services.storage.classes.all().filter((c) => c.practice.toLowerCase() === args.practice);
      expect(expected.length).toBeGreaterThan(0);
      const titles = (items: { id?: unknown; title?: unknown }[]) => items.map((c) => `${String(c.id)} ${String(c.title)}`).sort();
      expect(titles(listed(result, 'classes'))).toEqual(titles(expected));
    },
  }),
  get_class: example({
    args: () => ({ class_id: 'cls_morning_vinyasa' }),
    check: ({ result, args, services }) => {
      const cls = defined(services.storage.classes.find(args.class_id), 'class');
      expect(result).toMatchObject({ id: cls.id, title: cls.title, practice: cls.practice, capacity: cls.capacity, price_cents: cls.priceCents, duration_minutes: cls.durationMinutes });
      expect(idsOf(listed(result, 'upcoming_sessions'))).toEqual(idsOf(services.storage.sessions.forClass(cls.id, services.now()).slice(0, 10)));
    },
  }),
  list_sessions: example({
    args: () => ({ class_id: 'cls_slow_yin' }),
    check: ({ result, args, services }) => {
      const upcoming = services.storage.sessions.forClass(args.class_id, services.now()).slice(0, 20);
      expect(upcoming.length).toBeGreaterThan(0);
      expect(idsOf(listed(result, 'sessions'))).toEqual(idsOf(upcoming));
    },
  }),
  create_class: example({
    args: (s) => ({
      title: 'Aerial Yoga',
      practice: 'yoga',
      timezone: 'Europe/Stockholm',
      capacity: 8,
      price_cents: 2800,
      duration_minutes: 60,
      mode: 'in_person',
      location_id: 'loc_stockholm',
      start_date: todayIn(s, 'Europe/Stockholm'),
      start_time: '16:00',
      recurrence: 'FREQ=WEEKLY;BYDAY=FR',
    }),
    check: ({ result, args, services }) => {
      const cls = defined(services.storage.classes.find(String(result.id)), 'the new class');
      expect(cls).toMatchObject({ title: args.title, practice: args.practice, timezone: args.timezone, capacity: args.capacity, priceCents: args.price_cents, durationMinutes: args.duration_minutes, mode: args.mode, locationId: args.location_id, startTime: args.start_time, recurrence: args.recurrence });
      const sessions = services.storage.sessions.forClass(cls.id);
      expect(sessions.length).toBeGreaterThan(0);
      expect(result.sessions_created).toBe(sessions.length);
      expect(new Set(sessions.map((s) => wallClock(s.startsAt, args.timezone)))).toEqual(new Set(['Fri 16:00']));
    },
  }),
  update_class: example({
    args: () => ({ class_id: 'cls_slow_yin', price_cents: 2400 }),
    check: ({ args, services }) => expect(services.storage.classes.find(args.class_id)?.priceCents).toBe(args.price_cents),
  }),
  reschedule_class: example({
    args: () => ({ class_id: 'cls_slow_yin', start_time: '19:00' }),
    check: ({ args, services }) => {
      const cls = defined(services.storage.classes.find(args.class_id), 'class');
      expect(cls.startTime).toBe(args.start_time);
      const upcoming = services.storage.sessions.forClass(cls.id, services.now()).filter((s) => s.status === 'scheduled');
      expect(upcoming.length).toBeGreaterThan(0);
      expect(new Set(upcoming.map((s) => wallClock(s.startsAt, cls.timezone).slice(4)))).toEqual(new Set([args.start_time]));
    },
  }),
  cancel_session: example({
    args: (s) => ({ session_id: upcomingSession(s, 'cls_slow_yin').id }),
    check: ({ result, args, services }) => {
      expect(services.storage.sessions.find(args.session_id)?.status).toBe('cancelled');
      expect(services.storage.bookings.liveForSession(args.session_id)).toEqual([]);
      const cancelled = listed(result, 'cancelled_bookings') as unknown as string[];
      expect(cancelled.map((id) => services.storage.bookings.find(id)?.status)).toEqual(cancelled.map(() => 'cancelled'));
    },
  }),
  delete_class: example({
    args: (s) => {
      const created = s.classes.create({ title: 'Pop-up', practice: 'yoga', timezone: 'Europe/Lisbon', capacity: 5, priceCents: 0, durationMinutes: 30, mode: 'online', videoProvider: 'zoom', startDate: todayIn(s, 'Europe/Lisbon'), startTime: '23:30' });
      return { class_id: created.id };
    },
    check: ({ args, services }) => {
      expect(services.storage.classes.find(args.class_id)).toBeUndefined();
      expect(services.storage.sessions.forClass(args.class_id)).toEqual([]);
    },
  }),

  list_bookings: example({
    args: () => ({ status: 'confirmed', limit: 5 }),
    check: ({ result, args, services }) => {
      const bookings = listed(result, 'bookings');
      expect(idsOf(bookings)).toEqual(idsOf(services.storage.bookings.list({ status: 'confirmed' }, { limit: args.limit }).items));
      expect(bookings.map((b) => b.status)).toEqual(Array.from({ length: args.limit }, () => args.status));
    },
  }),
  get_booking: example({
    args: (s) => ({ booking_id: bookingWhere(s, () => true).id }),
    check: ({ result, args, services }) => {
      const booking = defined(services.storage.bookings.find(args.booking_id), 'booking');
      expect(result).toMatchObject({ id: booking.id, status: booking.status, paid: booking.paid, price_cents: booking.priceCents, client: { id: booking.clientId }, session: { id: booking.sessionId } });
    },
  }),
  create_booking: example({
    args: (s) => ({ session_id: upcomingSession(s, 'cls_morning_vinyasa', { withSpace: true }).id, new_client: { name: 'Greta Holm', email: 'greta.holm@mail.example' } }),
    check: ({ result, args, services }) => {
      const booking = defined(services.storage.bookings.find(String(result.id)), 'the new booking');
      expect(booking).toMatchObject({ sessionId: args.session_id, status: 'confirmed' });
      expect(services.storage.customers.find(booking.clientId)).toMatchObject(args.new_client);
    },
  }),
  confirm_booking: example({
    args: (s) => ({ booking_id: bookingWhere(s, (b) => b.status === 'pending').id }),
    check: ({ args, services }) => expect(services.storage.bookings.find(args.booking_id)?.status).toBe('confirmed'),
  }),
  cancel_booking: example({
    args: (s) => ({ booking_id: bookingWhere(s, (b, session) => b.status === 'confirmed' && session.startsAt > s.now()).id }),
    check: ({ args, services }) => expect(services.storage.bookings.find(args.booking_id)).toMatchObject({ status: 'cancelled', cancelledAt: expect.any(Number) }),
  }),
  mark_booking_paid: example({
    args: (s) => ({ booking_id: bookingWhere(s, (b) => b.status === 'confirmed' && !b.paid).id }),
    check: ({ result, args, services }) => {
      const booking = defined(services.storage.bookings.find(args.booking_id), 'booking');
      expect(booking.paid).toBe(true);
      expect(services.storage.earnings.find(String(result.earning_id))).toMatchObject({ bookingId: booking.id, amountCents: booking.priceCents });
    },
  }),
  delete_booking: example({
    args: (s) => ({ booking_id: bookingWhere(s, (b) => b.status === 'cancelled').id }),
    check: ({ args, services }) => expect(services.storage.bookings.find(args.booking_id)).toBeUndefined(),
  }),

  list_clients: example({
    args: () => ({ tag: 'regular' }),
    check: ({ result, args, services }) => {
      const clients = listed(result, 'clients');
      expect(idsOf(clients)).toEqual(idsOf(services.storage.customers.list({ tag: args.tag }, { limit: 20 }).items));
      expect(clients.length).toBeGreaterThan(0);
      expect(clients.filter((c) => !(c.tags as string[]).includes(args.tag))).toEqual([]);
    },
  }),
  get_client: example({
    args: (s) => ({ client_id: bookingWhere(s, () => true).clientId }),
    check: ({ result, args, services }) => {
      const client = defined(services.storage.customers.find(args.client_id), 'client');
      expect(result).toMatchObject({ id: client.id, name: client.name, email: client.email, notes: client.notes, tags: client.tags });
      const bookings = services.storage.bookings.list({ clientId: client.id }, { limit: 10_000 }).items;
      expect(bookings.length).toBeGreaterThan(0);
      expect(result.total_bookings).toBe(bookings.length);
      // The newest 50, newest first.
      expect(idsOf(listed(result, 'history'))).toEqual(idsOf(bookings.slice(-50).reverse()));
    },
  }),
  update_client_notes: example({
    args: (s) => ({ client_id: bookingWhere(s, () => true).clientId, notes: 'Likes the spot by the window.' }),
    check: ({ args, services }) => expect(services.storage.customers.find(args.client_id)?.notes).toContain(args.notes),
  }),
  tag_client: example({
    args: (s) => ({ client_id: bookingWhere(s, () => true).clientId, add: ['vip'] }),
    check: ({ args, services }) => expect(services.storage.customers.find(args.client_id)?.tags).toEqual(expect.arrayContaining(args.add)),
  }),
  delete_client: example({
    args: (s) => ({ client_id: clientWithoutUpcomingBookings(s) }),
    check: ({ args, services }) => {
      expect(services.storage.customers.find(args.client_id)).toBeUndefined();
      expect(services.storage.bookings.list({ clientId: args.client_id }, { limit: 10 }).items).toEqual([]);
    },
  }),
};
