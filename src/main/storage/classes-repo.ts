import { statement, type Db } from './database.ts';
import { paged, where, type Page, type PageRequest } from './paging.ts';

export type ClassMode = 'in_person' | 'online';
export type VideoProvider = 'google_meet' | 'zoom';

export interface StudioClass {
  id: string;
  title: string;
  practice: string;
  description: string;
  mentorId: string | null;
  timezone: string;
  capacity: number;
  priceCents: number;
  durationMinutes: number;
  mode: ClassMode;
  locationId: string | null;
  videoProvider: VideoProvider | null;
  startDate: string;
  startTime: string;
  recurrence: string | null;
  createdAt: number;
  updatedAt: number;
}

interface ClassRow {
  id: string;
  title: string;
  practice: string;
  description: string;
  mentor_id: string | null;
  timezone: string;
  capacity: number;
  price_cents: number;
  duration_minutes: number;
  mode: ClassMode;
  location_id: string | null;
  video_provider: VideoProvider | null;
  start_date: string;
  start_time: string;
  recurrence: string | null;
  created_at: number;
  updated_at: number;
}

const toModel = (r: ClassRow): StudioClass => ({
  id: r.id,
  title: r.title,
  practice: r.practice,
  description: r.description,
  mentorId: r.mentor_id,
  timezone: r.timezone,
  capacity: r.capacity,
  priceCents: r.price_cents,
  durationMinutes: r.duration_minutes,
  mode: r.mode,
  locationId: r.location_id,
  videoProvider: r.video_provider,
  startDate: r.start_date,
  startTime: r.start_time,
  recurrence: r.recurrence,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const toRow = (c: StudioClass): ClassRow => ({
  id: c.id,
  title: c.title,
  practice: c.practice,
  description: c.description,
  mentor_id: c.mentorId,
  timezone: c.timezone,
  capacity: c.capacity,
  price_cents: c.priceCents,
  duration_minutes: c.durationMinutes,
  mode: c.mode,
  location_id: c.locationId,
  video_provider: c.videoProvider,
  start_date: c.startDate,
  start_time: c.startTime,
  recurrence: c.recurrence,
  created_at: c.createdAt,
  updated_at: c.updatedAt,
});

export interface ClassFilter {
  practice?: string | undefined;
  mentorId?: string | undefined;
  locationId?: string | undefined;
  mode?: ClassMode | undefined;
  /** Case-insensitive text in title or description. */
  text?: string | undefined;
}

const COLUMNS = Object.keys(toRow({} as StudioClass));

export function createClassesRepo(db: Db) {
  const insert = db.prepare(`INSERT INTO classes (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((c) => `@${c}`).join(', ')})`);
  const update = db.prepare(`UPDATE classes SET ${COLUMNS.filter((c) => c !== 'id').map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`);
  const find = db.prepare<[string], ClassRow>('SELECT * FROM classes WHERE id = ?');
  const all = db.prepare<[], ClassRow>('SELECT * FROM classes ORDER BY title, id');
  const remove = db.prepare<[string]>('DELETE FROM classes WHERE id = ?');

  return {
    insert(c: StudioClass): void {
      insert.run(toRow(c));
    },
    save(c: StudioClass): void {
      update.run(toRow(c));
    },
    find(id: string): StudioClass | undefined {
      const row = find.get(id);
      return row && toModel(row);
    },
    all(): StudioClass[] {
      return all.all().map(toModel);
    },
    list(filter: ClassFilter, page: PageRequest): Page<StudioClass> {
      const w = where([
        filter.practice !== undefined && ['practice = ? COLLATE NOCASE', filter.practice],
        filter.mentorId !== undefined && ['mentor_id = ?', filter.mentorId],
        filter.locationId !== undefined && ['location_id = ?', filter.locationId],
        filter.mode !== undefined && ['mode = ?', filter.mode],
        filter.text !== undefined && ["(title LIKE ? ESCAPE '\\' OR description LIKE ? ESCAPE '\\')", like(filter.text), like(filter.text)],
      ]);
      return paged(page, (limit, offset) =>
        statement<unknown[], ClassRow>(db, `SELECT * FROM classes ${w.sql} ORDER BY title, id LIMIT ? OFFSET ?`).all(...w.params, limit, offset).map(toModel),
      );
    },
    delete(id: string): void {
      remove.run(id);
    },
  };
}
export type ClassesRepo = ReturnType<typeof createClassesRepo>;

/** A LIKE pattern matching `text` anywhere, with LIKE's own wildcards escaped. */
export function like(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
