import { createHash } from 'node:crypto';
import { AUDIT_FIELDS, type AuditFields } from '../../shared/audit-row.ts';

/** The chain's start: 32 zero bytes. */
export const GENESIS = Buffer.alloc(32);

/**
 * Fields added after rows were already chained: each is hashed only when the row has a value for it. Every row
 * written before the field existed holds null there and keeps the hash it was given over the fields of its day, so
 * the chain of an upgraded log still verifies; a row that has a value is hashed with it, and setting it to null, or
 * giving an older row one, breaks that row's hash like any other change (the array is one element shorter or longer).
 */
const ADDED_LATER: ReadonlySet<keyof AuditFields> = new Set(['summary']);

/**
 * SHA-256 over the previous hash and the row, in AUDIT_FIELDS order (a JSON array, so no field can run into the
 * next). Any change to any field of any row, or to the order of rows, breaks every hash from there on.
 */
export function chainHash(prev: Buffer, row: AuditFields): Buffer {
  const covered = AUDIT_FIELDS.filter((field) => !ADDED_LATER.has(field) || row[field] !== null);
  return createHash('sha256')
    .update(prev)
    .update(JSON.stringify(covered.map((field) => row[field])))
    .digest();
}
