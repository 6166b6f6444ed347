import type { Storage } from '../storage/index.ts';

const SETTING = 'audit.retentionDays';

/** Owner-set retention in days; null (the default) keeps every row forever. */
export function retentionDays(storage: Storage): number | null {
  return storage.settings.get<number | null>(SETTING, null);
}

export function setRetentionDays(storage: Storage, days: number | null): void {
  storage.settings.set(SETTING, days);
}

/**
 * Prunes rows older than the retention period, in one transaction that also records where the chain
 * resumes (the last pruned row's id and hash), so `audit verify` still checks everything that is left.
 */
export function pruneAudit(storage: Storage, nowMs: number): number {
  const days = retentionDays(storage);
  if (days === null) return 0;
  return storage.transaction(() => storage.audit.prune(nowMs - days * 86_400_000, nowMs));
}
