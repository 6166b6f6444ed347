import type { Db } from './database.ts';
import { table } from './table.ts';

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

const locations = table<Location>('locations', {
  id: 'plain', name: 'plain', address: 'plain', city: 'plain', country: 'plain', timezone: 'plain', lat: 'plain', lng: 'plain', createdAt: 'plain',
});

export function createLocationsRepo(db: Db) {
  return {
    insert: locations.inserter(db),
    save: locations.updateBy(db, 'id', locations.except('id', 'createdAt')),
    find: locations.findBy(db, 'id'),
    all: locations.orderedBy(db, 'name, id'),
  };
}
export type LocationsRepo = ReturnType<typeof createLocationsRepo>;
