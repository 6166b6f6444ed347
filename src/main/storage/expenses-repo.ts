import type { Db } from './database.ts';
import { ledger } from './earnings-repo.ts';
import { table } from './table.ts';

export interface Expense {
  id: string;
  amountCents: number;
  category: string;
  description: string;
  /** YYYY-MM-DD. */
  spentOn: string;
  createdAt: number;
}

const expenses = table<Expense>('expenses', { id: 'plain', amountCents: 'plain', category: 'plain', description: 'plain', spentOn: 'plain', createdAt: 'plain' });

export function createExpensesRepo(db: Db) {
  return {
    insert: expenses.inserter(db),
    save: expenses.updateBy(db, 'id', ['amountCents', 'category', 'description', 'spentOn']),
    find: expenses.findBy(db, 'id'),
    ...ledger(db, expenses, 'spent_on'),
    delete: expenses.deleteBy(db, 'id'),
  };
}
export type ExpensesRepo = ReturnType<typeof createExpensesRepo>;
