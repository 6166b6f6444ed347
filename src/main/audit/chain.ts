import { createHash } from 'node:crypto';

/** The fields of an audit row that its hash covers: everything but the hashes themselves. */
export interface ChainedFields {
  id: number;
  tsMs: number;
  kind: string;
  endpoint: string;
  tool: string | null;
  clientId: string | null;
  clientName: string | null;
  grantId: string | null;
  actor: string | null;
  args: string;
  argsTruncated: boolean;
  status: string;
  reason: string | null;
  httpStatus: number | null;
  durationMs: number;
}

/** The chain's start: 32 zero bytes. */
export const GENESIS = Buffer.alloc(32);

/**
 * SHA-256 over the previous hash and the row, in a fixed field order (a JSON array, so no field can run into
 * the next). Any change to any field of any row, or to the order of rows, breaks every hash from there on.
 */
export function chainHash(prev: Buffer, row: ChainedFields): Buffer {
  const canonical = JSON.stringify([
    row.id,
    row.tsMs,
    row.kind,
    row.endpoint,
    row.tool,
    row.clientId,
    row.clientName,
    row.grantId,
    row.actor,
    row.args,
    row.argsTruncated,
    row.status,
    row.reason,
    row.httpStatus,
    row.durationMs,
  ]);
  return createHash('sha256').update(prev).update(canonical).digest();
}
