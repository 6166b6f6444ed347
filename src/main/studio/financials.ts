import { DomainError } from '../errors.ts';
import type { Earning, MoneyFilter } from '../storage/earnings-repo.ts';
import type { Expense } from '../storage/expenses-repo.ts';
import type { Page, PageRequest } from '../storage/paging.ts';
import type { DomainContext } from './context.ts';
import { addDays, isoInstant, isValidTimeZone, zonedParts } from './time.ts';

/** The default summary period: this many days, today included. */
export const SUMMARY_DEFAULT_DAYS = 30;
/** An expense may be entered ahead (rent paid in advance), but not further than this. */
export const MAX_DAYS_AHEAD = 366;

export interface EarningView {
  id: string;
  bookingId: string | null;
  amountCents: number;
  currency: string;
  category: string;
  description: string;
  earnedOn: string;
}

export interface ExpenseView {
  id: string;
  amountCents: number;
  currency: string;
  category: string;
  description: string;
  spentOn: string;
  createdAt: string;
}

export interface CategoryTotal {
  category: string;
  totalCents: number;
  count: number;
}

export interface MoneyTotals {
  totalCents: number;
  count: number;
  byCategory: CategoryTotal[];
}

export interface FinancialSummary {
  currency: string;
  from: string;
  to: string;
  earnings: MoneyTotals;
  expenses: MoneyTotals;
  /** Earnings minus expenses; negative when the period lost money. */
  netCents: number;
}

export interface ExpenseInput {
  amountCents: number;
  category: string;
  description: string;
  spentOn: string;
}

export type ExpenseChanges = Partial<ExpenseInput>;

function totals(byCategory: CategoryTotal[]): MoneyTotals {
  return {
    totalCents: byCategory.reduce((sum, c) => sum + c.totalCents, 0),
    count: byCategory.reduce((sum, c) => sum + c.count, 0),
    byCategory,
  };
}

/** Earnings, expenses and how they are categorised (read/write/delete:financials, Pro+). Money is integer cents. */
export function createFinancialsService({ storage, now, newId }: DomainContext) {
  const currency = () => storage.studio.get()?.currency ?? 'EUR';

  /** Today where the owner is (their timezone setting), else in UTC, as the demo's dates are. */
  function today(): string {
    const zone = storage.owner.get()?.settings.timezone;
    return zonedParts(now(), typeof zone === 'string' && isValidTimeZone(zone) ? zone : 'UTC').date;
  }

  function requireExpense(id: string): Expense {
    const found = storage.expenses.find(id);
    if (!found) throw new DomainError('not_found', `There is no expense ${id}.`);
    return found;
  }

  function requireEarning(id: string): Earning {
    const found = storage.earnings.find(id);
    if (!found) throw new DomainError('not_found', `There is no earning ${id}.`);
    return found;
  }

  const earningView = (e: Earning): EarningView => ({
    id: e.id,
    bookingId: e.bookingId,
    amountCents: e.amountCents,
    currency: currency(),
    category: e.category,
    description: e.description,
    earnedOn: e.earnedOn,
  });

  const expenseView = (e: Expense): ExpenseView => ({
    id: e.id,
    amountCents: e.amountCents,
    currency: currency(),
    category: e.category,
    description: e.description,
    spentOn: e.spentOn,
    createdAt: isoInstant(e.createdAt),
  });

  /** The date rule zod cannot check: it depends on today. */
  function checkSpentOn(spentOn: string, refusal: string): void {
    const latest = addDays(today(), MAX_DAYS_AHEAD);
    if (spentOn > latest) {
      throw new DomainError('invalid_input', `spent_on: ${spentOn} is more than ${MAX_DAYS_AHEAD} days ahead (the latest allowed is ${latest}). ${refusal}`);
    }
  }

  function checkRange(filter: MoneyFilter): void {
    if (filter.from !== undefined && filter.to !== undefined && filter.from > filter.to) {
      throw new DomainError('invalid_input', `from: ${filter.from} is after to: ${filter.to}; the period is inclusive, so from must be on or before to.`);
    }
  }

  return {
    /** Totals for an inclusive period; without dates, the last 30 days up to today. */
    summary(period: { from?: string | undefined; to?: string | undefined }): FinancialSummary {
      const to = period.to ?? today();
      const from = period.from ?? addDays(to, -(SUMMARY_DEFAULT_DAYS - 1));
      checkRange({ from, to });
      const earnings = totals(storage.earnings.totalsByCategory({ from, to }));
      const expenses = totals(storage.expenses.totalsByCategory({ from, to }));
      return { currency: currency(), from, to, earnings, expenses, netCents: earnings.totalCents - expenses.totalCents };
    },

    listEarnings(filter: MoneyFilter, page: PageRequest): Page<EarningView> {
      checkRange(filter);
      const result = storage.earnings.list(filter, page);
      return { ...result, items: result.items.map(earningView) };
    },

    listExpenses(filter: MoneyFilter, page: PageRequest): Page<ExpenseView> {
      checkRange(filter);
      const result = storage.expenses.list(filter, page);
      return { ...result, items: result.items.map(expenseView) };
    },

    createExpense(input: ExpenseInput): ExpenseView {
      checkSpentOn(input.spentOn, 'Nothing was created.');
      const expense: Expense = { id: newId('exp'), ...input, createdAt: now() };
      storage.transaction(() => storage.expenses.insert(expense));
      return expenseView(expense);
    },

    updateExpense(id: string, changes: ExpenseChanges): ExpenseView {
      const expense = requireExpense(id);
      const updated: Expense = { ...expense, ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) };
      checkSpentOn(updated.spentOn, 'Nothing was changed.');
      storage.transaction(() => storage.expenses.save(updated));
      return expenseView(updated);
    },

    /** Moves an earning to another category; the summary's per-category totals follow. */
    categoriseEarning(id: string, category: string): EarningView & { previousCategory: string } {
      const earning = requireEarning(id);
      storage.transaction(() => storage.earnings.setCategory(id, category));
      return { ...earningView({ ...earning, category }), previousCategory: earning.category };
    },

    /** Permanent deletion (delete:financials). */
    deleteExpense(id: string): { deleted: string } {
      requireExpense(id);
      storage.transaction(() => storage.expenses.delete(id));
      return { deleted: id };
    },
  };
}
export type FinancialsService = ReturnType<typeof createFinancialsService>;
