import type { Db } from './database.ts';
import type { Page, PageRequest } from './paging.ts';
import { table, type Filter } from './table.ts';

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

const threads = table<Thread>('message_threads', { id: 'plain', clientId: 'plain', counterpart: 'plain', subject: 'plain', createdAt: 'plain', updatedAt: 'plain' });

/** What a list of threads can be narrowed to. */
const matching = threads.filter({ clientId: 'client_id = ?' });

export function createThreadsRepo(db: Db) {
  const touch = db.prepare<[number, string]>('UPDATE message_threads SET updated_at = ? WHERE id = ?');
  return {
    insert: threads.inserter(db),
    find: threads.findBy(db, 'id'),
    list(filter: Filter<typeof matching>, page: PageRequest): Page<Thread> {
      return threads.page(db, page, matching(filter), 'updated_at DESC, id');
    },
    touch(id: string, at: number): void {
      touch.run(at, id);
    },
    delete: threads.deleteBy(db, 'id'),
  };
}
export type ThreadsRepo = ReturnType<typeof createThreadsRepo>;
