import type { Db } from './database.ts';
import type { Page, PageRequest } from './paging.ts';
import { containing, table, type Filter } from './table.ts';

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

const classes = table<StudioClass>('classes', {
  id: 'plain', title: 'plain', practice: 'plain', description: 'plain', mentorId: 'plain', timezone: 'plain', capacity: 'plain', priceCents: 'plain',
  durationMinutes: 'plain', mode: 'plain', locationId: 'plain', videoProvider: 'plain', startDate: 'plain', startTime: 'plain', recurrence: 'plain',
  createdAt: 'plain', updatedAt: 'plain',
});

/** What a list of classes can be narrowed to. */
const matching = classes.filter({
  practice: 'practice = ? COLLATE NOCASE',
  mentorId: 'mentor_id = ?',
  locationId: 'location_id = ?',
  mode: 'mode = ?',
  /** Case-insensitive text in title or description. */
  text: (text: string) => containing(['title', 'description'], text),
});
export type ClassFilter = Filter<typeof matching>;

export function createClassesRepo(db: Db) {
  return {
    insert: classes.inserter(db),
    save: classes.updateBy(db, 'id', classes.except('id')),
    find: classes.findBy(db, 'id'),
    all: classes.orderedBy(db, 'title, id'),
    list(filter: ClassFilter, page: PageRequest): Page<StudioClass> {
      return classes.page(db, page, matching(filter), 'title, id');
    },
    delete: classes.deleteBy(db, 'id'),
  };
}
export type ClassesRepo = ReturnType<typeof createClassesRepo>;
