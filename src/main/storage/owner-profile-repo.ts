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
  updatedAt: number;
}

interface OwnerRow {
  id: string;
  name: string;
  email: string;
  email_verified: 0 | 1;
  account_type: AccountType;
  settings: string;
  updated_at: number;
}

const toRecord = (row: OwnerRow): OwnerProfile => ({
  id: row.id,
  name: row.name,
  email: row.email,
  emailVerified: row.email_verified === 1,
  accountType: row.account_type,
  settings: JSON.parse(row.settings) as Record<string, unknown>,
  updatedAt: row.updated_at,
});

export function createOwnerProfileRepo(db: Db) {
  const get = db.prepare<[], OwnerRow>('SELECT * FROM owner_profile LIMIT 1');
  const insert = db.prepare(
    `INSERT INTO owner_profile (id, name, email, email_verified, account_type, settings, updated_at)
     VALUES (@id, @name, @email, @emailVerified, @accountType, @settings, @updatedAt)`,
  );
  const update = db.prepare(
    'UPDATE owner_profile SET name = @name, settings = @settings, updated_at = @updatedAt WHERE id = @id',
  );

  return {
    get(): OwnerProfile | undefined {
      const row = get.get();
      return row && toRecord(row);
    },
    create(profile: OwnerProfile): void {
      insert.run({ ...profile, emailVerified: profile.emailVerified ? 1 : 0, settings: JSON.stringify(profile.settings) });
    },
    /** Name and settings only: the email is changed through its own confirmed flow, never here. */
    update(id: string, change: { name: string; settings: Record<string, unknown>; updatedAt: number }): void {
      update.run({ id, ...change, settings: JSON.stringify(change.settings) });
    },
  };
}
export type OwnerProfileRepo = ReturnType<typeof createOwnerProfileRepo>;
