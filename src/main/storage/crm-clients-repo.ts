import { like } from './classes-repo.ts';
import { statement, type Db } from './database.ts';
import { json, paged, where, type Page, type PageRequest } from './paging.ts';

/** A client of the studio (CRM), not an OAuth client. */
export interface CrmClient {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  notes: string;
  tags: string[];
  createdAt: number;
}

interface CrmClientRow {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  notes: string;
  tags: string;
  created_at: number;
}

const toModel = (r: CrmClientRow): CrmClient => ({ id: r.id, name: r.name, email: r.email, phone: r.phone, notes: r.notes, tags: json.parse(r.tags), createdAt: r.created_at });

export interface CrmClientFilter {
  /** Case-insensitive text in name, email or notes. */
  text?: string | undefined;
  tag?: string | undefined;
}

export function createCrmClientsRepo(db: Db) {
  const insert = db.prepare('INSERT INTO crm_clients (id, name, email, phone, notes, tags, created_at) VALUES (@id, @name, @email, @phone, @notes, @tags, @createdAt)');
  const find = db.prepare<[string], CrmClientRow>('SELECT * FROM crm_clients WHERE id = ?');
  const byEmail = db.prepare<[string], CrmClientRow>('SELECT * FROM crm_clients WHERE email = ? COLLATE NOCASE');
  const setNotes = db.prepare<[string, string]>('UPDATE crm_clients SET notes = ? WHERE id = ?');
  const setTags = db.prepare<[string, string]>('UPDATE crm_clients SET tags = ? WHERE id = ?');
  const remove = db.prepare<[string]>('DELETE FROM crm_clients WHERE id = ?');

  return {
    insert(c: CrmClient): void {
      insert.run({ ...c, tags: json.stringify(c.tags) });
    },
    find(id: string): CrmClient | undefined {
      const row = find.get(id);
      return row && toModel(row);
    },
    findByEmail(email: string): CrmClient | undefined {
      const row = byEmail.get(email);
      return row && toModel(row);
    },
    list(filter: CrmClientFilter, page: PageRequest): Page<CrmClient> {
      const w = where([
        filter.text !== undefined && [
          "(name LIKE ? ESCAPE '\\' OR email LIKE ? ESCAPE '\\' OR notes LIKE ? ESCAPE '\\')",
          like(filter.text),
          like(filter.text),
          like(filter.text),
        ],
        filter.tag !== undefined && ['EXISTS (SELECT 1 FROM json_each(tags) WHERE value = ? COLLATE NOCASE)', filter.tag],
      ]);
      return paged(page, (limit, offset) =>
        statement<unknown[], CrmClientRow>(db, `SELECT * FROM crm_clients ${w.sql} ORDER BY name, id LIMIT ? OFFSET ?`).all(...w.params, limit, offset).map(toModel),
      );
    },
    setNotes(id: string, notes: string): void {
      setNotes.run(notes, id);
    },
    setTags(id: string, tags: string[]): void {
      setTags.run(json.stringify(tags), id);
    },
    delete(id: string): void {
      remove.run(id);
    },
  };
}
export type CrmClientsRepo = ReturnType<typeof createCrmClientsRepo>;
