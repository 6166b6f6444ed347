import type { Db } from './database.ts';
import { json } from './paging.ts';

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

interface MentorRow {
  id: string;
  name: string;
  bio: string;
  practices: string;
  photos: string;
  location_ids: string;
  is_owner: 0 | 1;
  updated_at: number;
}

const toModel = (r: MentorRow): Mentor => ({
  id: r.id,
  name: r.name,
  bio: r.bio,
  practices: json.parse(r.practices),
  photos: json.parse(r.photos),
  locationIds: json.parse(r.location_ids),
  isOwner: r.is_owner === 1,
  updatedAt: r.updated_at,
});

const toRow = (m: Mentor): MentorRow => ({
  id: m.id,
  name: m.name,
  bio: m.bio,
  practices: json.stringify(m.practices),
  photos: json.stringify(m.photos),
  location_ids: json.stringify(m.locationIds),
  is_owner: m.isOwner ? 1 : 0,
  updated_at: m.updatedAt,
});

export function createMentorsRepo(db: Db) {
  const insert = db.prepare('INSERT INTO mentors (id, name, bio, practices, photos, location_ids, is_owner, updated_at) VALUES (@id, @name, @bio, @practices, @photos, @location_ids, @is_owner, @updated_at)');
  const update = db.prepare('UPDATE mentors SET name = @name, bio = @bio, practices = @practices, photos = @photos, location_ids = @location_ids, is_owner = @is_owner, updated_at = @updated_at WHERE id = @id');
  const find = db.prepare<[string], MentorRow>('SELECT * FROM mentors WHERE id = ?');
  const all = db.prepare<[], MentorRow>('SELECT * FROM mentors ORDER BY is_owner DESC, name, id');
  return {
    insert(mentor: Mentor): void {
      insert.run(toRow(mentor));
    },
    save(mentor: Mentor): void {
      update.run(toRow(mentor));
    },
    find(id: string): Mentor | undefined {
      const row = find.get(id);
      return row && toModel(row);
    },
    all(): Mentor[] {
      return all.all().map(toModel);
    },
  };
}
export type MentorsRepo = ReturnType<typeof createMentorsRepo>;
