import { join } from 'node:path';
import { setImmediate as nextTask } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { createAuditLog } from '../../../src/main/audit/audit-log.ts';
import { TEXT_BATCH_ROWS } from '../../../src/main/storage/audit-repo.ts';
import { createStorage, type Storage } from '../../../src/main/storage/index.ts';
import { tempDir } from '../../support/gateway.ts';

// New audit rows reach the full-text index in small batches as they are written, not all at once every 5 s (which
// held a busy gateway's event loop 20–250 ms): measured in docs/performance.md.

function record(storage: Storage, rows: number): void {
  const audit = createAuditLog(storage, () => Date.parse('2026-12-01T10:00:00Z'));
  storage.transaction(() => {
    for (let i = 0; i < rows; i++) {
      audit.record({ kind: 'mcp', endpoint: 'tools/call', tool: 'list_classes', clientId: 'cli_a', clientName: 'Agent', args: { note: 'pilates' }, status: 'ok', durationMs: 1 });
    }
  });
}

const indexed = (storage: Storage) => (storage.db.prepare("SELECT count(*) AS n FROM audit_fts WHERE audit_fts MATCH 'pilates'").get() as { n: number }).n;

describe('full-text indexing of new audit rows', () => {
  it('indexes a batch once TEXT_BATCH_ROWS rows were written, right after the transaction that wrote them', async () => {
    const storage = createStorage(join(tempDir(), 'fts.sqlite'));
    try {
      record(storage, TEXT_BATCH_ROWS - 1);
      await nextTask();
      expect(indexed(storage)).toBe(0); // fewer than a batch: left to the timer or the next search
      record(storage, 1);
      expect(indexed(storage)).toBe(0); // never inside the task (nor the transaction) that wrote them
      await nextTask();
      expect(indexed(storage)).toBe(TEXT_BATCH_ROWS);
      record(storage, TEXT_BATCH_ROWS - 1);
      await nextTask();
      expect(indexed(storage)).toBe(TEXT_BATCH_ROWS); // the count started over with the batch
      expect(storage.audit.indexPendingText()).toBe(TEXT_BATCH_ROWS - 1);
      expect(indexed(storage)).toBe(2 * TEXT_BATCH_ROWS - 1);
    } finally {
      storage.close();
    }
  });

  it('lets a batch due after the storage closed go quietly: the rows are indexed on the next start', async () => {
    const file = join(tempDir(), 'fts.sqlite');
    const storage = createStorage(file);
    record(storage, TEXT_BATCH_ROWS);
    storage.close();
    await nextTask(); // an uncaught error here would fail the test run
    const reopened = createStorage(file);
    try {
      expect(indexed(reopened)).toBe(0);
      expect(reopened.audit.indexPendingText()).toBe(TEXT_BATCH_ROWS);
      expect(indexed(reopened)).toBe(TEXT_BATCH_ROWS);
    } finally {
      reopened.close();
    }
  });
});
