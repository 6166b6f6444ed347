import { DomainError } from '../errors.ts';
import type { CrmClient, CrmClientFilter } from '../storage/crm-clients-repo.ts';
import type { Page, PageRequest } from '../storage/paging.ts';
import type { BookingsService, BookingView } from './bookings.ts';
import type { DomainContext } from './context.ts';
import { isoInstant } from './time.ts';

export interface ClientView {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  notes: string;
  tags: string[];
  createdAt: string;
}

const MAX_NOTES = 10_000;

/** The studio's CRM: clients, their history, the owner's notes and tags (write = notes and tags only). */
export function createClientsService({ storage, now }: DomainContext, bookings: BookingsService) {
  function requireClient(id: string): CrmClient {
    const found = storage.crmClients.find(id);
    if (!found) throw new DomainError('not_found', `There is no client ${id}.`);
    return found;
  }

  const view = (c: CrmClient): ClientView => ({ id: c.id, name: c.name, email: c.email, phone: c.phone, notes: c.notes, tags: c.tags, createdAt: isoInstant(c.createdAt) });

  return {
    view,
    list(filter: CrmClientFilter, page: PageRequest): Page<ClientView> {
      const result = storage.crmClients.list(filter, page);
      return { ...result, items: result.items.map(view) };
    },

    /** A client with their booking history, newest first. */
    get(id: string, historyLimit = 50): ClientView & { history: BookingView[]; totalBookings: number } {
      const client = requireClient(id);
      const all = storage.bookings.list({ clientId: id }, { limit: 10_000 }).items;
      const history = all.slice(-historyLimit).reverse().map(bookings.view);
      return { ...view(client), history, totalBookings: all.length };
    },

    updateNotes(id: string, notes: string, mode: 'replace' | 'append'): ClientView {
      const client = requireClient(id);
      const next = mode === 'append' && client.notes ? `${client.notes}\n${notes}` : notes;
      if (next.length > MAX_NOTES) throw new DomainError('invalid_input', `notes: the notes would be ${next.length} characters; the limit is ${MAX_NOTES}. Nothing was changed.`);
      storage.transaction(() => storage.crmClients.setNotes(id, next));
      return view({ ...client, notes: next });
    },

    tag(id: string, add: string[], remove: string[]): ClientView {
      const client = requireClient(id);
      const removing = new Set(remove.map((t) => t.toLowerCase()));
      const tags = [...new Set([...client.tags.filter((t) => !removing.has(t.toLowerCase())), ...add])];
      if (tags.length > 30) throw new DomainError('invalid_input', 'tags: a client can have at most 30 tags. Nothing was changed.');
      storage.transaction(() => storage.crmClients.setTags(id, tags));
      return view({ ...client, tags });
    },

    /** Permanent deletion (delete:clients) with their whole history; refused while they hold upcoming bookings. */
    delete(id: string): { deleted: string; bookingsDeleted: number } {
      requireClient(id);
      const live = storage.bookings.liveUpcomingForClient(id, now());
      if (live > 0) throw new DomainError('client_has_bookings', `This client has ${live} live upcoming bookings; cancel them first. Nothing was deleted.`);
      const bookingsDeleted = storage.bookings.list({ clientId: id }, { limit: 10_000 }).items.length;
      storage.transaction(() => storage.crmClients.delete(id));
      return { deleted: id, bookingsDeleted };
    },
  };
}
export type ClientsService = ReturnType<typeof createClientsService>;
