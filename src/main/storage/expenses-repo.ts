import { statement, type Db } from './database.ts';
import type { MoneyFilter } from './earnings-repo.ts';
import { paged, where, type Page, type PageRequest } from './paging.ts';

export interface Expense {
  id: string;
  amountCents: number;
  category: string;
  description: string;
  /** YYYY-MM-DD. */
  spentOn: string;
  createdAt: number;
}

interface ExpenseRow {
  id: string;
  amount_cents: number;
  category: string;
  description: string;
  spent_on: string;
  created_at: number;
}

const toModel = (r: ExpenseRow): Expense => ({ id: r.id, amountCents: r.amount_cents, category: r.category, description: r.description, spentOn: r.spent_on, createdAt: r.created_at });

export function createExpensesRepo(db: Db) {
  const insert = db.prepare('INSERT INTO expenses (id, amount_cents, category, description, spent_on, created_at) VALUES (@id, @amountCents, @category, @description, @spentOn, @createdAt)');
  const update = db.prepare('UPDATE expenses SET amount_cents = @amountCents, category = @category, description = @description, spent_on = @spentOn WHERE id = @id');
  const find = db.prepare<[string], ExpenseRow>('SELECT * FROM expenses WHERE id = ?');
  const remove = db.prepare<[string]>('DELETE FROM expenses WHERE id = ?');
  const filterOf = (f: MoneyFilter) =>
    where([f.from !== undefined && ['spent_on >= ?', f.from], f.to !== undefined && ['spent_on <= ?', f.to], f.category !== undefined && ['category = ? COLLATE NOCASE', f.category]]);
  return {
    insert(e: Expense): void {
      insert.run(e);
    },
    save(e: Expense): void {
      update.run(e);
    },
    find(id: string): Expense | undefined {
      const row = find.get(id);
      return row && toModel(row);
    },
    list(filter: MoneyFilter, page: PageRequest): Page<Expense> {
      const w = filterOf(filter);
      return paged(page, (limit, offset) =>
        statement<unknown[], ExpenseRow>(db, `SELECT * FROM expenses ${w.sql} ORDER BY spent_on DESC, id LIMIT ? OFFSET ?`).all(...w.params, limit, offset).map(toModel),
      );
    },
    totalsByCategory(filter: MoneyFilter): { category: string; totalCents: number; count: number }[] {
      const w = filterOf(filter);
      return statement<unknown[], { category: string; total: number; n: number }>(db, `SELECT category, sum(amount_cents) AS total, count(*) AS n FROM expenses ${w.sql} GROUP BY category ORDER BY total DESC`)
        .all(...w.params)
        .map((r) => ({ category: r.category, totalCents: r.total, count: r.n }));
    },
    delete(id: string): void {
      remove.run(id);
    },
  };
}
export type ExpensesRepo = ReturnType<typeof createExpensesRepo>;
