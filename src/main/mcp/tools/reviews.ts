import { z } from 'zod';
import { defineTool, IDEMPOTENT_WRITE, READ } from '../tool.ts';
import { id, page, pageResult, shortText } from './common.ts';

const rating = z.number().int().min(1).max(5);

export const reviewTools = [
  defineTool({
    name: 'list_reviews',
    title: 'List reviews',
    description:
      'Lists reviews of your classes and mentors, newest first, each with its class and any response. Filter by rating range, responded or not, class or mentor; paged. ' +
      'Needs read:reviews.',
    scopes: ['read:reviews'],
    annotations: READ,
    input: z
      .object({
        min_rating: rating.optional().describe('Lowest rating to include, 1–5'),
        max_rating: rating.optional().describe('Highest rating to include, 1–5'),
        responded: z.boolean().optional().describe('true: only reviews with a response; false: only those still waiting for one'),
        class_id: id('Class').optional(),
        mentor_id: id('Mentor').optional(),
        ...page,
      })
      .strict(),
    handler: (a, { services }) =>
      pageResult(
        services.reviews.list({ minRating: a.min_rating, maxRating: a.max_rating, responded: a.responded, classId: a.class_id, mentorId: a.mentor_id }, a),
        'reviews',
      ),
  }),
  defineTool({
    name: 'get_review',
    title: 'Get a review',
    description: 'Returns one review with its class, mentor and any response. Needs read:reviews.',
    scopes: ['read:reviews'],
    annotations: READ,
    input: z.object({ review_id: id('Review') }).strict(),
    handler: (a, { services }) => services.reviews.get(a.review_id),
  }),
  defineTool({
    name: 'respond_to_review',
    title: 'Respond to a review',
    description:
      "Posts the studio's public response to a review. A review shows one response: responding again replaces it, and the result says whether an earlier response was replaced. " +
      'Needs write:reviews.',
    scopes: ['write:reviews'],
    annotations: IDEMPOTENT_WRITE,
    input: z.object({ review_id: id('Review'), response: shortText(2000).describe('The public response, 1–2000 characters') }).strict(),
    handler: (a, { services }) => services.reviews.respond(a.review_id, a.response),
  }),
];
