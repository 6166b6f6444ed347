import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Review } from '../../../src/main/storage/reviews-repo.ts';
import { startTestGateway, type TestGateway } from '../../support/gateway.ts';
import { bearerClient, tokenWithScopes } from '../../support/mcp-agent.ts';

// Reviews through the real MCP SDK client over HTTP, checked against the database itself.

let tg: TestGateway;
let agent: Client;
beforeEach(async () => {
  tg = await startTestGateway();
  agent = await bearerClient(tg.gateway.mcpUrl, await tokenWithScopes(tg, ['write:reviews']));
});
afterEach(async () => {
  await agent.close();
  await tg.close();
});

type ToolResult = Awaited<ReturnType<Client['callTool']>>;

interface ReviewResult {
  id: string;
  rating: number;
  author_name: string;
  created_at: string;
  class: { id: string; title: string } | null;
  mentor: { id: string; name: string } | null;
  response: string | null;
  responded_at: string | null;
}

function textOf(result: ToolResult): string {
  return (result.content as { text?: string }[]).map((c) => c.text ?? '').join('\n');
}

async function ok<T>(name: string, args: Record<string, unknown>): Promise<T> {
  const result = await agent.callTool({ name, arguments: args });
  expect(result.isError, textOf(result)).toBeFalsy();
  return result.structuredContent as T;
}

async function refused(name: string, args: Record<string, unknown>): Promise<string> {
  const result = await agent.callTool({ name, arguments: args });
  expect(result.isError, `${name} ${JSON.stringify(args)} was not refused`).toBe(true);
  return textOf(result);
}

const allReviews = (): Review[] => tg.gateway.services.storage.reviews.list({}, { limit: 10_000 }).items;
const reviewRows = () => tg.gateway.services.storage.db.prepare('SELECT * FROM reviews ORDER BY id').all();

/** Every review the filter lets through, following next_cursor to the end. */
async function listAll(filter: Record<string, unknown>): Promise<ReviewResult[]> {
  const reviews: ReviewResult[] = [];
  let cursor: string | null = null;
  do {
    const page: { reviews: ReviewResult[]; next_cursor: string | null } = await ok('list_reviews', { ...filter, limit: 8, ...(cursor ? { cursor } : {}) });
    reviews.push(...page.reviews);
    cursor = page.next_cursor;
  } while (cursor);
  return reviews;
}

function unanswered(): Review {
  const review = allReviews().find((r) => r.response === null);
  if (!review) throw new Error('every demo review has a response');
  return review;
}

describe('list_reviews', () => {
  it('lists every review newest first, each with the title of its class', async () => {
    const reviews = await listAll({});
    expect(reviews).toHaveLength(30);
    const times = reviews.map((r) => Date.parse(r.created_at));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    for (const r of reviews) {
      const stored = tg.gateway.services.storage.reviews.find(r.id);
      const cls = stored?.classId ? tg.gateway.services.storage.classes.find(stored.classId) : undefined;
      expect(r.class).toEqual(cls ? { id: cls.id, title: cls.title } : null);
    }
    expect(reviews.every((r) => r.class !== null)).toBe(true);
  });

  it('filters by rating range, response, class and mentor exactly as the rows say', async () => {
    const ids = (reviews: { id: string }[]) => reviews.map((r) => r.id).sort();
    const all = allReviews();
    expect(ids(await listAll({ min_rating: 2, max_rating: 4 }))).toEqual(ids(all.filter((r) => r.rating >= 2 && r.rating <= 4)));
    expect(ids(await listAll({ max_rating: 2 }))).toEqual(ids(all.filter((r) => r.rating <= 2)));
    const responded = await listAll({ responded: true });
    const waiting = await listAll({ responded: false });
    expect(ids(responded)).toEqual(ids(all.filter((r) => r.response !== null)));
    expect(ids(waiting)).toEqual(ids(all.filter((r) => r.response === null)));
    expect(responded.length).toBeGreaterThan(0);
    expect(waiting.length).toBeGreaterThan(0);
    const [sample] = all;
    if (!sample?.classId || !sample.mentorId) throw new Error('demo review without class or mentor');
    const byClass = await listAll({ class_id: sample.classId });
    expect(ids(byClass)).toEqual(ids(all.filter((r) => r.classId === sample.classId)));
    expect(ids(await listAll({ mentor_id: sample.mentorId }))).toEqual(ids(all.filter((r) => r.mentorId === sample.mentorId)));
  });

  it('refuses ratings outside 1–5 and a minimum above the maximum', async () => {
    expect(await refused('list_reviews', { min_rating: 0 })).toMatch(/min_rating:/);
    expect(await refused('list_reviews', { max_rating: 6 })).toMatch(/max_rating:/);
    expect(await refused('list_reviews', { min_rating: 4.5 })).toMatch(/min_rating:/);
    expect(await refused('list_reviews', { min_rating: 4, max_rating: 2 })).toContain('min_rating (4) is above max_rating (2)');
  });
});

