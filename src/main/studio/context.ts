import type { Clock } from '../../shared/clock.ts';
import type { Storage } from '../storage/index.ts';

/** What every domain service works with: the storage, the clock and the id maker (both replaceable). */
export interface DomainContext {
  storage: Storage;
  /** Now, in epoch seconds. */
  now: () => number;
  /** The clock `now` reads, for instants kept in milliseconds (background jobs). */
  clock: Clock;
  /** A new id with a readable prefix, e.g. bkg_3f9a0c1d2e4b5a69. */
  newId: (prefix: string) => string;
}
