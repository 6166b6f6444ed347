import type { Db } from './database.ts';
import { table } from './table.ts';

export interface Message {
  id: string;
  threadId: string;
  /** inbound: from the counterpart; outbound: sent by the studio. */
  direction: 'inbound' | 'outbound';
  body: string;
  sentAt: number;
}

const messages = table<Message>('messages', { id: 'plain', threadId: 'plain', direction: 'plain', body: 'plain', sentAt: 'plain' });

export function createMessagesRepo(db: Db) {
  const forThread = messages.prepare<[string]>(db, 'WHERE thread_id = ? ORDER BY sent_at, id');
  const count = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM messages WHERE thread_id = ?');
  const last = messages.prepare<[string]>(db, 'WHERE thread_id = ? ORDER BY sent_at DESC, id DESC LIMIT 1');
  return {
    insert: messages.inserter(db),
    find: messages.findBy(db, 'id'),
    forThread(threadId: string): Message[] {
      return forThread.all(threadId);
    },
    /** How many messages a thread holds, and the latest (the inbox shows it as a preview). */
    summary(threadId: string): { count: number; last: Message | undefined } {
      return { count: count.get(threadId)?.n ?? 0, last: last.get(threadId) };
    },
    delete: messages.deleteBy(db, 'id'),
  };
}
export type MessagesRepo = ReturnType<typeof createMessagesRepo>;
