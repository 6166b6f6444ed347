import { z } from 'zod';
import { defineTool } from '../tool.ts';
import { id, shortText, toCamelCase } from './common.ts';
import { byId, pagedList } from './shapes.ts';
import { classTitle, deed, named, say } from './words.ts';

const rating = z.number().int().min(1).max(5);
const onReview = byId('review_id', 'Review');

export const reviewTools = [
  pagedList('reviews', {
    name: 'list_reviews',
    title: 'List reviews',
    description:
      'Lists reviews of your classes and mentors, newest first, each with its class and any response. Filter by rating range, responded or not, class or mentor; paged.',
    scopes: ['read:reviews'],
    counted: { did: 'looked at your reviews' },
    filters: {
      min_rating: rating.optional().describe('Lowest rating to include, 1–5'),
      max_rating: rating.optional().describe('Highest rating to include, 1–5'),
      responded: z.boolean().optional().describe('true: only reviews with a response; false: only those still waiting for one'),
      class_id: id('Class').optional(),
      mentor_id: id('Mentor').optional(),
    },
    list: (filters, page, { services }) => services.reviews.list(toCamelCase(filters), page),
  }),
  onReview({
    name: 'get_review',
    title: 'Get a review',
    description: 'Returns one review with its class, mentor and any response.',
    scopes: ['read:reviews'],
    counted: { did: 'looked at your reviews' },
    run: (reviewId, { services }) => services.reviews.get(reviewId),
  }),
  defineTool({
    name: 'respond_to_review',
    title: 'Respond to a review',
    description:
      "Posts the studio's public response to a review. A review shows one response: responding again replaces it, and the result says whether an earlier response was replaced.",
    scopes: ['write:reviews'],
    counted: { did: 'answered', one: 'review', many: 'reviews' },
    idempotent: true,
    input: z.object({ review_id: id('Review'), response: shortText(2000).describe('The public response, 1–2000 characters') }).strict(),
    handler: (a, { services }) => services.reviews.respond(a.review_id, a.response),
    describe: (a, services) => {
      const review = services.storage.reviews.find(a.review_id);
      if (!review) return undefined;
      const of = review.classId === null ? undefined : classTitle(services, review.classId);
      const what = `${review.rating}-star review${of === undefined ? '' : ` of ${of}`}`;
      const replacing = review.response === null ? '' : ', replacing the earlier response';
      return deed(say`Publicly respond to ${named(review.authorName)}'s ${what}${replacing}`, `responded to ${review.authorName}'s ${what}`);
    },
  }),
];
