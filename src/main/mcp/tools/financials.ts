import { z } from 'zod';
import { defineTool } from '../tool.ts';
import { id, isoDate, toCamelCase } from './common.ts';
import { byId, pagedList, someOf } from './shapes.ts';

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
    input: z.object(range).strict(),
    handler: (a, { services }) => services.financials.summary({ from: a.from, to: a.to }),
  }),
  pagedList('earnings', {
    name: 'list_earnings',
    title: 'List earnings',
    description: 'Lists earnings (paid bookings, workshops, sales…), newest first. Filter by date range and category; paged.',
    scopes: ['read:financials'],
    filters: ledgerFilters,
    list: (filter, page, { services }) => services.financials.listEarnings(filter, page),
  }),
  pagedList('expenses', {
    name: 'list_expenses',
    title: 'List expenses',
    description: 'Lists expenses, newest first. Filter by date range and category; paged.',
    scopes: ['read:financials'],
    filters: ledgerFilters,
    list: (filter, page, { services }) => services.financials.listExpenses(filter, page),
  }),
  defineTool({
    name: 'create_expense',
    title: 'Record an expense',
    description: 'Records an expense: amount in cents (more than 0), category, description and the day it was spent.',
    scopes: ['write:financials'],
    input: z.object({ amount_cents: amount, category, description, spent_on: spentOn }).strict(),
    handler: (a, { services }) => services.financials.createExpense(toCamelCase(a)),
  }),
  defineTool({
    name: 'update_expense',
    title: 'Update an expense',
    description: 'Changes an expense: any of amount, category, description and day; fields left out stay as they are.',
    scopes: ['write:financials'],
    idempotent: true,
    input: z
      .object({ expense_id: id('Expense'), amount_cents: amount.optional(), category: category.optional(), description: description.optional(), spent_on: spentOn.optional() })
      .strict()
      .apply(someOf, ['amount_cents', 'category', 'description', 'spent_on']),
    handler: ({ expense_id, ...changes }, { services }) => services.financials.updateExpense(expense_id, toCamelCase(changes)),
  }),
  defineTool({
    name: 'categorise_earning',
    title: 'Categorise an earning',
    description: 'Moves an earning to another category (e.g. "private sessions"); the result names the category it had.',
    scopes: ['write:financials'],
    idempotent: true,
    input: z.object({ earning_id: id('Earning'), category }).strict(),
    handler: (a, { services }) => services.financials.categoriseEarning(a.earning_id, a.category),
  }),
  onExpense({
    name: 'delete_expense',
    title: 'Delete an expense',
    description: 'Permanently deletes an expense record.',
    scopes: ['delete:financials'],
    run: (expenseId, { services }) => services.financials.deleteExpense(expenseId),
  }),
];
