import type { Services } from '../../../src/main/services.ts';
import { todayIn } from '../demo-lookups.ts';
import type { ToolExamples } from './types.ts';

function firstExpense(s: Services): string {
  const expense = s.storage.expenses.list({}, { limit: 1 }).items[0];
  if (!expense) throw new Error('the demo workspace has no expenses');
  return expense.id;
}

function firstEarning(s: Services): string {
  const earning = s.storage.earnings.list({}, { limit: 1 }).items[0];
  if (!earning) throw new Error('the demo workspace has no earnings');
  return earning.id;
}

function firstReview(s: Services, responded: boolean): string {
  const review = s.storage.reviews.list({ responded }, { limit: 1 }).items[0];
  if (!review) throw new Error(`the demo workspace has no ${responded ? 'responded' : 'unanswered'} review`);
  return review.id;
}

function firstThread(s: Services): string {
  const thread = s.storage.threads.list({}, { limit: 1 }).items[0];
  if (!thread) throw new Error('the demo workspace has no message threads');
  return thread.id;
}

/** Examples for the financials, reviews and messages tools. */
export const examples: ToolExamples = {
  get_financial_summary: () => ({}),
  list_earnings: () => ({ category: 'classes', limit: 5 }),
  list_expenses: () => ({ category: 'rent' }),
  create_expense: (s) => ({ amount_cents: 4500, category: 'equipment', description: 'Yoga straps (10)', spent_on: todayIn(s, 'UTC') }),
  update_expense: (s) => ({ expense_id: firstExpense(s), description: 'Rent: Södermalm loft (with service charge)' }),
  categorise_earning: (s) => ({ earning_id: firstEarning(s), category: 'private sessions' }),
  delete_expense: (s) => ({ expense_id: firstExpense(s) }),

  list_reviews: () => ({ responded: false }),
  get_review: (s) => ({ review_id: firstReview(s, true) }),
  respond_to_review: (s) => ({ review_id: firstReview(s, false), response: 'Thank you for coming, see you on the mat!' }),

  list_threads: () => ({}),
  get_thread: (s) => ({ thread_id: firstThread(s) }),
  send_message: (s) => ({ thread_id: firstThread(s), body: 'Thanks for your message, we will get back to you today.' }),
  delete_message: (s) => {
    const message = s.storage.messages.forThread(firstThread(s))[0];
    if (!message) throw new Error('the newest thread has no messages');
    return { message_id: message.id };
  },
  delete_thread: (s) => ({ thread_id: firstThread(s) }),
};
