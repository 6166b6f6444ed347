import { z } from 'zod';
import { defineTool } from '../tool.ts';
import { id, instant, shortText, toCamelCase } from './common.ts';
import { byId, pagedList } from './shapes.ts';

const status = z.enum(['pending', 'confirmed', 'cancelled']);
const onBooking = byId('booking_id', 'Booking');

export const bookingTools = [
  pagedList('bookings', {
    name: 'list_bookings',
    title: 'List bookings',
    description: 'Lists bookings on your classes (as host), by session time. Filter by status, paid, class, session, client or time range; paged.',
    scopes: ['read:bookings'],
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
  }),
  onBooking({
    name: 'get_booking',
    title: 'Get a booking',
    description: 'Returns one booking with its client, session and class, and for online classes the Meet or Zoom join_url once it is made.',
    scopes: ['read:bookings'],
    run: (bookingId, { services }) => services.bookings.get(bookingId),
  }),
  defineTool({
    name: 'create_booking',
    title: 'Book a client on a session',
    description:
      'Books a client on a session on their behalf: an existing client (client_id) or a new one (new_client; an email already known reuses that client). ' +
      'Refused for a full, cancelled or past session, or if the client is already booked on it. A confirmed booking on an online class gets its Meet or Zoom link in the background (see get_booking).',
    scopes: ['write:bookings'],
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
  }),
  onBooking({
    name: 'confirm_booking',
    title: 'Confirm a booking',
    description: 'Confirms a pending booking.',
    scopes: ['write:bookings'],
    idempotent: true,
    run: (bookingId, { services }) => services.bookings.confirm(bookingId),
  }),
  onBooking({
    name: 'cancel_booking',
    title: 'Cancel a booking',
    description: 'Cancels a booking that is not already cancelled; its place opens again.',
    scopes: ['write:bookings'],
    run: (bookingId, { services }) => services.bookings.cancel(bookingId),
  }),
  onBooking({
    name: 'mark_booking_paid',
    title: 'Mark a booking paid',
    description: 'Marks a booking paid (paid outside the platform, e.g. cash) and records the earning.',
    scopes: ['write:bookings'],
    run: (bookingId, { services }) => services.bookings.markPaid(bookingId),
  }),
  onBooking({
    name: 'delete_booking',
    title: 'Delete a booking',
    description: 'Permanently deletes a booking record (cancel_booking keeps the record).',
    scopes: ['delete:bookings'],
    run: (bookingId, { services }) => services.bookings.delete(bookingId),
  }),
];
