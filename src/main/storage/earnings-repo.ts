import { statement, type Db } from './database.ts';
import { paged, where, type Page, type PageRequest } from './paging.ts';

export interface Earning {
  id: string;
  bookingId: string | null;
  amountCents: number;
  category: string;
  description: string;
  /** YYYY-MM-DD. */
  earnedOn: string;
}

interface EarningRow {
  id: string;
  booking_id: string | null;
  amount_cents: number;
  category: string;
  description: string;
  earned_on: string;
}

const toModel = (r: EarningRow): Earning => ({ id: r.id, bookingId: r.booking_id, amountCents: r.amount_cents, category: r.category, description: r.description, earnedOn: r.earned_on });

export interface MoneyFilter {
  /** Inclusive date range, YYYY-MM-DD. */
  from?: string | undefined;
  to?: string | undefined;
  category?: string | undefined;
}

export function createEarningsRepo(db: Db) {
  const insert = db.prepare('INSERT INTO earnings (id, booking_id, amount_cents, category, description, earned_on) VALUES (@id, @bookingId, @amountCents, @category, @description, @earnedOn)');
  const find = db.prepare<[string], EarningRow>('SELECT * FROM earnings WHERE id = ?');
  const setCategory = db.prepare<[string, string]>('UPDATE earnings SET category = ? WHERE id = ?');
  const filterOf = (f: MoneyFilter) =>
    where([f.from !== undefined && ['earned_on >= ?', f.from], f.to !== undefined && ['earned_on <= ?', f.to], f.category !== undefined && ['category = ? COLLATE NOCASE', f.category]]);
  return {
    insert(e: Earning): void {
      insert.run(e);
    },
    find(id: string): Earning | undefined {
      const row = find.get(id);
      return row && toModel(row);
    },
    list(filter: MoneyFilter, page: PageRequest): Page<Earning> {
      const w = filterOf(filter);
      return paged(page, (limit, offset) =>
        statement<unknown[], EarningRow>(db, `SELECT * FROM earnings ${w.sql} ORDER BY earned_on DESC, id LIMIT ? OFFSET ?`).all(...w.params, limit, offset).map(toModel),
      );
    },
    totalsByCategory(filter: MoneyFilter): { category: string; totalCents: number; count: number }[] {
      const w = filterOf(filter);
      return statement<unknown[], { category: string; total: number; n: number }>(db, `SELECT category, sum(amount_cents) AS total, count(*) AS n FROM earnings ${w.sql} GROUP BY category ORDER BY total DESC`)
        .all(...w.params)
        .map((r) => ({ category: r.category, totalCents: r.total, count: r.n }));
    },
    setCategory(id: string, category: string): void {
      setCategory.run(category, id);
    },
  };
}
export type EarningsRepo = ReturnType<typeof createEarningsRepo>;
