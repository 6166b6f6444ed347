import { randomBytes } from 'node:crypto';

/** A new id for a studio record: a readable prefix and 64 random bits, e.g. bkg_3f9a0c1d2e4b5a69. */
export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(8).toString('hex')}`;
}
