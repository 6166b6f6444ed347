import { z } from 'zod';
import { DELETE, defineTool, IDEMPOTENT_WRITE, READ, WRITE } from '../tool.ts';
import { id, instant, page, pageResult, shortText } from './common.ts';

const status = z.enum(['pending', 'confirmed', 'cancelled']);

export const bookingTools = [
  defineTool({
    name: 'list_bookings',
    title: 'List bookings',
    description: 'Lists bookings on your classes (as host), by session time. Filter by status, paid, class, session, client or time range; paged. Needs read:bookings.',
    scopes: ['read:bookings'],
    annotations: READ,
    input: z
      .object({
        status: status.optional(),
        paid: z.boolean().optional(),
        class_id: id('Class').optional(),
        session_id: id('Session').optional(),
        client_id: id('Client').optional(),
        from: instant.optional().describe('Sessions starting at or after this time'),
        to: instant.optional().describe('Sessions starting before this time'),
        ...page,
      })
      .strict(),
    handler: (a, { services }) =>
      pageResult(
        services.bookings.list({ status: a.status, paid: a.paid, classId: a.class_id, sessionId: a.session_id, clientId: a.client_id, from: a.from, to: a.to }, a),
        'bookings',
      ),
  }),
  defineTool({
    name: 'get_booking',
    title: 'Get a booking',
    description: 'Returns one booking with its client, session and class, and for online classes the Meet or Zoom join_url once it is made. Needs read:bookings.',
    scopes: ['read:bookings'],
    annotations: READ,
    input: z.object({ booking_id: id('Booking') }).strict(),
    handler: (a, { services }) => services.bookings.get(a.booking_id),
  }),
  defineTool({
    name: 'create_booking',
    title: 'Book a client on a session',
    description:
      'Books a client on a session on their behalf: an existing client (client_id) or a new one (new_client; an email already known reuses that client). ' +
      'Refused for a full, cancelled or past session, or if the client is already booked on it. A confirmed booking on an online class gets its Meet or Zoom link in the background (see get_booking). Needs write:bookings.',
    scopes: ['write:bookings'],
    annotations: WRITE,
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
    handler: (a, { services }) =>
      services.bookings.create({ sessionId: a.session_id, clientId: a.client_id, newClient: a.new_client, status: a.status, addOns: a.add_ons }),
  }),
  defineTool({
    name: 'confirm_booking',
    title: 'Confirm a booking',
    description: 'Confirms a pending booking. Needs write:bookings.',
    scopes: ['write:bookings'],
    annotations: IDEMPOTENT_WRITE,
    input: z.object({ booking_id: id('Booking') }).strict(),
    handler: (a, { services }) => services.bookings.confirm(a.booking_id),
  }),
  defineTool({
    name: 'cancel_booking',
    title: 'Cancel a booking',
    description: 'Cancels a booking that is not already cancelled; its place opens again. Needs write:bookings.',
    scopes: ['write:bookings'],
    annotations: WRITE,
    input: z.object({ booking_id: id('Booking') }).strict(),
    handler: (a, { services }) => services.bookings.cancel(a.booking_id),
  }),
  defineTool({
    name: 'mark_booking_paid',
    title: 'Mark a booking paid',
    description: 'Marks a booking paid (paid outside the platform, e.g. cash) and records the earning. Needs write:bookings.',
    scopes: ['write:bookings'],
    annotations: WRITE,
    input: z.object({ booking_id: id('Booking') }).strict(),
    handler: (a, { services }) => services.bookings.markPaid(a.booking_id),
  }),
  defineTool({
    name: 'delete_booking',
    title: 'Delete a booking',
    description: 'Permanently deletes a booking record (cancel_booking keeps the record). Needs delete:bookings.',
    scopes: ['delete:bookings'],
    annotations: DELETE,
    input: z.object({ booking_id: id('Booking') }).strict(),
    handler: (a, { services }) => services.bookings.delete(a.booking_id),
  }),
];
