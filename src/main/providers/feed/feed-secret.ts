import type { Storage } from '../../storage/index.ts';
import { constantTimeEqual, hashSecret, randomSecret } from '../../storage/secrets.ts';
import type { Vault } from '../vault/vault.ts';

/** Only the hash is kept in the clear, to check a fetch against; the URL itself is sealed so the panel can show it. */
const HASH_SETTING = 'feed.tokenHash';
const ROTATED_SETTING = 'feed.rotatedAt';

export interface FeedUrls {
  url: string;
  webcalUrl: string;
}

export const feedPath = (token: string) => `/feed/${token}.ics`;

/**
 * The secret in the feed URL (256 bits). Anyone with the URL reads the schedule, so the owner can replace it:
 * the old URL stops working at once.
 */
export function createFeedSecret(storage: Storage, vault: Vault, now: () => number) {
  const urls = (issuer: string, token: string): FeedUrls => {
    const url = `${issuer}${feedPath(token)}`;
    return { url, webcalUrl: url.replace(/^http:/, 'webcal:') };
  };
  return {
    async current(issuer: string): Promise<(FeedUrls & { rotatedAt: number | null }) | null> {
      const sealed = await vault.get<{ token: string }>('ics');
      return sealed ? { ...urls(issuer, sealed.token), rotatedAt: storage.settings.get<number | null>(ROTATED_SETTING, null) } : null;
    },
    /** A new URL (the first one, or a replacement). */
    async rotate(): Promise<void> {
      const token = randomSecret();
      await vault.put('ics', { token });
      storage.settings.set(HASH_SETTING, hashSecret(token).toString('hex'));
      storage.settings.set(ROTATED_SETTING, now());
    },
    disable(): void {
      vault.delete('ics');
      storage.settings.set(HASH_SETTING, null);
    },
    /** Whether a fetched token is the current one (compared without leaking timing). */
    matches(token: string): boolean {
      const hash = storage.settings.get<string | null>(HASH_SETTING, null);
      if (!hash) return false;
      return constantTimeEqual(hashSecret(token).toString('hex'), hash);
    },
  };
}
export type FeedSecret = ReturnType<typeof createFeedSecret>;
