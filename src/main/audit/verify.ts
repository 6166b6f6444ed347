import type { ChainReport } from '../../shared/control-api.ts';
import type { AuditRepo, AuditRow } from '../storage/audit-repo.ts';
import { chainHash, GENESIS } from './chain.ts';


const BATCH = 5000;

/** Why a row does not follow from the previous hash and id, or null when it does. */
function breakIn(row: AuditRow, expectedId: number, prev: Buffer): string | null {
  if (row.id !== expectedId) return `row ${expectedId} is missing (the next row is ${row.id})`;
  if (!row.prevHash.equals(prev)) return 'its link to the previous row does not match that row';
  if (!chainHash(prev, row).equals(row.hash)) return 'its content does not match its hash (the row was changed)';
  return null;
}

/**
 * Walks the chain from its start (or from the last prune checkpoint) and reports the first row whose id,
 * link to the previous row, or content does not check out. Works in batches and yields between them, so a
 * running gateway keeps answering while a long log is verified.
 */
export async function verifyChain(repo: AuditRepo): Promise<ChainReport> {
  const checkpoint = repo.checkpoint();
  let expectedId = (checkpoint?.prunedThrough ?? 0) + 1;
  let prev = checkpoint?.hash ?? GENESIS;
  const from = expectedId;
  for (;;) {
    const batch = repo.batch({}, expectedId - 1, BATCH);
    if (batch.length === 0) break;
    for (const row of batch) {
      const reason = breakIn(row, expectedId, prev);
      if (reason) return { ok: false, rows: expectedId - from, brokenAt: row.id, reason };
      prev = row.hash;
      expectedId++;
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
  const rows = expectedId - from;
  return { ok: true, rows, from: rows ? from : null, to: rows ? expectedId - 1 : null };
}
