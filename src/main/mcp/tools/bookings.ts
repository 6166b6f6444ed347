import { z } from 'zod';
import { defineTool } from '../tool.ts';
import { id, instant, shortText, toCamelCase } from './common.ts';
import type { Services } from '../../services.ts';
import type { Deed } from '../tool.ts';
import { byId, pagedList } from './shapes.ts';
import { bookingNamed, classTitle, clientName, deed, money, named, say, sessionNamed } from './words.ts';

/** A call on one booking in words: "Cancel **Ben Ortiz**'s booking in **Morning Flow** on Tue 3 Dec 09:00". */
function onBookingWords(verb: string, did: string, tail: (booking: NonNullable<ReturnType<typeof bookingNamed>>, services: Services) => string = () => '') {
  return (bookingId: string, services: Services): Deed | undefined => {
    const b = bookingNamed(services, bookingId);
    if (!b) return undefined;
    const end = tail(b, services);
    return deed(say`${verb} ${named(b.client)}'s booking in ${named(b.title)} on ${b.at}${end}`, `${did} ${b.client}'s booking in ${b.title} on ${b.at}${end}`);
  };
}

const status = z.enum(['pending', 'confirmed', 'cancelled']);
const onBooking = byId('booking_id', 'Booking');

export const bookingTools = [
  pagedList('bookings', {
    name: 'list_bookings',
    title: 'List bookings',
    description: 'Lists bookings on your classes (as host), by session time. Filter by status, paid, class, session, client or time range; paged.',
    scopes: ['read:bookings'],
    counted: { did: 'looked at your bookings' },
    filters: {
      status: status.optional(),
      paid: z.boolean().optional(),
      class_id: id('Class').optional(),
      session_id: id('Session').optional(),
      client_id: id('Client').optional(),
      from: instant.optional().describe('Sessions starting at or after this time'),
      to: instant.optional().describe('Sessions starting before this time'),
    },
    list: (filters, page, { services }) => services.bookings.list(toCamelCase(filters), page),
    describe: (f, services) => {
      const of = f.class_id !== undefined ? classTitle(services, f.class_id) : f.client_id !== undefined ? clientName(services, f.client_id) : undefined;
      return of === undefined ? undefined : deed(say`Look at the bookings of ${named(of)}`, `looked at the bookings of ${of}`);
    },
  }),
  onBooking({
    name: 'get_booking',
    title: 'Get a booking',
    description: 'Returns one booking with its client, session and class, and for online classes the Meet or Zoom join_url once it is made.',
    scopes: ['read:bookings'],
    counted: { did: 'looked at your bookings' },
    run: (bookingId, { services }) => services.bookings.get(bookingId),
    describe: onBookingWords('Look at', 'looked at'),
  }),
  defineTool({
    name: 'create_booking',
    title: 'Book a client on a session',
    description:
      'Books a client on a session on their behalf: an existing client (client_id) or a new one (new_client; an email already known reuses that client). ' +
      'Refused for a full, cancelled or past session, or if the client is already booked on it. A confirmed booking on an online class gets its Meet or Zoom link in the background (see get_booking).',
    scopes: ['write:bookings'],
    counted: { did: 'made', one: 'booking', many: 'bookings' },
    input: z
      .object({
        session_id: id('Session'),
        client_id: id('Client').optional(),
        new_client: z
          .object({ name: shortText(120), email: z.email().max(200).optional(), phone: z.string().trim().min(3).max(40).optional() })
          .strict()
          .optional(),
        status: z.enum(['pending', 'confirmed']).default('confirmed'),
        add_ons: z.array(shortText(60)).max(10).default([]).describe('e.g. "mat rental"'),
      })
      .strict(),
    handler: (a, { services }) => services.bookings.create(toCamelCase(a)),
    describe: (a, services) => {
      const session = sessionNamed(services, a.session_id);
      const client = a.client_id !== undefined ? clientName(services, a.client_id) : a.new_client?.name;
      if (!session || client === undefined) return undefined;
      const pending = a.status === 'pending' ? ' (pending)' : '';
      return deed(say`Book ${named(client)} on ${named(session.title)} on ${session.at}${pending}`, `booked ${client} on ${session.title} on ${session.at}${pending}`);
    },
  }),
  onBooking({
    name: 'confirm_booking',
    title: 'Confirm a booking',
    description: 'Confirms a pending booking.',
    scopes: ['write:bookings'],
    counted: { did: 'confirmed', one: 'booking', many: 'bookings' },
    idempotent: true,
    run: (bookingId, { services }) => services.bookings.confirm(bookingId),
    describe: onBookingWords('Confirm', 'confirmed'),
  }),
  onBooking({
    name: 'cancel_booking',
    title: 'Cancel a booking',
    description: 'Cancels a booking that is not already cancelled; its place opens again.',
    scopes: ['write:bookings'],
    counted: { did: 'cancelled', one: 'booking', many: 'bookings' },
    run: (bookingId, { services }) => services.bookings.cancel(bookingId),
    describe: onBookingWords('Cancel', 'cancelled'),
  }),
  onBooking({
    name: 'mark_booking_paid',
    title: 'Mark a booking paid',
    description: 'Marks a booking paid (paid outside the platform, e.g. cash) and records the earning.',
    scopes: ['write:bookings'],
    counted: { did: 'recorded', one: 'payment', many: 'payments' },
    run: (bookingId, { services }) => services.bookings.markPaid(bookingId),
    describe: onBookingWords('Mark', 'marked', (b, services) => ` paid (${money(b.priceCents, services)})`),
  }),
  onBooking({
    name: 'delete_booking',
    title: 'Delete a booking',
    description: 'Permanently deletes a booking record (cancel_booking keeps the record).',
    scopes: ['delete:bookings'],
    counted: { did: 'deleted', one: 'booking', many: 'bookings' },
    run: (bookingId, { services }) => services.bookings.delete(bookingId),
    describe: onBookingWords('Permanently delete', 'deleted'),
  }),
];
