import { randomUUID } from 'node:crypto';
import { userInfo } from 'node:os';
import { DomainError } from '../errors.ts';
import type { AccountType, HomeLocation, OwnerProfile, OwnerProfileRepo } from '../storage/owner-profile-repo.ts';
import { nowSeconds } from '../storage/secrets.ts';

export type SettingValue = string | number | boolean | null;

export interface OwnerIdentity {
  name: string;
  email: string;
  emailVerified: boolean;
  accountType: AccountType;
}

/** Who owns a fresh workspace until they say otherwise: the OS account's name, an unverified local email. */
export function localOwnerIdentity(): OwnerIdentity {
  const name = userInfo().username || 'owner';
  return { name, email: `${name}@localhost`, emailVerified: false, accountType: 'studio' };
}

/** The owner's own profile: what get_profile/update_profile and the OIDC claims read. */
export function createOwnerProfileService(repo: OwnerProfileRepo) {
  return {
    /** Creates the owner with this identity if the workspace has none yet. */
    ensure(identity: OwnerIdentity): OwnerProfile {
      const existing = repo.get();
      if (existing) return existing;
      const created: OwnerProfile = { id: randomUUID(), ...identity, settings: {}, home: null, updatedAt: nowSeconds() };
      repo.create(created);
      return created;
    },

    get(): OwnerProfile {
      const owner = repo.get();
      if (!owner) throw new Error('the workspace has no owner yet');
      return owner;
    },

    /**
     * Changes name and settings. The email is never changed here: it needs the owner's confirmation by email
     * (MoveMentors seed, "What scopes do not cover"), so no grant can do it.
     */
    update(change: { name?: string | undefined; settings?: Record<string, SettingValue> | undefined; home?: HomeLocation | null | undefined; email?: string | undefined }): OwnerProfile {
      if (change.email !== undefined) {
        throw new DomainError(
          'email_change_not_allowed',
          'The account email cannot be changed through Studio Gateway: it needs the owner to confirm by email. Nothing was changed.',
        );
      }
      const current = this.get();
      const updated = {
        name: change.name ?? current.name,
        settings: { ...current.settings, ...change.settings },
        home: change.home === undefined ? current.home : change.home,
        updatedAt: nowSeconds(),
      };
      repo.update(current.id, updated);
      return { ...current, ...updated };
    },
  };
}
export type OwnerProfileService = ReturnType<typeof createOwnerProfileService>;
