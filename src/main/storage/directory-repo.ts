import type { Db } from './database.ts';
import { containing, table, type Filter } from './table.ts';

/** Public information about another mentor, studio or class (read:public). */
export interface DirectoryEntry {
  id: string;
  kind: 'mentor' | 'studio' | 'class';
  name: string;
  practices: string[];
  city: string;
  country: string;
  lat: number;
  lng: number;
  summary: string;
  rating: number | null;
  url: string | null;
}

const entries = table<DirectoryEntry>('directory_entries', {
  id: 'plain', kind: 'plain', name: 'plain', practices: 'json', city: 'plain', country: 'plain', lat: 'plain', lng: 'plain', summary: 'plain', rating: 'plain', url: 'plain',
});

/** What a search of the directory can be narrowed to. */
const matching = entries.filter({
  text: (text: string) => containing(['name', 'summary'], text),
  kind: 'kind = ?',
  practice: (practice: string) => ['EXISTS (SELECT 1 FROM json_each(practices) WHERE value = ? COLLATE NOCASE)', practice],
  city: 'city = ? COLLATE NOCASE',
});
export type DirectoryFilter = Filter<typeof matching>;

export function createDirectoryRepo(db: Db) {
  return {
    insert: entries.inserter(db),
    /** Every entry matching the filter (the directory is small; callers sort by distance and page). */
    search(filter: DirectoryFilter): DirectoryEntry[] {
      const w = matching(filter);
      return entries.select(db, `${w.sql} ORDER BY name, id`).all(...w.params);
    },
  };
}
export type DirectoryRepo = ReturnType<typeof createDirectoryRepo>;
