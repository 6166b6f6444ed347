import { scopeInfo } from '../../shared/scopes.ts';
import { DomainError } from '../errors.ts';
import type { SettingsRepo } from '../storage/settings-repo.ts';

export const TIERS = ['free', 'pro', 'premium'] as const;
export type Tier = (typeof TIERS)[number];

const SETTING = 'subscription.tier';

/** The studio's subscription tier (docs/product.md#scopes: some features are Pro+). */
export function createTierService(settings: SettingsRepo) {
  return {
    get(): Tier {
      return settings.get<Tier>(SETTING, 'free');
    },
    set(tier: Tier): void {
      settings.set(SETTING, tier);
    },
    /** Refuses on the Free tier, whatever the grant: "upgrade required" (MoveMentors seed). */
    requirePro(feature: string): void {
      if (this.get() === 'free') {
        throw new DomainError('upgrade_required', `Upgrade required: ${feature} is a Pro feature and this studio is on the Free plan. Nothing was changed.`);
      }
    },
  };
}
export type TierService = ReturnType<typeof createTierService>;

/** A tool is Pro+ when every scope that allows it is a Pro+ scope (write:classes, read/write:financials…). */
export function isProOnly(scopes: readonly string[]): boolean {
  return scopes.every((scope) => scopeInfo(scope)?.proOnly === true);
}
