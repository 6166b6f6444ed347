import { DomainError } from '../errors.ts';
import type { Page, PageRequest } from '../storage/paging.ts';
import type { Review, ReviewFilter } from '../storage/reviews-repo.ts';
import type { DomainContext } from './context.ts';
import { isoInstant } from './time.ts';

export interface ReviewView {
  id: string;
  rating: number;
  authorName: string;
  body: string;
  createdAt: string;
  class: { id: string; title: string } | null;
  mentor: { id: string; name: string } | null;
  response: string | null;
  respondedAt: string | null;
}

/** Reviews of the studio's classes and mentors; write = the owner's public response. */
export function createReviewsService({ storage, now }: DomainContext) {
  function requireReview(id: string): Review {
    const found = storage.reviews.find(id);
    if (!found) throw new DomainError('not_found', `There is no review ${id}.`);
    return found;
  }

  function view(r: Review): ReviewView {
    const cls = r.classId ? storage.classes.find(r.classId) : undefined;
    const mentor = r.mentorId ? storage.mentors.find(r.mentorId) : undefined;
    return {
      id: r.id,
      rating: r.rating,
      authorName: r.authorName,
      body: r.body,
      createdAt: isoInstant(r.createdAt),
      class: cls ? { id: cls.id, title: cls.title } : null,
      mentor: mentor ? { id: mentor.id, name: mentor.name } : null,
      response: r.response,
      respondedAt: r.respondedAt === null ? null : isoInstant(r.respondedAt),
    };
  }

  return {
    view,
    get: (id: string) => view(requireReview(id)),

    /** Newest first. */
    list(filter: ReviewFilter, page: PageRequest): Page<ReviewView> {
      if (filter.minRating !== undefined && filter.maxRating !== undefined && filter.minRating > filter.maxRating) {
        throw new DomainError('invalid_input', `min_rating (${filter.minRating}) is above max_rating (${filter.maxRating}); no review could match.`);
      }
      const result = storage.reviews.list(filter, page);
      return { ...result, items: result.items.map(view) };
    },

    /** Responds publicly. Responding again replaces the earlier response: a review shows one response. */
    respond(id: string, response: string): ReviewView & { replacedEarlierResponse: boolean } {
      const review = requireReview(id);
      const at = now();
      storage.transaction(() => storage.reviews.respond(id, response, at));
      return { ...view({ ...review, response, respondedAt: at }), replacedEarlierResponse: review.response !== null };
    },
  };
}
export type ReviewsService = ReturnType<typeof createReviewsService>;
