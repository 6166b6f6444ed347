import { DomainError } from '../errors.ts';
import type { DirectoryEntry, DirectoryFilter } from '../storage/directory-repo.ts';
import { paged, type Page, type PageRequest } from '../storage/paging.ts';
import type { DomainContext } from './context.ts';

/** Mean Earth radius (IUGG), km. */
export const EARTH_RADIUS_KM = 6371.0088;

export interface Point {
  lat: number;
  lng: number;
}

/** Great-circle distance by the haversine formula, in km (unrounded). */
export function haversineKm(a: Point, b: Point): number {
  const rad = (deg: number) => (deg * Math.PI) / 180;
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

export interface DirectoryResult extends DirectoryEntry {
  /** From the search point, km rounded to 0.1; null when there is no point to measure from. */
  distanceKm: number | null;
}

export interface DirectorySearch extends DirectoryFilter {
  /** Measure from here; default: the owner's saved home location. */
  near?: Point | undefined;
  radiusKm?: number | undefined;
}

/**
 * The public directory (read:public): other mentors, studios and classes. It reads directory_entries only,
 * never the studio's own rows; the home location is used to measure but never returned (it is private).
 */
export function createDirectoryService({ storage }: DomainContext) {
  return {
    search(search: DirectorySearch, page: PageRequest): Page<DirectoryResult> & { measuredFrom: 'near' | 'home' | null } {
      const home = storage.owner.get()?.home ?? null;
      const origin = search.near ?? home;
      const measuredFrom = search.near ? 'near' : home ? 'home' : null;
      if (search.radiusKm !== undefined && !origin) {
        throw new DomainError('invalid_input', 'radius_km: there is no point to measure from; pass near, or save a home location with update_profile.');
      }
      const entries = storage.directory.search(search);
      if (!origin) return { ...paged(page, (limit, offset) => entries.slice(offset, offset + limit).map((e) => ({ ...e, distanceKm: null }))), measuredFrom };
      // Sorted on the exact distance (rounding is monotonic, so the rounded values stay in order too); name and
      // id break ties so pages are stable.
      const measured = entries
        .map((entry) => ({ entry, km: haversineKm(origin, entry) }))
        .filter(({ km }) => search.radiusKm === undefined || km <= search.radiusKm)
        .sort((a, b) => a.km - b.km || a.entry.name.localeCompare(b.entry.name) || a.entry.id.localeCompare(b.entry.id));
      return {
        ...paged(page, (limit, offset) => measured.slice(offset, offset + limit).map(({ entry, km }) => ({ ...entry, distanceKm: Math.round(km * 10) / 10 }))),
        measuredFrom,
      };
    },
  };
}
export type DirectoryService = ReturnType<typeof createDirectoryService>;
