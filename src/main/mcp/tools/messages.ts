import { z } from 'zod';
import { DELETE, defineTool, READ, WRITE } from '../tool.ts';
import { id, page, pageResult, shortText } from './common.ts';

export const messageTools = [
  defineTool({
    name: 'list_threads',
    title: 'List message threads',
    description:
      'Lists the inbox, most recently active first: each thread with who it is with, subject, message count and a preview of the last message. ' +
      'Filter by client; paged. Needs read:messages.',
    scopes: ['read:messages'],
    annotations: READ,
    input: z.object({ client_id: id('Client').optional().describe('Only threads with this CRM client'), ...page }).strict(),
    handler: (a, { services }) => pageResult(services.messages.list({ clientId: a.client_id }, a), 'threads'),
  }),
  defineTool({
    name: 'get_thread',
    title: 'Get a message thread',
    description: 'Returns one thread with all its messages, oldest first (inbound: from them; outbound: from the studio). Needs read:messages.',
    scopes: ['read:messages'],
    annotations: READ,
    input: z.object({ thread_id: id('Thread') }).strict(),
    handler: (a, { services }) => services.messages.get(a.thread_id),
  }),
  defineTool({
    name: 'send_message',
    title: 'Send a message',
    description:
      'Sends a message as the studio: a reply in a thread (thread_id), or a new thread with an existing client (client_id and subject). ' +
      'Someone who is not a client can only be answered in their own thread. Needs write:messages.',
    scopes: ['write:messages'],
    annotations: WRITE,
    sensitive: ['body'],
    input: z
      .object({
        thread_id: id('Thread').optional().describe('Reply in this thread'),
        client_id: id('Client').optional().describe('Start a new thread with this client (needs subject)'),
        subject: shortText(200).optional().describe('Subject of a new thread'),
        body: shortText(5000).describe('The message, 1–5000 characters'),
      })
      .strict(),
    handler: (a, { services }) => services.messages.send({ threadId: a.thread_id, clientId: a.client_id, subject: a.subject, body: a.body }),
  }),
  defineTool({
    name: 'delete_message',
    title: 'Delete a message',
    description: 'Permanently deletes one message; its thread stays. Needs delete:messages.',
    scopes: ['delete:messages'],
    annotations: DELETE,
    input: z.object({ message_id: id('Message') }).strict(),
    handler: (a, { services }) => services.messages.deleteMessage(a.message_id),
  }),
  defineTool({
    name: 'delete_thread',
    title: 'Delete a message thread',
    description: 'Permanently deletes a thread and every message in it. Needs delete:messages.',
    scopes: ['delete:messages'],
    annotations: DELETE,
    input: z.object({ thread_id: id('Thread') }).strict(),
    handler: (a, { services }) => services.messages.deleteThread(a.thread_id),
  }),
];
