import { z } from 'zod';
import { DELETE, defineTool, IDEMPOTENT_WRITE, READ, WRITE } from '../tool.ts';
import { id, page, pageResult, shortText } from './common.ts';

const tag = shortText(40);

export const clientTools = [
  defineTool({
    name: 'list_clients',
    title: 'List clients',
    description: "Lists the studio's clients (CRM) by name. Search name, email and notes, or filter by tag; paged. Needs read:clients.",
    scopes: ['read:clients'],
    annotations: READ,
    input: z.object({ query: z.string().max(100).optional(), tag: tag.optional(), ...page }).strict(),
    handler: (a, { services }) => pageResult(services.clients.list({ text: a.query, tag: a.tag }, a), 'clients'),
  }),
  defineTool({
    name: 'get_client',
    title: 'Get a client',
    description: 'Returns one client with contact details, notes, tags and booking history (newest first, up to 50). Needs read:clients.',
    scopes: ['read:clients'],
    annotations: READ,
    input: z.object({ client_id: id('Client') }).strict(),
    handler: (a, { services }) => services.clients.get(a.client_id),
  }),
  defineTool({
    name: 'update_client_notes',
    title: "Update a client's notes",
    description: "Replaces or appends to the owner's private notes on a client. Needs write:clients.",
    scopes: ['write:clients'],
    annotations: WRITE,
    sensitive: ['notes'],
    input: z
      .object({ client_id: id('Client'), notes: z.string().max(10_000), mode: z.enum(['replace', 'append']).default('append') })
      .strict(),
    handler: (a, { services }) => services.clients.updateNotes(a.client_id, a.notes, a.mode),
  }),
  defineTool({
    name: 'tag_client',
    title: 'Tag a client',
    description: 'Adds and/or removes tags on a client (e.g. "regular", "injury: knee"). Needs write:clients.',
    scopes: ['write:clients'],
    annotations: IDEMPOTENT_WRITE,
    input: z
      .object({ client_id: id('Client'), add: z.array(tag).max(30).default([]), remove: z.array(tag).max(30).default([]) })
      .strict()
      .refine((a) => a.add.length + a.remove.length > 0, { message: 'give tags to add or remove' }),
    handler: (a, { services }) => services.clients.tag(a.client_id, a.add, a.remove),
  }),
  defineTool({
    name: 'delete_client',
    title: 'Delete a client',
    description: 'Permanently deletes a client and their booking history. Refused while they hold upcoming bookings. Needs delete:clients.',
    scopes: ['delete:clients'],
    annotations: DELETE,
    input: z.object({ client_id: id('Client') }).strict(),
    handler: (a, { services }) => services.clients.delete(a.client_id),
  }),
];
