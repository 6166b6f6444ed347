import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStorage, type Storage } from '../../../src/main/storage/index.ts';
import { tempDir } from '../../support/gateway.ts';

let storage: Storage;
let file: string;
/** A second connection: it sees what is committed, and nothing else. */
let other: Database.Database;

beforeEach(() => {
  file = join(tempDir(), 'group.sqlite');
  storage = createStorage(file);
  storage.db.exec('CREATE TABLE t (v TEXT NOT NULL UNIQUE) STRICT');
  other = new Database(file, { readonly: true });
});
afterEach(() => {
  other.close();
  storage.close();
});

const committed = () => other.prepare<[], { v: string }>('SELECT v FROM t ORDER BY v').all().map((r) => r.v);
const insert = (v: string) => () => storage.db.prepare('INSERT INTO t (v) VALUES (?)').run(v).changes;

describe('group commit', () => {
  it('commits the writes submitted together in one transaction, each promise settling only once it is committed', async () => {
    const a = storage.group.submit(insert('a'));
    const b = storage.group.submit(insert('b'));
    // Nothing runs, and no transaction is open, until the group's turn: no one else's write can land in it.
    expect(storage.db.inTransaction).toBe(false);
    expect(committed()).toEqual([]);
    let seenWhenSettled: string[] = [];
    await a.then(() => (seenWhenSettled = committed()));
    expect(seenWhenSettled).toEqual(['a', 'b']);
    expect(await b).toBe(1);
    expect(storage.group.stats()).toEqual({ groups: 1, writes: 2 });
    expect(storage.db.inTransaction).toBe(false);
  });

  it('undoes a write that throws, alone: the others of its group are committed, and it rejects with its own error', async () => {
    storage.db.exec("INSERT INTO t (v) VALUES ('taken')");
    const results = await Promise.allSettled([
      storage.group.submit(insert('first')),
      storage.group.submit(() => {
        insert('half done')();
        return insert('taken')(); // UNIQUE: throws after a write of its own
      }),
      storage.group.submit(insert('last')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(String((results[1] as PromiseRejectedResult).reason)).toMatch(/UNIQUE/);
    expect(committed()).toEqual(['first', 'last', 'taken']);
  });

  it('rejects every write of a group that cannot be committed, and writes none of them', async () => {
    storage.db.pragma('busy_timeout = 20');
    const writer = new Database(file);
    writer.exec('BEGIN IMMEDIATE'); // another writer holds the database
    try {
      const results = await Promise.allSettled([storage.group.submit(insert('x')), storage.group.submit(insert('y'))]);
      expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
      expect(String((results[0] as PromiseRejectedResult).reason)).toMatch(/locked|busy/i);
    } finally {
      writer.exec('ROLLBACK');
      writer.close();
    }
    expect(storage.db.inTransaction).toBe(false);
    await storage.group.submit(insert('z'));
    expect(committed()).toEqual(['z']);
  });

  it('runs a group after the transaction it was flushed from, never inside it', async () => {
    const done = storage.group.submit(insert('later'));
    storage.transaction(() => {
      insert('now')();
      storage.group.flush(); // from inside someone's transaction: waits for its own turn
    });
    expect(committed()).toEqual(['now']);
    await done;
    expect(committed()).toEqual(['later', 'now']);
  });

  it('commits what is waiting when the storage closes', async () => {
    const done = storage.group.submit(insert('closing'));
    storage.close();
    await done;
    expect(committed()).toEqual(['closing']);
  });
});

describe('storage.transaction', () => {
  it('commits all or nothing, and nests as a savepoint that is undone alone', () => {
    expect(() =>
      storage.transaction(() => {
        insert('outer')();
        throw new Error('no');
      }),
    ).toThrow('no');
    expect(committed()).toEqual([]);
    storage.transaction(() => {
      insert('kept')();
      expect(() =>
        storage.transaction(() => {
          insert('inner')();
          throw new Error('inner fails');
        }),
      ).toThrow('inner fails');
    });
    expect(committed()).toEqual(['kept']);
    expect(() => storage.transaction(() => Promise.resolve(1))).toThrow(/promise/);
    expect(storage.db.inTransaction).toBe(false);
  });
});
