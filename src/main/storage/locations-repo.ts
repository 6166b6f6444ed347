import type { Db } from './database.ts';

export interface Location {
  id: string;
  name: string;
  address: string;
  city: string;
  country: string;
  timezone: string;
  lat: number;
  lng: number;
  createdAt: number;
}

interface LocationRow extends Omit<Location, 'createdAt'> {
  created_at: number;
}

const toModel = ({ created_at, ...r }: LocationRow): Location => ({ ...r, createdAt: created_at });

export function createLocationsRepo(db: Db) {
  const insert = db.prepare('INSERT INTO locations (id, name, address, city, country, timezone, lat, lng, created_at) VALUES (@id, @name, @address, @city, @country, @timezone, @lat, @lng, @createdAt)');
  const update = db.prepare('UPDATE locations SET name = @name, address = @address, city = @city, country = @country, timezone = @timezone, lat = @lat, lng = @lng WHERE id = @id');
  const find = db.prepare<[string], LocationRow>('SELECT * FROM locations WHERE id = ?');
  const all = db.prepare<[], LocationRow>('SELECT * FROM locations ORDER BY name, id');
  return {
    insert(location: Location): void {
      insert.run(location);
    },
    save(location: Location): void {
      update.run(location);
    },
    find(id: string): Location | undefined {
      const row = find.get(id);
      return row && toModel(row);
    },
    all(): Location[] {
      return all.all().map(toModel);
    },
  };
}
export type LocationsRepo = ReturnType<typeof createLocationsRepo>;
