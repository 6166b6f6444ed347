import { z } from 'zod';
import { defineTool } from '../tool.ts';
import { id, isoDate, toCamelCase } from './common.ts';
import { byId, pagedList, someOf } from './shapes.ts';
import { changedFields, day, deed, money, named, say } from './words.ts';

/** Categories are stored normalised so totals never split "Rent" from "rent" or "private  sessions". */
const category = z
  .string()
  .trim()
  .toLowerCase()
  .overwrite((value) => value.replace(/\s+/g, ' '))
  .max(40)
  // A refinement, not .regex: a JSON Schema pattern carries no u flag, and \p{Ll} means something else without it.
  .refine((value) => /^\p{Ll}+(?: \p{Ll}+)*$/u.test(value), 'must be lowercase words separated by single spaces, e.g. rent or private sessions')
  .describe('Lowercase words, up to 40 characters, e.g. rent, equipment, private sessions');
const categoryFilter = z.string().trim().min(1).max(40).describe('Only this category (case-insensitive)');
const amount = z.number().int().min(1).max(100_000_000).describe('Amount in the studio currency, in cents (more than 0)');
const description = z.string().trim().min(1).max(300);
const spentOn = isoDate.describe('Day the money was spent, YYYY-MM-DD; at most 366 days ahead');
const range = {
  from: isoDate.optional().describe('First day, YYYY-MM-DD (inclusive)'),
  to: isoDate.optional().describe('Last day, YYYY-MM-DD (inclusive)'),
};
/** Earnings and expenses are listed alike: by date range and category. */
const ledgerFilters = { ...range, category: categoryFilter.optional() };
const onExpense = byId('expense_id', 'Expense');

export const financialTools = [
  defineTool({
    name: 'get_financial_summary',
    title: 'Get a financial summary',
    description:
      'Totals for a period (from/to inclusive, default the last 30 days up to today): earnings and expenses, each in total and per category with counts, ' +
      'and net (earnings minus expenses). Amounts in cents of the studio currency.',
    scopes: ['read:financials'],
    counted: { did: 'looked at your finances' },
    input: z.object(range).strict(),
    handler: (a, { services }) => services.financials.summary({ from: a.from, to: a.to }),
  }),
  pagedList('earnings', {
    name: 'list_earnings',
    title: 'List earnings',
    description: 'Lists earnings (paid bookings, workshops, sales…), newest first. Filter by date range and category; paged.',
    scopes: ['read:financials'],
    counted: { did: 'looked at your finances' },
    filters: ledgerFilters,
    list: (filter, page, { services }) => services.financials.listEarnings(filter, page),
  }),
  pagedList('expenses', {
    name: 'list_expenses',
    title: 'List expenses',
    description: 'Lists expenses, newest first. Filter by date range and category; paged.',
    scopes: ['read:financials'],
    counted: { did: 'looked at your finances' },
    filters: ledgerFilters,
    list: (filter, page, { services }) => services.financials.listExpenses(filter, page),
  }),
  defineTool({
    name: 'create_expense',
    title: 'Record an expense',
    description: 'Records an expense: amount in cents (more than 0), category, description and the day it was spent.',
    scopes: ['write:financials'],
    counted: { did: 'recorded', one: 'expense', many: 'expenses' },
    input: z.object({ amount_cents: amount, category, description, spent_on: spentOn }).strict(),
    handler: (a, { services }) => services.financials.createExpense(toCamelCase(a)),
    describe: (a, services) => {
      const amount = money(a.amount_cents, services);
      return deed(say`Record an expense of ${named(amount)} for ${a.category}: ${named(a.description)}, on ${day(a.spent_on)}`, `recorded an expense of ${amount} for ${a.category}`);
    },
  }),
  defineTool({
    name: 'update_expense',
    title: 'Update an expense',
    description: 'Changes an expense: any of amount, category, description and day; fields left out stay as they are.',
    scopes: ['write:financials'],
    counted: { did: 'changed', one: 'expense', many: 'expenses' },
    idempotent: true,
    input: z
      .object({ expense_id: id('Expense'), amount_cents: amount.optional(), category: category.optional(), description: description.optional(), spent_on: spentOn.optional() })
      .strict()
      .apply(someOf, ['amount_cents', 'category', 'description', 'spent_on']),
    handler: ({ expense_id, ...changes }, { services }) => services.financials.updateExpense(expense_id, toCamelCase(changes)),
    describe: ({ expense_id, ...changes }, services) => {
      const expense = services.storage.expenses.find(expense_id);
      if (!expense) return undefined;
      const fields = changedFields(changes, { amount_cents: 'amount', spent_on: 'day' });
      const amount = money(expense.amountCents, services);
      return deed(say`Change the expense ${named(expense.description)} (${amount}): ${fields}`, `changed the expense ${expense.description} (${fields})`);
    },
  }),
  defineTool({
    name: 'categorise_earning',
    title: 'Categorise an earning',
    description: 'Moves an earning to another category (e.g. "private sessions"); the result names the category it had.',
    scopes: ['write:financials'],
    counted: { did: 'categorised', one: 'earning', many: 'earnings' },
    idempotent: true,
    input: z.object({ earning_id: id('Earning'), category }).strict(),
    handler: (a, { services }) => services.financials.categoriseEarning(a.earning_id, a.category),
    describe: (a, services) => {
      const earning = services.storage.earnings.find(a.earning_id);
      if (!earning) return undefined;
      const amount = money(earning.amountCents, services);
      return deed(say`Move the earning ${named(earning.description)} (${amount}) from ${earning.category} to ${named(a.category)}`, `moved the earning ${earning.description} to ${a.category}`);
    },
  }),
  onExpense({
    name: 'delete_expense',
    title: 'Delete an expense',
    description: 'Permanently deletes an expense record.',
    scopes: ['delete:financials'],
    counted: { did: 'deleted', one: 'expense', many: 'expenses' },
    run: (expenseId, { services }) => services.financials.deleteExpense(expenseId),
    describe: (expenseId, services) => {
      const expense = services.storage.expenses.find(expenseId);
      if (!expense) return undefined;
      const amount = money(expense.amountCents, services);
      return deed(
        say`Permanently delete the expense ${named(expense.description)} of ${named(amount)} (${expense.category}, ${day(expense.spentOn)})`,
        `deleted the expense ${expense.description} of ${amount}`,
      );
    },
  }),
];
