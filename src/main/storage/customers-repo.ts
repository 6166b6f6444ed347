import type { Db } from './database.ts';
import { json, type Page, type PageRequest } from './paging.ts';
import { containing, table, type Filter } from './table.ts';

/** A client of the studio (CRM), not an OAuth client. */
export interface Customer {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  notes: string;
  tags: string[];
  createdAt: number;
}

/** The studio's customers (their table keeps its first name, crm_clients; OAuth apps are in apps-repo.ts). */
const customers = table<Customer>('crm_clients', { id: 'plain', name: 'plain', email: 'plain', phone: 'plain', notes: 'plain', tags: 'json', createdAt: 'plain' });

/** What a list of customers can be narrowed to. */
const matching = customers.filter({
  /** Case-insensitive text in name, email or notes. */
  text: (text: string) => containing(['name', 'email', 'notes'], text),
  tag: (tag: string) => ['EXISTS (SELECT 1 FROM json_each(tags) WHERE value = ? COLLATE NOCASE)', tag],
});
export type CustomerFilter = Filter<typeof matching>;

export function createCustomersRepo(db: Db) {
  const byEmail = customers.prepare<[string]>(db, 'WHERE email = ? COLLATE NOCASE');
  const setNotes = db.prepare<[string, string]>('UPDATE crm_clients SET notes = ? WHERE id = ?');
  const setTags = db.prepare<[string, string]>('UPDATE crm_clients SET tags = ? WHERE id = ?');

  return {
    insert: customers.inserter(db),
    find: customers.findBy(db, 'id'),
    findByEmail(email: string): Customer | undefined {
      return byEmail.get(email);
    },
    list(filter: CustomerFilter, page: PageRequest): Page<Customer> {
      return customers.page(db, page, matching(filter), 'name, id');
    },
    setNotes(id: string, notes: string): void {
      setNotes.run(notes, id);
    },
    setTags(id: string, tags: string[]): void {
      setTags.run(json.stringify(tags), id);
    },
    delete: customers.deleteBy(db, 'id'),
  };
}
export type CustomersRepo = ReturnType<typeof createCustomersRepo>;
