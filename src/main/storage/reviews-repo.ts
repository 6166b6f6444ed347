import type { Db } from './database.ts';
import type { Page, PageRequest } from './paging.ts';
import { table, type Filter } from './table.ts';

export interface Review {
  id: string;
  classId: string | null;
  mentorId: string | null;
  authorName: string;
  rating: number;
  body: string;
  createdAt: number;
  response: string | null;
  respondedAt: number | null;
}

const reviews = table<Review>('reviews', {
  id: 'plain', classId: 'plain', mentorId: 'plain', authorName: 'plain', rating: 'plain', body: 'plain', createdAt: 'plain', response: 'plain', respondedAt: 'plain',
});

/** What a list of reviews can be narrowed to. */
const matching = reviews.filter({
  classId: 'class_id = ?',
  mentorId: 'mentor_id = ?',
  minRating: (rating: number) => ['rating >= ?', rating],
  maxRating: (rating: number) => ['rating <= ?', rating],
  responded: (responded: boolean) => [responded ? 'response IS NOT NULL' : 'response IS NULL'],
});
export type ReviewFilter = Filter<typeof matching>;

export function createReviewsRepo(db: Db) {
  const respond = db.prepare<[string, number, string]>('UPDATE reviews SET response = ?, responded_at = ? WHERE id = ?');
  return {
    insert: reviews.inserter(db),
    find: reviews.findBy(db, 'id'),
    list(filter: ReviewFilter, page: PageRequest): Page<Review> {
      return reviews.page(db, page, matching(filter), 'created_at DESC, id');
    },
    respond(id: string, response: string, at: number): void {
      respond.run(response, at, id);
    },
  };
}
export type ReviewsRepo = ReturnType<typeof createReviewsRepo>;
