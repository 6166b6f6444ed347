import { statement, type Db } from './database.ts';
import { paged, where, type Page, type PageRequest } from './paging.ts';

/** A conversation in the inbox: with a client, or with someone who is not one yet (an inquiry). */
export interface Thread {
  id: string;
  clientId: string | null;
  /** Who the conversation is with, as shown in the inbox. */
  counterpart: string;
  subject: string;
  createdAt: number;
  updatedAt: number;
}

interface ThreadRow {
  id: string;
  client_id: string | null;
  counterpart: string;
  subject: string;
  created_at: number;
  updated_at: number;
}

const toModel = (r: ThreadRow): Thread => ({ id: r.id, clientId: r.client_id, counterpart: r.counterpart, subject: r.subject, createdAt: r.created_at, updatedAt: r.updated_at });

export function createThreadsRepo(db: Db) {
  const insert = db.prepare('INSERT INTO message_threads (id, client_id, counterpart, subject, created_at, updated_at) VALUES (@id, @clientId, @counterpart, @subject, @createdAt, @updatedAt)');
  const find = db.prepare<[string], ThreadRow>('SELECT * FROM message_threads WHERE id = ?');
  const touch = db.prepare<[number, string]>('UPDATE message_threads SET updated_at = ? WHERE id = ?');
  const remove = db.prepare<[string]>('DELETE FROM message_threads WHERE id = ?');
  return {
    insert(thread: Thread): void {
      insert.run(thread);
    },
    find(id: string): Thread | undefined {
      const row = find.get(id);
      return row && toModel(row);
    },
    list(filter: { clientId?: string | undefined }, page: PageRequest): Page<Thread> {
      const w = where([filter.clientId !== undefined && ['client_id = ?', filter.clientId]]);
      return paged(page, (limit, offset) =>
        statement<unknown[], ThreadRow>(db, `SELECT * FROM message_threads ${w.sql} ORDER BY updated_at DESC, id LIMIT ? OFFSET ?`).all(...w.params, limit, offset).map(toModel),
      );
    },
    touch(id: string, at: number): void {
      touch.run(at, id);
    },
    delete(id: string): void {
      remove.run(id);
    },
  };
}
export type ThreadsRepo = ReturnType<typeof createThreadsRepo>;
