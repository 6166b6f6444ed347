import { expect } from 'vitest';
import type { Services } from '../../../src/main/services.ts';
import { defined } from '../defined.ts';
import { todayIn } from '../demo-lookups.ts';
import { idsOf, listed } from './read-back.ts';
import { example, type ToolExamples } from './types.ts';

function firstExpense(services: Services): string {
  const expense = services.storage.expenses.list({}, { limit: 1 }).items[0];
  if (!expense) throw new Error('the demo workspace has no expenses');
  return expense.id;
}

function firstEarning(services: Services): string {
  const earning = services.storage.earnings.list({}, { limit: 1 }).items[0];
  if (!earning) throw new Error('the demo workspace has no earnings');
  return earning.id;
}

function firstReview(services: Services, responded: boolean): string {
  const review = services.storage.reviews.list({ responded }, { limit: 1 }).items[0];
  if (!review) throw new Error(`the demo workspace has no ${responded ? 'responded' : 'unanswered'} review`);
  return review.id;
}

function firstThread(services: Services): string {
  const thread = services.storage.threads.list({}, { limit: 1 }).items[0];
  if (!thread) throw new Error('the demo workspace has no message threads');
  return thread.id;
}

/** Examples for the financials, reviews and messages tools. */
export const examples: ToolExamples = {
  get_financial_summary: example({
    args: () => ({}),
    check: ({ result, services }) => {
      // Without dates: the last 30 days, today included; totals the slow way, row by row.
      const from = String(result.from);
      const to = String(result.to);
      expect(Date.parse(to) - Date.parse(from)).toBe(29 * 86_400_000);
      const inRange = (day: string) => day >= from && day <= to;
      const earned = services.storage.earnings.list({}, { limit: 100_000 }).items.filter((e) => inRange(e.earnedOn));
      const spent = services.storage.expenses.list({}, { limit: 100_000 }).items.filter((e) => inRange(e.spentOn));
      const total = (rows: { amountCents: number }[]) => rows.reduce((sum, row) => sum + row.amountCents, 0);
      expect(earned.length).toBeGreaterThan(0);
      expect(spent.length).toBeGreaterThan(0);
      expect(result).toMatchObject({
        earnings: { total_cents: total(earned), count: earned.length },
        expenses: { total_cents: total(spent), count: spent.length },
        net_cents: total(earned) - total(spent),
      });
    },
  }),
  list_earnings: example({
    args: () => ({ category: 'classes', limit: 5 }),
    check: ({ result, args, services }) => {
      const earnings = listed(result, 'earnings');
      expect(idsOf(earnings)).toEqual(idsOf(services.storage.earnings.list({ category: args.category }, { limit: args.limit }).items));
      expect(earnings.map((e) => e.category)).toEqual(Array.from({ length: args.limit }, () => args.category));
    },
  }),
  list_expenses: example({
    args: () => ({ category: 'rent' }),
    check: ({ result, args, services }) => {
      const expenses = listed(result, 'expenses');
      expect(idsOf(expenses)).toEqual(idsOf(services.storage.expenses.list({ category: args.category }, { limit: 20 }).items));
      expect(expenses.length).toBeGreaterThan(0);
      expect(expenses.filter((e) => e.category !== args.category)).toEqual([]);
    },
  }),
  create_expense: example({
    args: (services) => ({ amount_cents: 4500, category: 'equipment', description: 'Yoga straps (10)', spent_on: todayIn(services, 'UTC') }),
    check: ({ result, args, services }) =>
      expect(services.storage.expenses.find(String(result.id))).toMatchObject({ amountCents: args.amount_cents, category: args.category, description: args.description, spentOn: args.spent_on }),
  }),
  update_expense: example({
    args: (services) => ({ expense_id: firstExpense(services), description: 'Rent: Södermalm loft (with service charge)' }),
    check: ({ args, services }) => expect(services.storage.expenses.find(args.expense_id)?.description).toBe(args.description),
  }),
  categorise_earning: example({
    args: (services) => ({ earning_id: firstEarning(services), category: 'private sessions' }),
    check: ({ result, args, services }) => {
      expect(services.storage.earnings.find(args.earning_id)?.category).toBe(args.category);
      expect(result.previous_category).not.toBe(args.category);
    },
  }),
  delete_expense: example({
    args: (services) => ({ expense_id: firstExpense(services) }),
    check: ({ args, services }) => expect(services.storage.expenses.find(args.expense_id)).toBeUndefined(),
  }),

  list_reviews: example({
    args: () => ({ responded: false }),
    check: ({ result, args, services }) => {
      const reviews = listed(result, 'reviews');
      expect(idsOf(reviews)).toEqual(idsOf(services.storage.reviews.list({ responded: args.responded }, { limit: 20 }).items));
      expect(reviews.length).toBeGreaterThan(0);
      expect(reviews.filter((r) => r.response !== null)).toEqual([]);
    },
  }),
  get_review: example({
    args: (services) => ({ review_id: firstReview(services, true) }),
    check: ({ result, args, services }) => {
      const review = defined(services.storage.reviews.find(args.review_id), 'review');
      expect(result).toMatchObject({ id: review.id, rating: review.rating, author_name: review.authorName, body: review.body, response: review.response });
    },
  }),
  respond_to_review: example({
    args: (services) => ({ review_id: firstReview(services, false), response: 'Thank you for coming, see you on the mat!' }),
    check: ({ args, services }) => expect(services.storage.reviews.find(args.review_id)).toMatchObject({ response: args.response, respondedAt: expect.any(Number) }),
  }),

  list_threads: example({
    args: () => ({}),
    check: ({ result, services }) => {
      const threads = listed(result, 'threads');
      expect(idsOf(threads)).toEqual(idsOf(services.storage.threads.list({}, { limit: 20 }).items));
      expect(threads.length).toBeGreaterThan(0);
      expect(threads.map((t) => t.message_count)).toEqual(threads.map((t) => services.storage.messages.forThread(String(t.id)).length));
    },
  }),
  get_thread: example({
    args: (services) => ({ thread_id: firstThread(services) }),
    check: ({ result, args, services }) => {
      const thread = defined(services.storage.threads.find(args.thread_id), 'thread');
      expect(result).toMatchObject({ id: thread.id, subject: thread.subject, counterpart: thread.counterpart });
      const messages = services.storage.messages.forThread(thread.id);
      expect(messages.length).toBeGreaterThan(0);
      expect(listed(result, 'messages').map((m) => [m.id, m.body])).toEqual(messages.map((m) => [m.id, m.body]));
    },
  }),
  send_message: example({
    args: (services) => ({ thread_id: firstThread(services), body: 'Thanks for your message, we will get back to you today.' }),
    check: ({ result, args, services }) => {
      const sent = (result.message as { id?: unknown } | undefined)?.id;
      expect(services.storage.messages.forThread(args.thread_id).find((m) => m.id === sent)).toMatchObject({ direction: 'outbound', body: args.body });
    },
  }),
  delete_message: example({
    args: (services) => {
      const message = services.storage.messages.forThread(firstThread(services))[0];
      if (!message) throw new Error('the newest thread has no messages');
      return { message_id: message.id };
    },
    check: ({ result, args, services }) => {
      expect(services.storage.messages.find(args.message_id)).toBeUndefined();
      // Its thread stays, with the other messages.
      const threadId = String(result.thread_id);
      expect(services.storage.threads.find(threadId)).toBeDefined();
      expect(services.storage.messages.forThread(threadId)).toHaveLength(Number(result.messages_left));
    },
  }),
  delete_thread: example({
    args: (services) => ({ thread_id: firstThread(services) }),
    check: ({ args, services }) => {
      expect(services.storage.threads.find(args.thread_id)).toBeUndefined();
      expect(services.storage.messages.forThread(args.thread_id)).toEqual([]);
    },
  }),
};
