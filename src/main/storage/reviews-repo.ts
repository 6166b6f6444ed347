import { statement, type Db } from './database.ts';
import { paged, where, type Page, type PageRequest } from './paging.ts';

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

interface ReviewRow {
  id: string;
  class_id: string | null;
  mentor_id: string | null;
  author_name: string;
  rating: number;
  body: string;
  created_at: number;
  response: string | null;
  responded_at: number | null;
}

const toModel = (r: ReviewRow): Review => ({
  id: r.id,
  classId: r.class_id,
  mentorId: r.mentor_id,
  authorName: r.author_name,
  rating: r.rating,
  body: r.body,
  createdAt: r.created_at,
  response: r.response,
  respondedAt: r.responded_at,
});

export interface ReviewFilter {
  classId?: string | undefined;
  mentorId?: string | undefined;
  minRating?: number | undefined;
  maxRating?: number | undefined;
  responded?: boolean | undefined;
}

export function createReviewsRepo(db: Db) {
  const insert = db.prepare(
    `INSERT INTO reviews (id, class_id, mentor_id, author_name, rating, body, created_at, response, responded_at)
     VALUES (@id, @classId, @mentorId, @authorName, @rating, @body, @createdAt, @response, @respondedAt)`,
  );
  const find = db.prepare<[string], ReviewRow>('SELECT * FROM reviews WHERE id = ?');
  const respond = db.prepare<[string, number, string]>('UPDATE reviews SET response = ?, responded_at = ? WHERE id = ?');
  return {
    insert(review: Review): void {
      insert.run(review);
    },
    find(id: string): Review | undefined {
      const row = find.get(id);
      return row && toModel(row);
    },
    list(filter: ReviewFilter, page: PageRequest): Page<Review> {
      const w = where([
        filter.classId !== undefined && ['class_id = ?', filter.classId],
        filter.mentorId !== undefined && ['mentor_id = ?', filter.mentorId],
        filter.minRating !== undefined && ['rating >= ?', filter.minRating],
        filter.maxRating !== undefined && ['rating <= ?', filter.maxRating],
        filter.responded !== undefined && [filter.responded ? 'response IS NOT NULL' : 'response IS NULL'],
      ]);
      return paged(page, (limit, offset) =>
        statement<unknown[], ReviewRow>(db, `SELECT * FROM reviews ${w.sql} ORDER BY created_at DESC, id LIMIT ? OFFSET ?`).all(...w.params, limit, offset).map(toModel),
      );
    },
    respond(id: string, response: string, at: number): void {
      respond.run(response, at, id);
    },
  };
}
export type ReviewsRepo = ReturnType<typeof createReviewsRepo>;
