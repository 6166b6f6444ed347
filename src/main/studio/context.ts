import type { Storage } from '../storage/index.ts';

/** What every domain service works with: the storage, the clock and the id maker (both replaceable). */
export interface DomainContext {
  storage: Storage;
  /** Now, in epoch seconds. */
  now: () => number;
  /** A new id with a readable prefix, e.g. bkg_3f9a0c1d2e4b5a69. */
  newId: (prefix: string) => string;
}
