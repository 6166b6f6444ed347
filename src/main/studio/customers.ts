import { DomainError } from '../errors.ts';
import type { Customer, CustomerFilter } from '../storage/customers-repo.ts';
import type { Page, PageRequest } from '../storage/paging.ts';
import type { BookingsService, BookingView } from './bookings.ts';
import type { DomainContext } from './context.ts';
import { queueMeetingSyncAll } from './meeting-queue.ts';
import { isoInstant } from './time.ts';

export interface CustomerView extends Omit<Customer, 'createdAt'> {
  createdAt: string;
}

const MAX_NOTES = 10_000;

/** The studio's CRM: clients, their history, the owner's notes and tags (write = notes and tags only). */
export function createCustomersService({ storage, now, clock }: DomainContext, bookings: BookingsService) {
  function requireClient(id: string): Customer {
    const found = storage.customers.find(id);
    if (!found) throw new DomainError('not_found', `There is no client ${id}.`);
    return found;
  }

  const view = ({ createdAt, ...c }: Customer): CustomerView => ({ ...c, createdAt: isoInstant(createdAt) });

  return {
    view,
    list(filter: CustomerFilter, page: PageRequest): Page<CustomerView> {
      const result = storage.customers.list(filter, page);
      return { ...result, items: result.items.map(view) };
    },

    /** A client with their booking history, newest first. */
    get(id: string, historyLimit = 50): CustomerView & { history: BookingView[]; totalBookings: number } {
      const client = requireClient(id);
      const all = storage.bookings.list({ clientId: id }, { limit: 10_000 }).items;
      const history = all.slice(-historyLimit).reverse().map(bookings.view);
      return { ...view(client), history, totalBookings: all.length };
    },

    updateNotes(id: string, notes: string, mode: 'replace' | 'append'): CustomerView {
      const client = requireClient(id);
      const next = mode === 'append' && client.notes ? `${client.notes}\n${notes}` : notes;
      if (next.length > MAX_NOTES) throw new DomainError('invalid_input', `notes: the notes would be ${next.length} characters; the limit is ${MAX_NOTES}. Nothing was changed.`);
      storage.transaction(() => storage.customers.setNotes(id, next));
      return view({ ...client, notes: next });
    },

    tag(id: string, add: string[], remove: string[]): CustomerView {
      const client = requireClient(id);
      const removing = new Set(remove.map((t) => t.toLowerCase()));
      const tags = [...new Set([...client.tags.filter((t) => !removing.has(t.toLowerCase())), ...add])];
      if (tags.length > 30) throw new DomainError('invalid_input', 'tags: a client can have at most 30 tags. Nothing was changed.');
      storage.transaction(() => storage.customers.setTags(id, tags));
      return view({ ...client, tags });
    },

    /** Permanent deletion (delete:clients) with their whole history; refused while they hold upcoming bookings. */
    delete(id: string): { deleted: string; bookingsDeleted: number } {
      requireClient(id);
      const live = storage.bookings.liveUpcomingForClient(id, now());
      if (live > 0) throw new DomainError('client_has_bookings', `This client has ${live} live upcoming bookings; cancel them first. Nothing was deleted.`);
      const history = storage.bookings.list({ clientId: id }, { limit: 10_000 }).items;
      storage.transaction(() => {
        storage.customers.delete(id); // and their bookings
        queueMeetingSyncAll(storage, history.map((b) => b.sessionId), clock.nowMs());
      });
      return { deleted: id, bookingsDeleted: history.length };
    },
  };
}
export type CustomersService = ReturnType<typeof createCustomersService>;
