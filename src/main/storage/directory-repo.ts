import { like } from './classes-repo.ts';
import { statement, type Db } from './database.ts';
import { json, where } from './paging.ts';

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

interface DirectoryRow extends Omit<DirectoryEntry, 'practices'> {
  practices: string;
}

const toModel = (r: DirectoryRow): DirectoryEntry => ({ ...r, practices: json.parse(r.practices) });

export interface DirectoryFilter {
  text?: string | undefined;
  kind?: DirectoryEntry['kind'] | undefined;
  practice?: string | undefined;
  city?: string | undefined;
}

export function createDirectoryRepo(db: Db) {
  const insert = db.prepare(
    'INSERT INTO directory_entries (id, kind, name, practices, city, country, lat, lng, summary, rating, url) VALUES (@id, @kind, @name, @practices, @city, @country, @lat, @lng, @summary, @rating, @url)',
  );
  return {
    insert(entry: DirectoryEntry): void {
      insert.run({ ...entry, practices: json.stringify(entry.practices) });
    },
    /** Every entry matching the filter (the directory is small; callers sort by distance and page). */
    search(filter: DirectoryFilter): DirectoryEntry[] {
      const w = where([
        filter.text !== undefined && ["(name LIKE ? ESCAPE '\\' OR summary LIKE ? ESCAPE '\\')", like(filter.text), like(filter.text)],
        filter.kind !== undefined && ['kind = ?', filter.kind],
        filter.practice !== undefined && ['EXISTS (SELECT 1 FROM json_each(practices) WHERE value = ? COLLATE NOCASE)', filter.practice],
        filter.city !== undefined && ['city = ? COLLATE NOCASE', filter.city],
      ]);
      return statement<unknown[], DirectoryRow>(db, `SELECT * FROM directory_entries ${w.sql} ORDER BY name, id`).all(...w.params).map(toModel);
    },
  };
}
export type DirectoryRepo = ReturnType<typeof createDirectoryRepo>;
