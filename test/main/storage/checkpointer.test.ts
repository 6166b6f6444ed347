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

describe('the WAL under writes that never pause', () => {
  it('starts over once past its limit, cut back to it, with every row kept', async () => {
    const file = join(tempDir(), 'busy.sqlite');
    const storage = createStorage(file);
    const limit = 2 * 2 ** 20;
    let written = 0;
    try {
      storage.checkpointInBackground(
        (err) => {
          throw err;
        },
        { everyMs: 10, walLimitBytes: limit },
      );
      storage.db.exec('CREATE TABLE t (b BLOB NOT NULL) STRICT');
      const insert = storage.db.prepare('INSERT INTO t (b) VALUES (randomblob(2000))');
      // A commit every turn of the event loop, as a loaded gateway makes them: a PASSIVE checkpoint never finds the
      // log's last frame copied, so only the thread's RESTART pass lets the log start over.
      const turn = async () => {
        storage.transaction(() => {
          for (let i = 0; i < 20; i++) insert.run();
        });
        written += 20;
        await new Promise((resolve) => setImmediate(resolve));
      };
      // The thread starts once the log passed 4 MiB (as in a gateway; on a busy machine that takes a while), its
      // first pass copies what was written meanwhile, and its first restart cuts the log back: only then is the log's
      // size watched, for 2 s.
      const deadline = performance.now() + 30_000;
      while ((storage.checkpoints()?.restarts ?? 0) === 0 && performance.now() < deadline) await turn();
      await turn();
      const watchedFrom = written;
      let largest = 0;
      let previous = statSync(`${file}-wal`).size;
      const cutBackTo: number[] = [];
      const end = performance.now() + 2000;
      while (performance.now() < end) {
        await turn();
        const size = statSync(`${file}-wal`).size;
        if (size < previous) cutBackTo.push(size);
        largest = Math.max(largest, size);
        previous = size;
      }
      // Without the restarts the log holds every frame written (~500 MB in 3 s on a quiet machine, never smaller). With
      // it, the log starts over again and again, each time truncated back to its limit (and the commit that started
      // it over); between two starts it grows by what the turns until the next check add — how much depends on the
      // machine's speed, so the peak is held against what the window wrote, not against a number of bytes.
      const windowBytes = (written - watchedFrom) * 2000;
      expect(windowBytes).toBeGreaterThan(4 * limit);
      expect(cutBackTo.length).toBeGreaterThanOrEqual(2);
      expect(Math.min(...cutBackTo)).toBeLessThanOrEqual(limit + 2 ** 20);
      expect(largest).toBeLessThan(Math.max(4 * limit, windowBytes / 2));
      expect(storage.checkpoints()?.failures).toBe(0);
      expect(storage.checkpoints()?.restarts).toBeGreaterThanOrEqual(cutBackTo.length);
    } finally {
      storage.close();
    }
    const reopened = createStorage(file);
    try {
      expect(reopened.db.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: written });
    } finally {
      reopened.close();
    }
  }, 60_000);
});
