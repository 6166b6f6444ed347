import type { Db } from './database.ts';

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

interface OwnerRow {
  id: string;
  name: string;
  email: string;
  email_verified: 0 | 1;
  account_type: AccountType;
  settings: string;
  home_label: string | null;
  home_lat: number | null;
  home_lng: number | null;
  updated_at: number;
}

const toRecord = (row: OwnerRow): OwnerProfile => ({
  id: row.id,
  name: row.name,
  email: row.email,
  emailVerified: row.email_verified === 1,
  accountType: row.account_type,
  settings: JSON.parse(row.settings) as Record<string, unknown>,
  home: row.home_label !== null && row.home_lat !== null && row.home_lng !== null ? { label: row.home_label, lat: row.home_lat, lng: row.home_lng } : null,
  updatedAt: row.updated_at,
});

const homeColumns = (home: HomeLocation | null) => ({ homeLabel: home?.label ?? null, homeLat: home?.lat ?? null, homeLng: home?.lng ?? null });

export function createOwnerProfileRepo(db: Db) {
  const get = db.prepare<[], OwnerRow>('SELECT * FROM owner_profile LIMIT 1');
  const insert = db.prepare(
    `INSERT INTO owner_profile (id, name, email, email_verified, account_type, settings, home_label, home_lat, home_lng, updated_at)
     VALUES (@id, @name, @email, @emailVerified, @accountType, @settings, @homeLabel, @homeLat, @homeLng, @updatedAt)`,
  );
  const update = db.prepare(
    'UPDATE owner_profile SET name = @name, settings = @settings, home_label = @homeLabel, home_lat = @homeLat, home_lng = @homeLng, updated_at = @updatedAt WHERE id = @id',
  );

  return {
    get(): OwnerProfile | undefined {
      const row = get.get();
      return row && toRecord(row);
    },
    create(profile: OwnerProfile): void {
      const { home, ...rest } = profile;
      insert.run({ ...rest, ...homeColumns(home), emailVerified: profile.emailVerified ? 1 : 0, settings: JSON.stringify(profile.settings) });
    },
    /** Name, settings and home only: the email is changed through its own confirmed flow, never here. */
    update(id: string, change: { name: string; settings: Record<string, unknown>; home: HomeLocation | null; updatedAt: number }): void {
      const { home, ...rest } = change;
      update.run({ id, ...rest, ...homeColumns(home), settings: JSON.stringify(change.settings) });
    },
  };
}
export type OwnerProfileRepo = ReturnType<typeof createOwnerProfileRepo>;
