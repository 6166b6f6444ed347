import { z } from 'zod';
import { defineTool } from '../tool.ts';
import { id, shortText, toCamelCase } from './common.ts';
import { byId, pagedList } from './shapes.ts';

const onThread = byId('thread_id', 'Thread');
const onMessage = byId('message_id', 'Message');

export const messageTools = [
  pagedList('threads', {
    name: 'list_threads',
    title: 'List message threads',
    description:
      'Lists the inbox, most recently active first: each thread with who it is with, subject, message count and a preview of the last message. ' +
      'Filter by client; paged.',
    scopes: ['read:messages'],
    filters: { client_id: id('Client').optional().describe('Only threads with this CRM client') },
    list: (filters, page, { services }) => services.messages.list(toCamelCase(filters), page),
  }),
  onThread({
    name: 'get_thread',
    title: 'Get a message thread',
    description: 'Returns one thread with all its messages, oldest first (inbound: from them; outbound: from the studio).',
    scopes: ['read:messages'],
    run: (threadId, { services }) => services.messages.get(threadId),
  }),
  defineTool({
    name: 'send_message',
    title: 'Send a message',
    description:
      'Sends a message as the studio: a reply in a thread (thread_id), or a new thread with an existing client (client_id and subject). ' +
      'Someone who is not a client can only be answered in their own thread.',
    scopes: ['write:messages'],
    sensitive: ['body'],
    input: z
      .object({
        thread_id: id('Thread').optional().describe('Reply in this thread'),
        client_id: id('Client').optional().describe('Start a new thread with this client (needs subject)'),
        subject: shortText(200).optional().describe('Subject of a new thread'),
        body: shortText(5000).describe('The message, 1–5000 characters'),
      })
      .strict(),
    handler: (a, { services }) => services.messages.send(toCamelCase(a)),
  }),
  onMessage({
    name: 'delete_message',
    title: 'Delete a message',
    description: 'Permanently deletes one message; its thread stays.',
    scopes: ['delete:messages'],
    run: (messageId, { services }) => services.messages.deleteMessage(messageId),
  }),
  onThread({
    name: 'delete_thread',
    title: 'Delete a message thread',
    description: 'Permanently deletes a thread and every message in it.',
    scopes: ['delete:messages'],
    run: (threadId, { services }) => services.messages.deleteThread(threadId),
  }),
];
