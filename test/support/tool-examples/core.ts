import { bookingWhere, clientWithoutUpcomingBookings, todayIn, upcomingSession } from '../demo-lookups.ts';
import type { ToolExamples } from './types.ts';

/** Examples for the profile, class, booking and client tools. */
export const examples: ToolExamples = {
  get_profile: () => ({}),
  update_profile: () => ({ name: 'Maya L.' }),

  list_classes: () => ({ practice: 'yoga' }),
  get_class: () => ({ class_id: 'cls_morning_vinyasa' }),
  list_sessions: () => ({ class_id: 'cls_slow_yin' }),
  create_class: (s) => ({
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
  update_class: () => ({ class_id: 'cls_slow_yin', price_cents: 2400 }),
  reschedule_class: () => ({ class_id: 'cls_slow_yin', start_time: '19:00' }),
  cancel_session: (s) => ({ session_id: upcomingSession(s, 'cls_slow_yin').id }),
  delete_class: (s) => {
    const created = s.classes.create({ title: 'Pop-up', practice: 'yoga', timezone: 'Europe/Lisbon', capacity: 5, priceCents: 0, durationMinutes: 30, mode: 'online', videoProvider: 'zoom', startDate: todayIn(s, 'Europe/Lisbon'), startTime: '23:30' });
    return { class_id: created.id };
  },

  list_bookings: () => ({ status: 'confirmed', limit: 5 }),
  get_booking: (s) => ({ booking_id: bookingWhere(s, () => true).id }),
  create_booking: (s) => ({ session_id: upcomingSession(s, 'cls_morning_vinyasa', { withSpace: true }).id, new_client: { name: 'Greta Holm', email: 'greta.holm@mail.example' } }),
  confirm_booking: (s) => ({ booking_id: bookingWhere(s, (b) => b.status === 'pending').id }),
  cancel_booking: (s) => ({ booking_id: bookingWhere(s, (b, session) => b.status === 'confirmed' && session.startsAt > s.now()).id }),
  mark_booking_paid: (s) => ({ booking_id: bookingWhere(s, (b) => b.status === 'confirmed' && !b.paid).id }),
  delete_booking: (s) => ({ booking_id: bookingWhere(s, (b) => b.status === 'cancelled').id }),

  list_clients: () => ({ tag: 'regular' }),
  get_client: (s) => ({ client_id: bookingWhere(s, () => true).clientId }),
  update_client_notes: (s) => ({ client_id: bookingWhere(s, () => true).clientId, notes: 'Likes the spot by the window.' }),
  tag_client: (s) => ({ client_id: bookingWhere(s, () => true).clientId, add: ['vip'] }),
  delete_client: (s) => ({ client_id: clientWithoutUpcomingBookings(s) }),
};
