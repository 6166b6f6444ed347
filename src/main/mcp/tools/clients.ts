import { z } from 'zod';
import { defineTool } from '../tool.ts';
import { id, shortText } from './common.ts';
import { byId, pagedList } from './shapes.ts';
import { clientName, counted, deed, listed, named, say } from './words.ts';

const tag = shortText(40);
const onClient = byId('client_id', 'Client');

export const clientTools = [
  pagedList('clients', {
    name: 'list_clients',
    title: 'List clients',
    description: "Lists the studio's clients (CRM) by name. Search name, email and notes, or filter by tag; paged.",
    scopes: ['read:clients'],
    counted: { did: 'looked at your clients' },
    filters: { query: z.string().max(100).optional(), tag: tag.optional() },
    list: (f, page, { services }) => services.customers.list({ text: f.query, tag: f.tag }, page),
  }),
  onClient({
    name: 'get_client',
    title: 'Get a client',
    description: 'Returns one client with contact details, notes, tags and booking history (newest first, up to 50).',
    scopes: ['read:clients'],
    counted: { did: 'looked at your clients' },
    run: (clientId, { services }) => services.customers.get(clientId),
    describe: (clientId, services) => {
      const name = clientName(services, clientId);
      return name === undefined ? undefined : deed(say`Look at client ${named(name)}`, `looked at client ${name}`);
    },
  }),
  defineTool({
    name: 'update_client_notes',
    title: "Update a client's notes",
    description: "Replaces or appends to the owner's private notes on a client.",
    scopes: ['write:clients'],
    counted: { did: 'changed notes on', one: 'client', many: 'clients' },
    sensitive: ['notes'],
    input: z
      .object({ client_id: id('Client'), notes: z.string().max(10_000), mode: z.enum(['replace', 'append']).default('append') })
      .strict(),
    handler: (a, { services }) => services.customers.updateNotes(a.client_id, a.notes, a.mode),
    // Never the notes themselves: they are the owner's private words (sensitive).
    describe: (a, services) => {
      const name = clientName(services, a.client_id);
      if (name === undefined) return undefined;
      return a.mode === 'append'
        ? deed(say`Add a note to ${named(name)}`, `added a note to ${name}`)
        : deed(say`Replace every note on ${named(name)}`, `replaced the notes on ${name}`);
    },
  }),
  defineTool({
    name: 'tag_client',
    title: 'Tag a client',
    description: 'Adds and/or removes tags on a client (e.g. "regular", "injury: knee").',
    scopes: ['write:clients'],
    counted: { did: 'tagged', one: 'client', many: 'clients' },
    idempotent: true,
    input: z
      .object({ client_id: id('Client'), add: z.array(tag).max(30).default([]), remove: z.array(tag).max(30).default([]) })
      .strict()
      .refine((a) => a.add.length + a.remove.length > 0, { message: 'give tags to add or remove' }),
    handler: (a, { services }) => services.customers.tag(a.client_id, a.add, a.remove),
    describe: (a, services) => {
      const name = clientName(services, a.client_id);
      if (name === undefined) return undefined;
      const change = [a.add.length ? `add ${listed(a.add.map((t) => `“${t}”`))}` : '', a.remove.length ? `remove ${listed(a.remove.map((t) => `“${t}”`))}` : ''];
      const done = [a.add.length ? `added ${listed(a.add)}` : '', a.remove.length ? `removed ${listed(a.remove)}` : ''];
      return deed(say`Tag ${named(name)}: ${change.filter(Boolean).join('; ')}`, `tagged ${name} (${done.filter(Boolean).join('; ')})`);
    },
  }),
  onClient({
    name: 'delete_client',
    title: 'Delete a client',
    description: 'Permanently deletes a client and their booking history. Refused while they hold upcoming bookings.',
    scopes: ['delete:clients'],
    counted: { did: 'deleted', one: 'client', many: 'clients' },
    run: (clientId, { services }) => services.customers.delete(clientId),
    describe: (clientId, services) => {
      const client = services.storage.customers.find(clientId);
      if (!client) return undefined;
      const bookings = services.storage.bookings.list({ clientId }, { limit: 10_000 }).items.length;
      const losing = [counted(bookings, 'booking', 'bookings'), ...(client.notes.trim() ? ['notes'] : [])];
      return deed(say`Delete client ${named(client.name)} — ${listed(losing)}`, `deleted client ${client.name} and ${counted(bookings, 'booking', 'bookings')}`);
    },
  }),
];
