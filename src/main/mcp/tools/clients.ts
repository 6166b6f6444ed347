import { z } from 'zod';
import { defineTool } from '../tool.ts';
import { id, shortText } from './common.ts';
import { byId, pagedList } from './shapes.ts';

const tag = shortText(40);
const onClient = byId('client_id', 'Client');

export const clientTools = [
  pagedList('clients', {
    name: 'list_clients',
    title: 'List clients',
    description: "Lists the studio's clients (CRM) by name. Search name, email and notes, or filter by tag; paged.",
    scopes: ['read:clients'],
    filters: { query: z.string().max(100).optional(), tag: tag.optional() },
    list: (f, page, { services }) => services.customers.list({ text: f.query, tag: f.tag }, page),
  }),
  onClient({
    name: 'get_client',
    title: 'Get a client',
    description: 'Returns one client with contact details, notes, tags and booking history (newest first, up to 50).',
    scopes: ['read:clients'],
    run: (clientId, { services }) => services.customers.get(clientId),
  }),
  defineTool({
    name: 'update_client_notes',
    title: "Update a client's notes",
    description: "Replaces or appends to the owner's private notes on a client.",
    scopes: ['write:clients'],
    sensitive: ['notes'],
    input: z
      .object({ client_id: id('Client'), notes: z.string().max(10_000), mode: z.enum(['replace', 'append']).default('append') })
      .strict(),
    handler: (a, { services }) => services.customers.updateNotes(a.client_id, a.notes, a.mode),
  }),
  defineTool({
    name: 'tag_client',
    title: 'Tag a client',
    description: 'Adds and/or removes tags on a client (e.g. "regular", "injury: knee").',
    scopes: ['write:clients'],
    idempotent: true,
    input: z
      .object({ client_id: id('Client'), add: z.array(tag).max(30).default([]), remove: z.array(tag).max(30).default([]) })
      .strict()
      .refine((a) => a.add.length + a.remove.length > 0, { message: 'give tags to add or remove' }),
    handler: (a, { services }) => services.customers.tag(a.client_id, a.add, a.remove),
  }),
  onClient({
    name: 'delete_client',
    title: 'Delete a client',
    description: 'Permanently deletes a client and their booking history. Refused while they hold upcoming bookings.',
    scopes: ['delete:clients'],
    run: (clientId, { services }) => services.customers.delete(clientId),
  }),
];
