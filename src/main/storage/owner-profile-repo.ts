import type { Db } from './database.ts';
import { table } from './table.ts';

export type AccountType = 'mentor' | 'studio';

/** The account this gateway serves: the studio's owner. */
export interface OwnerProfile {
  id: string;
  name: string;
  email: string;
  emailVerified: boolean;
  accountType: AccountType;
  settings: Record<string, unknown>;
  /** Saved home location: directory distances are measured from here. */
  home: HomeLocation | null;
  updatedAt: number;
}

export interface HomeLocation {
  label: string;
  lat: number;
  lng: number;
}

/** As stored: the home location is three columns, all set or all null. */
type OwnerRow = Omit<OwnerProfile, 'home'> & { homeLabel: string | null; homeLat: number | null; homeLng: number | null };

const owners = table<OwnerRow>('owner_profile', {
  id: 'plain', name: 'plain', email: 'plain', emailVerified: 'boolean', accountType: 'plain', settings: 'json', homeLabel: 'plain', homeLat: 'plain', homeLng: 'plain', updatedAt: 'plain',
});

/** The one field that is not a column: the home location, from its three. */
const withHome = ({ homeLabel, homeLat, homeLng, updatedAt, ...rest }: OwnerRow): OwnerProfile => ({
  ...rest,
  home: homeLabel !== null && homeLat !== null && homeLng !== null ? { label: homeLabel, lat: homeLat, lng: homeLng } : null,
  updatedAt,
});

const homeColumns = (home: HomeLocation | null) => ({ homeLabel: home?.label ?? null, homeLat: home?.lat ?? null, homeLng: home?.lng ?? null });

export function createOwnerProfileRepo(db: Db) {
  const get = owners.prepare(db, 'LIMIT 1');
  const insert = owners.inserter(db);
  const update = owners.updateBy(db, 'id', ['name', 'settings', 'homeLabel', 'homeLat', 'homeLng', 'updatedAt']);

  return {
    get(): OwnerProfile | undefined {
      const row = get.get();
      return row && withHome(row);
    },
    create(profile: OwnerProfile): void {
      const { home, ...rest } = profile;
      insert({ ...rest, ...homeColumns(home) });
    },
    /** Name, settings and home only: the email is changed through its own confirmed flow, never here. */
    update(id: string, change: { name: string; settings: Record<string, unknown>; home: HomeLocation | null; updatedAt: number }): void {
      const { home, ...rest } = change;
      update({ id, ...rest, ...homeColumns(home) });
    },
  };
}
export type OwnerProfileRepo = ReturnType<typeof createOwnerProfileRepo>;