describe('get_review', () => {
  it('returns the review with its rating, author and response', async () => {
    const stored = allReviews().find((r) => r.response !== null);
    if (!stored) throw new Error('no responded review');
    const review = await ok<ReviewResult>('get_review', { review_id: stored.id });
    expect(review).toMatchObject({ id: stored.id, rating: stored.rating, author_name: stored.authorName, response: stored.response });
    expect(review.responded_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  });

  it('answers not found for an unknown review', async () => {
    expect(await refused('get_review', { review_id: 'rev_missing' })).toBe('There is no review rev_missing.');
  });
});

describe('respond_to_review', () => {
  it('stores the first response with its time, and says nothing was replaced', async () => {
    const review = unanswered();
    const before = tg.gateway.services.now();
    const result = await ok<ReviewResult & { replaced_earlier_response: boolean }>('respond_to_review', { review_id: review.id, response: '  Thank you, Ana!  ' });
    expect(result).toMatchObject({ id: review.id, response: 'Thank you, Ana!', replaced_earlier_response: false });
    const stored = tg.gateway.services.storage.reviews.find(review.id);
    expect(stored?.response).toBe('Thank you, Ana!');
    expect(stored?.respondedAt).toBeGreaterThanOrEqual(before);
    expect(stored?.respondedAt).toBeLessThanOrEqual(tg.gateway.services.now());
  });

  it('replaces an earlier response when responding again, and says so', async () => {
    const review = allReviews().find((r) => r.response !== null);
    if (!review) throw new Error('no responded review');
    const result = await ok<ReviewResult & { replaced_earlier_response: boolean }>('respond_to_review', { review_id: review.id, response: 'Updated: we fixed it.' });
    expect(result).toMatchObject({ response: 'Updated: we fixed it.', replaced_earlier_response: true });
    expect(tg.gateway.services.storage.reviews.find(review.id)?.response).toBe('Updated: we fixed it.');
  });

  it('refuses an empty or over-long response and an unknown review, changing nothing', async () => {
    const review = unanswered();
    const rows = reviewRows();
    expect(await refused('respond_to_review', { review_id: review.id, response: '   ' })).toMatch(/response:/);
    expect(await refused('respond_to_review', { review_id: review.id, response: 'x'.repeat(2001) })).toMatch(/response:/);
    expect(await refused('respond_to_review', { review_id: review.id })).toMatch(/response:/);
    expect(await refused('respond_to_review', { review_id: 'rev_missing', response: 'Thanks!' })).toBe('There is no review rev_missing.');
    expect(await refused('respond_to_review', { review_id: review.id, response: 'Thanks!', rating: 5 })).toContain('unknown argument(s): rating');
    expect(reviewRows()).toEqual(rows);
  });

  it('accepts a response of exactly 2000 characters', async () => {
    const review = unanswered();
    await ok('respond_to_review', { review_id: review.id, response: 'y'.repeat(2000) });
    expect(tg.gateway.services.storage.reviews.find(review.id)?.response).toHaveLength(2000);
  });
});
