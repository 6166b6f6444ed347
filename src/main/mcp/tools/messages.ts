import { z } from 'zod';
import { defineTool } from '../tool.ts';
import { id, shortText, toCamelCase } from './common.ts';
import type { Services } from '../../services.ts';
import { byId, pagedList } from './shapes.ts';
import { clientName, counted, deed, named, say } from './words.ts';

/** Who a thread is with: the client's name, or the counterpart it was started by. */
function threadWith(services: Services, threadId: string): string | undefined {
  const thread = services.storage.threads.find(threadId);
  if (!thread) return undefined;
  return (thread.clientId === null ? undefined : clientName(services, thread.clientId)) ?? thread.counterpart;
}

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
    counted: { did: 'read your messages' },
    filters: { client_id: id('Client').optional().describe('Only threads with this CRM client') },
    list: (filters, page, { services }) => services.messages.list(toCamelCase(filters), page),
    describe: (f, services) => {
      const name = f.client_id === undefined ? undefined : clientName(services, f.client_id);
      return name === undefined ? undefined : deed(say`Look at the messages with ${named(name)}`, `looked at the messages with ${name}`);
    },
  }),
  onThread({
    name: 'get_thread',
    title: 'Get a message thread',
    description: 'Returns one thread with all its messages, oldest first (inbound: from them; outbound: from the studio).',
    scopes: ['read:messages'],
    counted: { did: 'read your messages' },
    run: (threadId, { services }) => services.messages.get(threadId),
    describe: (threadId, services) => {
      const name = threadWith(services, threadId);
      return name === undefined ? undefined : deed(say`Read the conversation with ${named(name)}`, `read the conversation with ${name}`);
    },
  }),
  defineTool({
    name: 'send_message',
    title: 'Send a message',
    description:
      'Sends a message as the studio: a reply in a thread (thread_id), or a new thread with an existing client (client_id and subject). ' +
      'Someone who is not a client can only be answered in their own thread.',
    scopes: ['write:messages'],
    counted: { did: 'sent', one: 'message', many: 'messages' },
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
    // Never the message itself (sensitive): who it goes to, and the subject of a new conversation.
    describe: (a, services) => {
      if (a.thread_id !== undefined) {
        const name = threadWith(services, a.thread_id);
        return name === undefined ? undefined : deed(say`Send a message to ${named(name)} as the studio`, `sent a message to ${name}`);
      }
      const name = a.client_id === undefined ? undefined : clientName(services, a.client_id);
      if (name === undefined) return undefined;
      const about = a.subject === undefined ? '' : ` about “${a.subject}”`;
      return deed(say`Start a conversation with ${named(name)}${about} as the studio`, `sent a message to ${name}${about}`);
    },
  }),
  onMessage({
    name: 'delete_message',
    title: 'Delete a message',
    description: 'Permanently deletes one message; its thread stays.',
    scopes: ['delete:messages'],
    counted: { did: 'deleted', one: 'message', many: 'messages' },
    run: (messageId, { services }) => services.messages.deleteMessage(messageId),
    describe: (messageId, services) => {
      const message = services.storage.messages.find(messageId);
      const name = message && threadWith(services, message.threadId);
      if (!message || name === undefined) return undefined;
      const which = message.direction === 'inbound' ? `a message from ${name}` : `a message to ${name}`;
      return deed(say`Permanently delete a message ${message.direction === 'inbound' ? 'from' : 'to'} ${named(name)}`, `deleted ${which}`);
    },
  }),
  onThread({
    name: 'delete_thread',
    title: 'Delete a message thread',
    description: 'Permanently deletes a thread and every message in it.',
    scopes: ['delete:messages'],
    counted: { did: 'deleted', one: 'conversation', many: 'conversations' },
    run: (threadId, { services }) => services.messages.deleteThread(threadId),
    describe: (threadId, services) => {
      const name = threadWith(services, threadId);
      if (name === undefined) return undefined;
      const messages = counted(services.storage.messages.summary(threadId).count, 'message', 'messages');
      return deed(say`Permanently delete the conversation with ${named(name)} — ${messages}`, `deleted the conversation with ${name} (${messages})`);
    },
  }),
];
