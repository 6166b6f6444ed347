import type { Db } from './database.ts';

export interface StudioProfile {
  name: string;
  tagline: string;
  description: string;
  website: string | null;
  email: string | null;
  phone: string | null;
  /** ISO 4217, the currency of every price and amount in the workspace. */
  currency: string;
  updatedAt: number;
}

interface StudioRow {
  name: string;
  tagline: string;
  description: string;
  website: string | null;
  email: string | null;
  phone: string | null;
  currency: string;
  updated_at: number;
}

const toModel = ({ updated_at, ...r }: StudioRow): StudioProfile => ({ ...r, updatedAt: updated_at });

/** The studio's own public profile: one row. */
export function createStudioProfileRepo(db: Db) {
  const get = db.prepare<[], StudioRow>('SELECT name, tagline, description, website, email, phone, currency, updated_at FROM studio_profile WHERE id = 1');
  const put = db.prepare(
    `INSERT INTO studio_profile (id, name, tagline, description, website, email, phone, currency, updated_at)
     VALUES (1, @name, @tagline, @description, @website, @email, @phone, @currency, @updatedAt)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, tagline = excluded.tagline, description = excluded.description,
       website = excluded.website, email = excluded.email, phone = excluded.phone, currency = excluded.currency, updated_at = excluded.updated_at`,
  );
  return {
    get(): StudioProfile | undefined {
      const row = get.get();
      return row && toModel(row);
    },
    save(profile: StudioProfile): void {
      put.run(profile);
    },
  };
}
export type StudioProfileRepo = ReturnType<typeof createStudioProfileRepo>;
