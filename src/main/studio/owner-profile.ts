import { randomUUID } from 'node:crypto';
import { userInfo } from 'node:os';
import { DomainError } from '../errors.ts';
import type { Storage } from '../storage/index.ts';
import type { AccountType, HomeLocation, OwnerProfile } from '../storage/owner-profile-repo.ts';
import { invalid, isLatitude, isLongitude, text } from './fields.ts';

export type SettingValue = string | number | boolean | null;

/**
 * Setting keys are snake_case: tool results are converted to snake_case on the way out, so a camelCase key
 * would read back under a different name than it was written with.
 */
export const SETTING_KEY = /^[a-z][a-z0-9_]{0,63}$/;
export const SETTING_KEY_RULE = 'setting keys must be snake_case: a lowercase letter, then lowercase letters, digits or _, at most 64 characters (e.g. week_starts_on)';
const MAX_SETTINGS = 100;

function checkSettings(settings: Record<string, SettingValue>): void {
  const bad = Object.keys(settings).find((key) => !SETTING_KEY.test(key));
  if (bad !== undefined) invalid(`settings.${bad}`, SETTING_KEY_RULE);
}

function checkHome(home: HomeLocation): HomeLocation {
  if (!isLatitude(home.lat)) invalid('home_location.lat', 'must be a latitude between -90 and 90');
  if (!isLongitude(home.lng)) invalid('home_location.lng', 'must be a longitude between -180 and 180');
  return { label: text('home_location.label', home.label, 1, 120), lat: home.lat, lng: home.lng };
}

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
export function createOwnerProfileService(storage: Storage, now: () => number) {
  const repo = storage.owner;
  return {
    /** Creates the owner with this identity if the workspace has none yet. */
    ensure(identity: OwnerIdentity): OwnerProfile {
      const existing = repo.get();
      if (existing) return existing;
      const created: OwnerProfile = { id: randomUUID(), ...identity, settings: {}, home: null, updatedAt: now() };
      repo.create(created);
      return created;
    },

    get(): OwnerProfile {
      const owner = repo.get();
      if (!owner) throw new Error('the workspace has no owner yet');
      return owner;
    },

    /**
     * Changes name, settings (merged by key) and the home location (null clears it). The email is never changed
     * here: it needs the owner's confirmation by email (MoveMentors seed, "What scopes do not cover"), so no
     * grant can do it.
     */
    update(change: { name?: string | undefined; settings?: Record<string, SettingValue> | undefined; home?: HomeLocation | null | undefined; email?: string | undefined }): OwnerProfile {
      if (change.email !== undefined) {
        throw new DomainError(
          'email_change_not_allowed',
          'The account email cannot be changed through Studio Gateway: it needs the owner to confirm by email. Nothing was changed.',
        );
      }
      if (change.settings) checkSettings(change.settings);
      const home = change.home ? checkHome(change.home) : change.home;
      // Read, merge and write in one transaction: a concurrent update cannot be lost between them.
      return storage.transaction(() => {
        const current = this.get();
        const updated = {
          name: change.name ?? current.name,
          settings: { ...current.settings, ...change.settings },
          home: home === undefined ? current.home : home,
          updatedAt: now(),
        };
        if (Object.keys(updated.settings).length > MAX_SETTINGS) invalid('settings', `the profile can hold at most ${MAX_SETTINGS} settings`);
        repo.update(current.id, updated);
        return { ...current, ...updated };
      });
    },
  };
}
export type OwnerProfileService = ReturnType<typeof createOwnerProfileService>;
