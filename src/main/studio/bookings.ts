import { DomainError } from '../errors.ts';
import type { Booking, BookingFilter, BookingStatus } from '../storage/bookings-repo.ts';
import type { Page, PageRequest } from '../storage/paging.ts';
import type { DomainContext } from './context.ts';
import { sessionJoinUrl } from './join-url.ts';
import { queueMeetingSync } from './meeting-queue.ts';
import { isoInstant, zonedParts } from './time.ts';

export interface BookingView {
  id: string;
  status: BookingStatus;
  paid: boolean;
  priceCents: number;
  currency: string;
  addOns: string[];
  createdAt: string;
  cancelledAt: string | null;
  client: { id: string; name: string };
  session: { id: string; startsAt: string; localStart: string; timezone: string; status: string };
  /** Online classes: the Meet or Zoom link students join with, once the background sync made it. */
  joinUrl: string | null;
  class: { id: string; title: string };
}

export interface NewClient {
  name: string;
  email?: string | undefined;
  phone?: string | undefined;
}

export interface BookingInput {
  sessionId: string;
  clientId?: string | undefined;
  newClient?: NewClient | undefined;
  status?: 'pending' | 'confirmed' | undefined;
  addOns?: string[] | undefined;
}

/** Bookings as host: the same rules as the owner's UI (docs/product.md#every-request-is-checked; MoveMentors: no booking a sold-out class). */
export function createBookingsService({ storage, now, newId, clock }: DomainContext) {
  function requireBooking(id: string): Booking {
    const found = storage.bookings.find(id);
    if (!found) throw new DomainError('not_found', `There is no booking ${id}.`);
    return found;
  }

  function view(b: Booking): BookingView {
    const session = storage.sessions.find(b.sessionId);
    const cls = session && storage.classes.find(session.classId);
    const client = storage.customers.find(b.clientId);
    if (!session || !cls || !client) throw new Error(`booking ${b.id} references missing rows`);
    const local = zonedParts(session.startsAt, cls.timezone);
    return {
      id: b.id,
      status: b.status,
      paid: b.paid,
      priceCents: b.priceCents,
      currency: storage.studio.get()?.currency ?? 'EUR',
      addOns: b.addOns,
      createdAt: isoInstant(b.createdAt),
      cancelledAt: b.cancelledAt === null ? null : isoInstant(b.cancelledAt),
      client: { id: client.id, name: client.name },
      session: { id: session.id, startsAt: isoInstant(session.startsAt), localStart: `${local.date} ${local.time}`, timezone: cls.timezone, status: session.status },
      joinUrl: b.status === 'cancelled' ? null : sessionJoinUrl(storage, session, cls),
      class: { id: cls.id, title: cls.title },
    };
  }

  /** The client to book: an existing one by id, or one made from new_client (reusing a known email). */
  function resolveClient(input: BookingInput, at: number): { id: string; create?: () => void } {
    if (input.clientId !== undefined && input.newClient !== undefined) throw new DomainError('invalid_input', 'Give client_id or new_client, not both.');
    if (input.clientId !== undefined) {
      if (!storage.customers.find(input.clientId)) throw new DomainError('not_found', `client_id: there is no client ${input.clientId}.`);
      return { id: input.clientId };
    }
    if (!input.newClient) throw new DomainError('invalid_input', 'Give client_id (an existing client) or new_client (name, and email or phone).');
    const known = input.newClient.email ? storage.customers.findByEmail(input.newClient.email) : undefined;
    if (known) return { id: known.id };
    const id = newId('cli');
    const { name, email, phone } = input.newClient;
    return { id, create: () => storage.customers.insert({ id, name, email: email ?? null, phone: phone ?? null, notes: '', tags: [], createdAt: at }) };
  }

  return {
    view,
    get: (id: string) => view(requireBooking(id)),

    list(filter: BookingFilter, page: PageRequest): Page<BookingView> {
      const result = storage.bookings.list(filter, page);
      return { ...result, items: result.items.map(view) };
    },

    /** Books a client on a session: never on a full, cancelled or past session, never twice. */
    create(input: BookingInput): BookingView & { clientCreated: boolean } {
      const at = now();
      const session = storage.sessions.find(input.sessionId);
      if (!session) throw new DomainError('not_found', `session_id: there is no session ${input.sessionId}.`);
      const cls = storage.classes.find(session.classId);
      if (!cls) throw new DomainError('not_found', `session_id: the session's class no longer exists.`);
      if (session.status === 'cancelled') throw new DomainError('session_cancelled', 'This session is cancelled; it cannot be booked. Nothing was changed.');
      if (session.startsAt <= at) throw new DomainError('session_in_past', 'This session has already started; it cannot be booked. Nothing was changed.');
      if (storage.bookings.countLive(session.id) >= cls.capacity) {
        throw new DomainError('session_full', `This session is full (${cls.capacity} of ${cls.capacity} places taken). Nothing was changed.`);
      }
      const client = resolveClient(input, at);
      if (storage.bookings.liveFor(session.id, client.id)) {
        throw new DomainError('already_booked', 'This client already has a booking on this session. Nothing was changed.');
      }
      const booking: Booking = {
        id: newId('bkg'),
        sessionId: session.id,
        clientId: client.id,
        status: input.status ?? 'confirmed',
        paid: false,
        priceCents: cls.priceCents,
        addOns: input.addOns ?? [],
        createdAt: at,
        cancelledAt: null,
      };
      storage.transaction(() => {
        client.create?.();
        storage.bookings.insert(booking);
        queueMeetingSync(storage, session.id, at * 1000); // an online session's meeting follows its confirmed bookings
      });
      return { ...view(booking), clientCreated: client.create !== undefined };
    },

    confirm(id: string): BookingView {
      const booking = requireBooking(id);
      if (booking.status !== 'pending') throw new DomainError('not_pending', `This booking is ${booking.status}, not pending. Nothing was changed.`);
      const session = storage.sessions.find(booking.sessionId);
      if (!session || session.status === 'cancelled') throw new DomainError('session_cancelled', 'The session is cancelled. Nothing was changed.');
      storage.transaction(() => {
        storage.bookings.setStatus(id, 'confirmed', null);
        queueMeetingSync(storage, booking.sessionId, clock.nowMs());
      });
      return view({ ...booking, status: 'confirmed' });
    },

    /** Cancels a booking that is not cancelled already. */
    cancel(id: string): BookingView {
      const booking = requireBooking(id);
      if (booking.status === 'cancelled') throw new DomainError('already_cancelled', 'This booking is already cancelled. Nothing was changed.');
      const at = now();
      storage.transaction(() => {
        storage.bookings.setStatus(id, 'cancelled', at);
        queueMeetingSync(storage, booking.sessionId, at * 1000);
      });
      return view({ ...booking, status: 'cancelled', cancelledAt: at });
    },

    /** Marks a live booking paid and records the earning it brings, in one transaction. */
    markPaid(id: string): BookingView & { earningId: string } {
      const booking = requireBooking(id);
      if (booking.status === 'cancelled') throw new DomainError('booking_cancelled', 'This booking is cancelled; it cannot be marked paid. Nothing was changed.');
      if (booking.paid) throw new DomainError('already_paid', 'This booking is already marked paid. Nothing was changed.');
      const earningId = newId('ern');
      const current = view(booking);
      storage.transaction(() => {
        storage.bookings.markPaid(id);
        storage.earnings.insert({
          id: earningId,
          bookingId: id,
          amountCents: booking.priceCents,
          category: 'classes',
          description: `${current.class.title}: ${current.client.name}`,
          earnedOn: zonedParts(now(), current.session.timezone).date,
        });
      });
      return { ...view({ ...booking, paid: true }), earningId };
    },

    /** Permanent deletion (delete:bookings). The earning it brought stays, unlinked. */
    delete(id: string): { deleted: string } {
      const booking = requireBooking(id);
      storage.transaction(() => {
        storage.bookings.delete(id);
        queueMeetingSync(storage, booking.sessionId, clock.nowMs());
      });
      return { deleted: id };
    },
  };
}
export type BookingsService = ReturnType<typeof createBookingsService>;
