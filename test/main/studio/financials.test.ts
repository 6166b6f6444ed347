import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Earning } from '../../../src/main/storage/earnings-repo.ts';
import type { Expense } from '../../../src/main/storage/expenses-repo.ts';
import { addDays } from '../../../src/main/studio/time.ts';
import { todayIn } from '../../support/demo-lookups.ts';
import { startTestGateway, type TestGateway } from '../../support/gateway.ts';
import { bearerClient, tokenWithScopes } from '../../support/mcp-agent.ts';

// Financials through the real MCP SDK client over HTTP, checked against the database itself.

let tg: TestGateway;
let agent: Client;
beforeEach(async () => {
  tg = await startTestGateway();
  // delete:financials implies write and read (additive tiers), so one client can call every tool here.
  agent = await bearerClient(tg.gateway.mcpUrl, await tokenWithScopes(tg, ['delete:financials']));
});
afterEach(async () => {
  await agent.close();
  await tg.close();
});

type ToolResult = Awaited<ReturnType<Client['callTool']>>;

interface CategoryTotal {
  category: string;
  total_cents: number;
  count: number;
}
interface Totals {
  total_cents: number;
  count: number;
  by_category: CategoryTotal[];
}
interface Summary {
  currency: string;
  from: string;
  to: string;
  earnings: Totals;
  expenses: Totals;
  net_cents: number;
}
interface ExpenseResult {
  id: string;
  amount_cents: number;
  category: string;
  description: string;
  spent_on: string;
}

async function call(name: string, args: Record<string, unknown>): Promise<ToolResult> {
  return agent.callTool({ name, arguments: args });
}

function textOf(result: ToolResult): string {
  return (result.content as { text?: string }[]).map((c) => c.text ?? '').join('\n');
}

async function ok<T>(name: string, args: Record<string, unknown>): Promise<T> {
  const result = await call(name, args);
  expect(result.isError, textOf(result)).toBeFalsy();
  return result.structuredContent as T;
}

async function refused(name: string, args: Record<string, unknown>): Promise<string> {
  const result = await call(name, args);
  expect(result.isError, `${name} ${JSON.stringify(args)} was not refused`).toBe(true);
  return textOf(result);
}

const db = () => tg.gateway.services.storage.db;
const expenseRows = () => db().prepare('SELECT * FROM expenses ORDER BY id').all();
const earningRows = () => db().prepare('SELECT * FROM earnings ORDER BY id').all();
const allEarnings = (): Earning[] => tg.gateway.services.storage.earnings.list({}, { limit: 10_000 }).items;
const allExpenses = (): Expense[] => tg.gateway.services.storage.expenses.list({}, { limit: 10_000 }).items;
const today = () => todayIn(tg.gateway.services, 'UTC');

/** Totals computed the slow way, row by row, to check the summary's SQL against. */
function bruteForce(rows: { amountCents: number; category: string; on: string }[], from: string, to: string) {
  const inRange = rows.filter((r) => r.on >= from && r.on <= to);
  const byCategory = new Map<string, { total_cents: number; count: number }>();
  for (const r of inRange) {
    const c = byCategory.get(r.category) ?? { total_cents: 0, count: 0 };
    byCategory.set(r.category, { total_cents: c.total_cents + r.amountCents, count: c.count + 1 });
  }
  return { total: inRange.reduce((sum, r) => sum + r.amountCents, 0), count: inRange.length, byCategory };
}

function expectTotalsMatch(totals: Totals, expected: ReturnType<typeof bruteForce>): void {
  expect(totals.total_cents).toBe(expected.total);
  expect(totals.count).toBe(expected.count);
  expect(Object.fromEntries(totals.by_category.map((c) => [c.category, { total_cents: c.total_cents, count: c.count }]))).toEqual(Object.fromEntries(expected.byCategory));
}

const earningsAsRows = () => allEarnings().map((e) => ({ amountCents: e.amountCents, category: e.category, on: e.earnedOn }));
const expensesAsRows = () => allExpenses().map((e) => ({ amountCents: e.amountCents, category: e.category, on: e.spentOn }));

