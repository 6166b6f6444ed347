import type { AuditFields } from '../../shared/audit-row.ts';
import { systemClock } from '../../shared/clock.ts';
import type { AuditRepo, AuditRow } from '../storage/audit-repo.ts';
import type { Storage } from '../storage/index.ts';
import { chainHash, GENESIS } from './chain.ts';
import { redactArgs } from './redact.ts';

type Optional<K extends keyof AuditFields> = { [P in K]?: AuditFields[P] | undefined };

/** What a caller knows about a request it wants on the record; the writer adds id, time, hashes. */
export type AuditEntry = Pick<AuditFields, 'kind' | 'endpoint' | 'status' | 'durationMs'> &
  Optional<'tool' | 'clientId' | 'clientName' | 'grantId' | 'actor' | 'reason' | 'httpStatus' | 'summary'> & {
    /** Arguments as received: redacted and truncated here, before anything is written. */
    args?: unknown;
    /** Argument names whose values must never be written (a tool's sensitive fields). */
    sensitive?: readonly string[] | undefined;
  };

/**
 * The audit log's writer. Each row is chained to the one before it (read back from the database each time,
 * so a rolled-back transaction never leaves a gap in the chain). `record` runs inside the caller's
 * transaction when there is one, so a change and the row describing it commit together.
 */
export function createAuditLog(storage: Storage, clock: () => number = systemClock.nowMs) {
  const repo: AuditRepo = storage.audit;

  function record(entry: AuditEntry): AuditRow {
    return storage.transaction(() => {
      const previous = repo.last() ?? (() => {
        const cp = repo.checkpoint();
        return cp ? { id: cp.prunedThrough, hash: cp.hash, tsMs: 0 } : { id: 0, hash: GENESIS, tsMs: 0 };
      })();
      const args = redactArgs(entry.args, entry.sensitive);
      const fields: AuditFields = {
        id: previous.id + 1,
        // Never before the previous row, even if the system clock steps back: time order is id order.
        tsMs: Math.max(clock(), previous.tsMs),
        kind: entry.kind,
        endpoint: entry.endpoint,
        tool: entry.tool ?? null,
        clientId: entry.clientId ?? null,
        clientName: entry.clientName ?? null,
        grantId: entry.grantId ?? null,
        actor: entry.actor ?? null,
        args: args.json,
        argsTruncated: args.truncated,
        status: entry.status,
        reason: entry.reason === undefined || entry.reason === null ? null : entry.reason.slice(0, 500),
        httpStatus: entry.httpStatus ?? null,
        durationMs: Math.round(entry.durationMs * 1000) / 1000,
        summary: entry.summary === undefined || entry.summary === null ? null : entry.summary.slice(0, 300),
      };
      const row: AuditRow = { ...fields, prevHash: previous.hash, hash: chainHash(previous.hash, fields) };
      repo.insert(row);
      return row;
    });
  }

  return { record };
}

/** Where every request is written: the chained log above, or (in benchmarks only) a stand-in. */
export interface AuditLog {
  record(entry: AuditEntry): unknown;
}
