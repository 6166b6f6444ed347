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
      // Watched over the next three restarts (20 s at most): each time the log's file shrinks (a restart's first write
      // started the log over), what it was cut back to, and from then on the largest it grew to and the most rows
      // written between two cut-backs.
      const restartsBefore = storage.checkpoints()?.restarts ?? 0;
      const restartsWatched = () => (storage.checkpoints()?.restarts ?? 0) - restartsBefore;
      const cutBackTo: number[] = [];
      let previous = statSync(`${file}-wal`).size;
      let largest = 0;
      let rowsSinceCut = 0;
      let mostRowsBetweenCuts = 0;
      const end = performance.now() + 20_000;
      while (restartsWatched() < 3 && performance.now() < end) {
        await turn();
        rowsSinceCut += 20;
        const size = statSync(`${file}-wal`).size;
        if (size < previous) {
          cutBackTo.push(size);
          mostRowsBetweenCuts = Math.max(mostRowsBetweenCuts, rowsSinceCut);
          rowsSinceCut = 0;
        } else if (cutBackTo.length > 0) largest = Math.max(largest, size);
        previous = size;
      }
      mostRowsBetweenCuts = Math.max(mostRowsBetweenCuts, rowsSinceCut);
      // Without the restarts the log holds every frame written (~500 MB in 3 s on a quiet machine) and never shrinks.
      // With them it starts over after every restart (the last one may not have had its first write yet), each time
      // truncated back to its limit, and never holds more than its limit and what was written since the last start.
      // How often that happens depends on how fast the machine copies pages (a restart follows a whole pass of the
      // thread: ~0.4 s here, longer on a loaded machine), so the log's size is held against what was written between
      // two starts, not against a number of bytes. (A commit of 20 rows of 2000 bytes writes about 10 leaf pages and
      // an interior one, each a 4 KiB page with a 24-byte frame header: one frame per row is a generous bound.)
      expect(restartsWatched()).toBeGreaterThanOrEqual(3);
      expect(cutBackTo.length).toBeGreaterThanOrEqual(2);
      for (const size of cutBackTo) expect(size).toBeLessThanOrEqual(limit + 2 ** 20);
      expect(largest).toBeLessThan(limit + mostRowsBetweenCuts * (4096 + 24));
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