describe('get_financial_summary', () => {
  it('totals earnings and expenses per category exactly as a row-by-row sum over the same inclusive period', async () => {
    const from = addDays(today(), -60);
    const to = addDays(today(), -5);
    const summary = await ok<Summary>('get_financial_summary', { from, to });
    const earnings = bruteForce(earningsAsRows(), from, to);
    const expenses = bruteForce(expensesAsRows(), from, to);
    expect(earnings.count).toBeGreaterThan(10);
    expect(expenses.count).toBeGreaterThan(3);
    expect(summary).toMatchObject({ currency: 'EUR', from, to });
    expectTotalsMatch(summary.earnings, earnings);
    expectTotalsMatch(summary.expenses, expenses);
    expect(summary.net_cents).toBe(earnings.total - expenses.total);
  });

  it('counts rows dated on the first and the last day of the period', async () => {
    const [earning] = allEarnings();
    if (!earning) throw new Error('no earnings');
    const single = await ok<Summary>('get_financial_summary', { from: earning.earnedOn, to: earning.earnedOn });
    expectTotalsMatch(single.earnings, bruteForce(earningsAsRows(), earning.earnedOn, earning.earnedOn));
    expect(single.earnings.count).toBeGreaterThanOrEqual(1);
  });

  it('covers the last 30 days up to today when no period is given', async () => {
    const summary = await ok<Summary>('get_financial_summary', {});
    const from = addDays(today(), -29);
    expect(summary).toMatchObject({ from, to: today() });
    expectTotalsMatch(summary.earnings, bruteForce(earningsAsRows(), from, today()));
    expectTotalsMatch(summary.expenses, bruteForce(expensesAsRows(), from, today()));
  });

  it('refuses a period that ends before it starts, and dates that are not calendar dates', async () => {
    expect(await refused('get_financial_summary', { from: '2026-03-10', to: '2026-03-01' })).toMatch(/from: 2026-03-10 is after to: 2026-03-01/);
    expect(await refused('get_financial_summary', { from: '2026-02-30' })).toMatch(/from: must be a calendar date/);
    expect(await refused('get_financial_summary', { to: '01/03/2026' })).toMatch(/to: must be a calendar date/);
  });
});

describe('list_earnings and list_expenses', () => {
  it('lists the earnings of one category in a date range, newest first, across pages without gaps or repeats', async () => {
    const from = addDays(today(), -45);
    const to = today();
    const seen: { id: string; earned_on: string; category: string }[] = [];
    let cursor: string | null = null;
    do {
      const page: { earnings: { id: string; earned_on: string; category: string }[]; next_cursor: string | null } = await ok('list_earnings', {
        from,
        to,
        category: 'CLASSES',
        limit: 7,
        ...(cursor ? { cursor } : {}),
      });
      seen.push(...page.earnings);
      cursor = page.next_cursor;
    } while (cursor);
    const expected = allEarnings().filter((e) => e.category === 'classes' && e.earnedOn >= from && e.earnedOn <= to);
    expect(expected.length).toBeGreaterThan(7);
    expect(seen.map((e) => e.id).sort()).toEqual(expected.map((e) => e.id).sort());
    expect(new Set(seen.map((e) => e.id)).size).toBe(seen.length);
    expect(seen.map((e) => e.earned_on)).toEqual([...seen.map((e) => e.earned_on)].sort().reverse());
  });

  it('lists only the expenses of the asked category, with amounts in cents and the currency', async () => {
    const { expenses } = await ok<{ expenses: (ExpenseResult & { currency: string })[] }>('list_expenses', { category: 'rent', limit: 100 });
    expect(expenses.map((e) => e.id).sort()).toEqual(allExpenses().filter((e) => e.category === 'rent').map((e) => e.id).sort());
    expect(expenses.length).toBeGreaterThan(0);
    for (const e of expenses) expect(e).toMatchObject({ category: 'rent', currency: 'EUR', amount_cents: expect.any(Number) });
  });

  it('refuses a range that ends before it starts', async () => {
    expect(await refused('list_expenses', { from: '2026-06-02', to: '2026-06-01' })).toContain('from: 2026-06-02 is after to: 2026-06-01');
  });
});

describe('create_expense', () => {
  it('records the expense in the database and the summary of its day includes it', async () => {
    const before = (await ok<Summary>('get_financial_summary', { from: today(), to: today() })).expenses;
    const created = await ok<ExpenseResult>('create_expense', { amount_cents: 12_345, category: 'Office  Supplies', description: '  Printer paper ', spent_on: today() });
    expect(created).toMatchObject({ amount_cents: 12_345, category: 'office supplies', description: 'Printer paper', spent_on: today() });
    expect(tg.gateway.services.storage.expenses.find(created.id)).toMatchObject({ amountCents: 12_345, category: 'office supplies', description: 'Printer paper', spentOn: today() });
    const after = (await ok<Summary>('get_financial_summary', { from: today(), to: today() })).expenses;
    expect(after.total_cents).toBe(before.total_cents + 12_345);
    expect(after.by_category.find((c) => c.category === 'office supplies')).toEqual({ category: 'office supplies', total_cents: 12_345, count: 1 });
  });

  it('accepts a day up to 366 days ahead and refuses one day more, creating nothing', async () => {
    await ok('create_expense', { amount_cents: 100, category: 'rent', description: 'Deposit', spent_on: addDays(today(), 366) });
    const rows = expenseRows();
    expect(await refused('create_expense', { amount_cents: 100, category: 'rent', description: 'Deposit', spent_on: addDays(today(), 367) })).toMatch(
      /spent_on: .* more than 366 days ahead.*Nothing was created\./,
    );
    expect(expenseRows()).toEqual(rows);
  });

  it('refuses each bad field with an error naming it, and creates nothing', async () => {
    const valid = { amount_cents: 1000, category: 'equipment', description: 'Blocks', spent_on: today() };
    const rows = expenseRows();
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ amount_cents: 0 }, /amount_cents:/],
      [{ amount_cents: -500 }, /amount_cents:/],
      [{ amount_cents: 10.5 }, /amount_cents:/],
      [{ amount_cents: '1000' }, /amount_cents:/],
      [{ category: 'rent!' }, /category: must be lowercase words/],
      [{ category: 'rent_2' }, /category: must be lowercase words/],
      [{ category: 'a'.repeat(41) }, /category:/],
      [{ category: '' }, /category:/],
      [{ description: '   ' }, /description:/],
      [{ description: 'x'.repeat(301) }, /description:/],
      [{ spent_on: '2026-02-30' }, /spent_on: must be a calendar date/],
      [{ spent_on: 'yesterday' }, /spent_on: must be a calendar date/],
      [{ currency: 'USD' }, /unknown argument\(s\): currency/],
    ];
    for (const [change, message] of cases) {
      expect(await refused('create_expense', { ...valid, ...change }), JSON.stringify(change)).toMatch(message);
    }
    const { description: _, ...missing } = valid;
    expect(await refused('create_expense', missing)).toMatch(/description:/);
    expect(expenseRows()).toEqual(rows);
  });
});

