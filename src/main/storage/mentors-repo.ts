import type { Db } from './database.ts';
import { table } from './table.ts';

export interface Mentor {
  id: string;
  name: string;
  bio: string;
  practices: string[];
  /** Photo URLs. */
  photos: string[];
  locationIds: string[];
  /** The owner's own mentor profile (a studio may also have custom mentors). */
  isOwner: boolean;
  updatedAt: number;
}

const mentors = table<Mentor>('mentors', {
  id: 'plain', name: 'plain', bio: 'plain', practices: 'json', photos: 'json', locationIds: 'json', isOwner: 'boolean', updatedAt: 'plain',
});

export function createMentorsRepo(db: Db) {
  return {
    insert: mentors.inserter(db),
    save: mentors.updateBy(db, 'id', mentors.except('id')),
    find: mentors.findBy(db, 'id'),
    all: mentors.orderedBy(db, 'is_owner DESC, name, id'),
  };
}
export type MentorsRepo = ReturnType<typeof createMentorsRepo>;
