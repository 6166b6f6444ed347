import type { Db } from './database.ts';

export interface Message {
  id: string;
  threadId: string;
  /** inbound: from the counterpart; outbound: sent by the studio. */
  direction: 'inbound' | 'outbound';
  body: string;
  sentAt: number;
}

interface MessageRow {
  id: string;
  thread_id: string;
  direction: 'inbound' | 'outbound';
  body: string;
  sent_at: number;
}

const toModel = (r: MessageRow): Message => ({ id: r.id, threadId: r.thread_id, direction: r.direction, body: r.body, sentAt: r.sent_at });

export function createMessagesRepo(db: Db) {
  const insert = db.prepare('INSERT INTO messages (id, thread_id, direction, body, sent_at) VALUES (@id, @threadId, @direction, @body, @sentAt)');
  const find = db.prepare<[string], MessageRow>('SELECT * FROM messages WHERE id = ?');
  const forThread = db.prepare<[string], MessageRow>('SELECT * FROM messages WHERE thread_id = ? ORDER BY sent_at, id');
  const remove = db.prepare<[string]>('DELETE FROM messages WHERE id = ?');
  const count = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM messages WHERE thread_id = ?');
  const last = db.prepare<[string], MessageRow>('SELECT * FROM messages WHERE thread_id = ? ORDER BY sent_at DESC, id DESC LIMIT 1');
  return {
    insert(message: Message): void {
      insert.run(message);
    },
    find(id: string): Message | undefined {
      const row = find.get(id);
      return row && toModel(row);
    },
    forThread(threadId: string): Message[] {
      return forThread.all(threadId).map(toModel);
    },
    /** How many messages a thread holds, and the latest (the inbox shows it as a preview). */
    summary(threadId: string): { count: number; last: Message | undefined } {
      const row = last.get(threadId);
      return { count: count.get(threadId)?.n ?? 0, last: row && toModel(row) };
    },
    delete(id: string): void {
      remove.run(id);
    },
  };
}
export type MessagesRepo = ReturnType<typeof createMessagesRepo>;