describe('update_expense', () => {
  it('changes only the fields given, in the database', async () => {
    const [expense] = allExpenses();
    if (!expense) throw new Error('no expenses');
    const updated = await ok<ExpenseResult>('update_expense', { expense_id: expense.id, amount_cents: expense.amountCents + 1, category: 'Studio Rent' });
    expect(updated).toMatchObject({ id: expense.id, amount_cents: expense.amountCents + 1, category: 'studio rent', description: expense.description });
    expect(tg.gateway.services.storage.expenses.find(expense.id)).toEqual({ ...expense, amountCents: expense.amountCents + 1, category: 'studio rent' });
  });

  it('refuses an unknown id, no fields, or a bad value, changing nothing', async () => {
    const [expense] = allExpenses();
    if (!expense) throw new Error('no expenses');
    const rows = expenseRows();
    expect(await refused('update_expense', { expense_id: 'exp_nope', amount_cents: 10 })).toBe('There is no expense exp_nope.');
    expect(await refused('update_expense', { expense_id: expense.id })).toContain('give at least one of amount_cents, category, description, spent_on');
    expect(await refused('update_expense', { expense_id: expense.id, amount_cents: 0 })).toMatch(/amount_cents:/);
    expect(await refused('update_expense', { expense_id: expense.id, spent_on: addDays(today(), 400) })).toMatch(/spent_on: .*Nothing was changed\./);
    expect(expenseRows()).toEqual(rows);
  });
});

describe('categorise_earning', () => {
  it('moves the earning and its amount from one category total to another', async () => {
    const earning = allEarnings().find((e) => e.category === 'classes');
    if (!earning) throw new Error('no class earning');
    const period = { from: earning.earnedOn, to: earning.earnedOn };
    const before = (await ok<Summary>('get_financial_summary', period)).earnings;
    const result = await ok<{ category: string; previous_category: string }>('categorise_earning', { earning_id: earning.id, category: 'Private Sessions' });
    expect(result).toMatchObject({ category: 'private sessions', previous_category: 'classes' });
    expect(tg.gateway.services.storage.earnings.find(earning.id)?.category).toBe('private sessions');
    const after = (await ok<Summary>('get_financial_summary', period)).earnings;
    const total = (t: Totals, category: string) => t.by_category.find((c) => c.category === category)?.total_cents ?? 0;
    expect(total(after, 'classes')).toBe(total(before, 'classes') - earning.amountCents);
    expect(total(after, 'private sessions')).toBe(total(before, 'private sessions') + earning.amountCents);
    expect(after.total_cents).toBe(before.total_cents);
  });

  it('refuses an unknown earning or a bad category, changing nothing', async () => {
    const [earning] = allEarnings();
    if (!earning) throw new Error('no earnings');
    const rows = earningRows();
    expect(await refused('categorise_earning', { earning_id: 'ern_missing', category: 'retail' })).toBe('There is no earning ern_missing.');
    expect(await refused('categorise_earning', { earning_id: earning.id, category: 'retail/online' })).toMatch(/category: must be lowercase words/);
    expect(await refused('categorise_earning', { earning_id: earning.id })).toMatch(/category:/);
    expect(earningRows()).toEqual(rows);
  });
});

describe('delete_expense', () => {
  it('deletes that expense and only it', async () => {
    const [expense, ...others] = allExpenses();
    if (!expense) throw new Error('no expenses');
    expect(await ok('delete_expense', { expense_id: expense.id })).toEqual({ deleted: expense.id });
    expect(tg.gateway.services.storage.expenses.find(expense.id)).toBeUndefined();
    expect(allExpenses()).toEqual(others);
  });

  it('refuses an unknown id, deleting nothing', async () => {
    const rows = expenseRows();
    expect(await refused('delete_expense', { expense_id: 'exp_missing' })).toBe('There is no expense exp_missing.');
    expect(expenseRows()).toEqual(rows);
  });
});
