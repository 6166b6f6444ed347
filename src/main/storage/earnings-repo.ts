import { statement, type Db } from './database.ts';
import { where, type Page, type PageRequest } from './paging.ts';
import { table, type Table } from './table.ts';

export interface Earning {
  id: string;
  bookingId: string | null;
  amountCents: number;
  category: string;
  description: string;
  /** YYYY-MM-DD. */
  earnedOn: string;
}

const earnings = table<Earning>('earnings', { id: 'plain', bookingId: 'plain', amountCents: 'plain', category: 'plain', description: 'plain', earnedOn: 'plain' });

export interface MoneyFilter {
  /** Inclusive date range, YYYY-MM-DD. */
  from?: string | undefined;
  to?: string | undefined;
  category?: string | undefined;
}

/** What earnings and expenses share: rows with an amount, a category and a day, listed newest first and totalled by category. */
export function ledger<M extends { id: string; amountCents: number; category: string }>(db: Db, t: Table<M>, dayColumn: string) {
  const filterOf = (f: MoneyFilter) =>
    where([f.from !== undefined && [`${dayColumn} >= ?`, f.from], f.to !== undefined && [`${dayColumn} <= ?`, f.to], f.category !== undefined && ['category = ? COLLATE NOCASE', f.category]]);
  return {
    list(filter: MoneyFilter, page: PageRequest): Page<M> {
      return t.page(db, page, filterOf(filter), `${dayColumn} DESC, id`);
    },
    totalsByCategory(filter: MoneyFilter): { category: string; totalCents: number; count: number }[] {
      const w = filterOf(filter);
      return statement<unknown[], { category: string; total: number; n: number }>(db, `SELECT category, sum(amount_cents) AS total, count(*) AS n FROM ${t.name} ${w.sql} GROUP BY category ORDER BY total DESC`)
        .all(...w.params)
        .map((r) => ({ category: r.category, totalCents: r.total, count: r.n }));
    },
  };
}

export function createEarningsRepo(db: Db) {
  const setCategory = db.prepare<[string, string]>('UPDATE earnings SET category = ? WHERE id = ?');
  return {
    insert: earnings.inserter(db),
    find: earnings.findBy(db, 'id'),
    ...ledger(db, earnings, 'earned_on'),
    setCategory(id: string, category: string): void {
      setCategory.run(category, id);
    },
  };
}
export type EarningsRepo = ReturnType<typeof createEarningsRepo>;
