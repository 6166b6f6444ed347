import { createHash } from 'node:crypto';
import { AUDIT_FIELDS, type AuditFields } from '../../shared/audit-row.ts';

/** The chain's start: 32 zero bytes. */
export const GENESIS = Buffer.alloc(32);

/**
 * SHA-256 over the previous hash and the row, in AUDIT_FIELDS order (a JSON array, so no field can run into the
 * next). Any change to any field of any row, or to the order of rows, breaks every hash from there on.
 */
export function chainHash(prev: Buffer, row: AuditFields): Buffer {
  return createHash('sha256')
    .update(prev)
    .update(JSON.stringify(AUDIT_FIELDS.map((field) => row[field])))
    .digest();
}
