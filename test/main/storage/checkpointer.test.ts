import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createStorage } from '../../../src/main/storage/index.ts';
import { tempDir } from '../../support/gateway.ts';

async function until(condition: () => boolean, ms = 5000): Promise<void> {
  const end = performance.now() + ms;
  while (!condition()) {
    if (performance.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('WAL checkpoints in a thread of their own', () => {
  it('starts once the WAL grows; the serving connection never checkpoints, the thread moves committed pages into the file', async () => {
    const file = join(tempDir(), 'cp.sqlite');
    const storage = createStorage(file);
    try {
      storage.checkpointInBackground(
        (err) => {
          throw err;
        },
        { everyMs: 20 },
      );
      expect(storage.db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
      storage.db.exec('CREATE TABLE t (b BLOB NOT NULL) STRICT');
      const insert = storage.db.prepare('INSERT INTO t (b) VALUES (randomblob(4000))');
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(storage.checkpoints()).toBeUndefined(); // at rest: no thread
      const before = statSync(file).size;
      storage.transaction(() => {
        for (let i = 0; i < 1500; i++) insert.run();
      });
      // 6 MB committed into the WAL, none of it in the file yet; the thread starts and copies it there.
      expect(statSync(`${file}-wal`).size).toBeGreaterThan(6_000_000);
      expect(statSync(file).size).toBe(before);
      await until(() => statSync(file).size > before + 6_000_000 && (storage.checkpoints()?.checkpoints ?? 0) > 0);
      expect(storage.checkpoints()?.failures).toBe(0);
    } finally {
      storage.close();
    }
    // Stopped with the storage; the last connection's close folded and removed the WAL.
    expect(existsSync(`${file}-wal`)).toBe(false);
    const reopened = createStorage(file);
    try {
      expect(reopened.db.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 1500 });
    } finally {
      reopened.close();
    }
  });
});
