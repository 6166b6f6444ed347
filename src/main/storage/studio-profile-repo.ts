import type { Db } from './database.ts';
import { table } from './table.ts';

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

const profile = table<StudioProfile>('studio_profile', {
  name: 'plain', tagline: 'plain', description: 'plain', website: 'plain', email: 'plain', phone: 'plain', currency: 'plain', updatedAt: 'plain',
});

/** The studio's own public profile: one row. */
export function createStudioProfileRepo(db: Db) {
  const get = profile.prepare(db, 'WHERE id = 1');
  const put = db.prepare(profile.upsert('id', profile.fields, { id: '1' }));
  return {
    get(): StudioProfile | undefined {
      return get.get();
    },
    save(profile: StudioProfile): void {
      put.run(profile);
    },
  };
}
export type StudioProfileRepo = ReturnType<typeof createStudioProfileRepo>;
