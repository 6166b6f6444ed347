import { DomainError } from '../errors.ts';
import type { Message } from '../storage/messages-repo.ts';
import type { Page, PageRequest } from '../storage/paging.ts';
import type { Thread } from '../storage/threads-repo.ts';
import type { DomainContext } from './context.ts';
import { isoInstant } from './time.ts';

/** Characters of the last message the inbox shows. */
export const PREVIEW_LENGTH = 120;

export interface MessageView {
  id: string;
  direction: Message['direction'];
  body: string;
  sentAt: string;
}

export interface ThreadSummary {
  id: string;
  /** The CRM client the thread is with; null for an inquiry from someone who is not a client. */
  clientId: string | null;
  counterpart: string;
  subject: string;
  messageCount: number;
  lastMessage: { direction: Message['direction']; preview: string; sentAt: string } | null;
  createdAt: string;
  updatedAt: string;
}

export interface SendInput {
  threadId?: string | undefined;
  clientId?: string | undefined;
  subject?: string | undefined;
  body: string;
}

/** Cut by code points, so a preview never ends in half an emoji. */
function preview(body: string): string {
  return Array.from(body).slice(0, PREVIEW_LENGTH).join('');
}

const messageView = (m: Message): MessageView => ({ id: m.id, direction: m.direction, body: m.body, sentAt: isoInstant(m.sentAt) });

/** The studio's inbox: threads with clients and inquiries; write = send as the studio. */
export function createMessagesService({ storage, now, newId }: DomainContext) {
  function requireThread(id: string): Thread {
    const found = storage.threads.find(id);
    if (!found) throw new DomainError('not_found', `There is no thread ${id}.`);
    return found;
  }

  function summary(t: Thread): ThreadSummary {
    const { count, last } = storage.messages.summary(t.id);
    return {
      id: t.id,
      clientId: t.clientId,
      counterpart: t.counterpart,
      subject: t.subject,
      messageCount: count,
      lastMessage: last ? { direction: last.direction, preview: preview(last.body), sentAt: isoInstant(last.sentAt) } : null,
      createdAt: isoInstant(t.createdAt),
      updatedAt: isoInstant(t.updatedAt),
    };
  }

  /**
   * Where a message goes: a reply in an existing thread (anyone, inquiries included), or a new thread,
   * which only a CRM client can be the other side of: the studio never cold-messages a stranger.
   */
  function resolveThread(input: SendInput, at: number): { thread: Thread; create: boolean } {
    const refusal = 'Give thread_id to reply in a thread, or client_id and subject to start a new thread with a client. Nothing was sent.';
    if (input.threadId !== undefined && input.clientId !== undefined) throw new DomainError('invalid_input', `thread_id and client_id were both given. ${refusal}`);
    if (input.threadId !== undefined) {
      if (input.subject !== undefined) throw new DomainError('invalid_input', 'subject: a reply keeps its thread\'s subject; give subject only with client_id. Nothing was sent.');
      const thread = storage.threads.find(input.threadId);
      if (!thread) throw new DomainError('not_found', `thread_id: there is no thread ${input.threadId}. Nothing was sent.`);
      return { thread, create: false };
    }
    if (input.clientId === undefined) throw new DomainError('invalid_input', `Neither thread_id nor client_id was given. ${refusal}`);
    const client = storage.customers.find(input.clientId);
    if (!client) {
      throw new DomainError(
        'not_found',
        `client_id: there is no client ${input.clientId}. Someone who is not a client can only be answered in their own thread (thread_id). Nothing was sent.`,
      );
    }
    if (input.subject === undefined) throw new DomainError('invalid_input', 'subject: a new thread needs a subject. Nothing was sent.');
    return { thread: { id: newId('thr'), clientId: client.id, counterpart: client.name, subject: input.subject, createdAt: at, updatedAt: at }, create: true };
  }

  return {
    list(filter: { clientId?: string | undefined }, page: PageRequest): Page<ThreadSummary> {
      if (filter.clientId !== undefined && !storage.customers.find(filter.clientId)) throw new DomainError('not_found', `client_id: there is no client ${filter.clientId}.`);
      const result = storage.threads.list(filter, page);
      return { ...result, items: result.items.map(summary) };
    },

    /** A thread with all its messages, oldest first. */
    get(id: string): ThreadSummary & { messages: MessageView[] } {
      const thread = requireThread(id);
      return { ...summary(thread), messages: storage.messages.forThread(id).map(messageView) };
    },

    /** Sends as the studio (outbound); the thread moves to the top of the inbox. */
    send(input: SendInput): { thread: ThreadSummary; message: MessageView; threadCreated: boolean } {
      const at = now();
      const { thread, create } = resolveThread(input, at);
      const message: Message = { id: newId('msg'), threadId: thread.id, direction: 'outbound', body: input.body, sentAt: at };
      storage.transaction(() => {
        if (create) storage.threads.insert(thread);
        else storage.threads.touch(thread.id, at);
        storage.messages.insert(message);
      });
      return { thread: summary({ ...thread, updatedAt: at }), message: messageView(message), threadCreated: create };
    },

    /** Permanent deletion (delete:messages) of one message; its thread stays, even when empty. */
    deleteMessage(id: string): { deleted: string; threadId: string; messagesLeft: number } {
      const message = storage.messages.find(id);
      if (!message) throw new DomainError('not_found', `There is no message ${id}.`);
      storage.transaction(() => storage.messages.delete(id));
      return { deleted: id, threadId: message.threadId, messagesLeft: storage.messages.summary(message.threadId).count };
    },

    /** Permanent deletion (delete:messages) of a thread and every message in it. */
    deleteThread(id: string): { deleted: string; messagesDeleted: number } {
      requireThread(id);
      const messagesDeleted = storage.messages.summary(id).count;
      // The schema cascades: deleting the thread deletes its messages in the same statement.
      storage.transaction(() => storage.threads.delete(id));
      return { deleted: id, messagesDeleted };
    },
  };
}
export type MessagesService = ReturnType<typeof createMessagesService>;
