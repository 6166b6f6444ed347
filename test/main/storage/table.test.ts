import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { table } from '../../../src/main/storage/table.ts';
import { tempDir } from '../../support/gateway.ts';

interface Task {
  id: string;
  ownerId: string;
  isDone: boolean;
  note: string | null;
  tags: string[];
  extra: Record<string, unknown> | null;
  dueAt: number | null;
}

const tasks = table<Task>('tasks', { id: 'plain', ownerId: 'plain', isDone: 'boolean', note: 'plain', tags: 'json', extra: 'json', dueAt: 'plain' });

const open: Task = { id: 't1', ownerId: 'o1', isDone: false, note: null, tags: [], extra: null, dueAt: null };
const done: Task = { id: 't2', ownerId: 'o1', isDone: true, note: 'filed', tags: ['a', 'b'], extra: { n: 1, nested: [null] }, dueAt: 1_700_000_000 };

describe('table(): a model read and written through its derived columns', () => {
  let dir: string;
  let db: Database.Database;
  beforeEach(() => {
    dir = tempDir();
    db = new Database(join(dir, 'table.sqlite'));
    db.exec(`CREATE TABLE tasks (
      id TEXT PRIMARY KEY, owner_id TEXT NOT NULL, is_done INTEGER NOT NULL CHECK (is_done IN (0, 1)),
      note TEXT, tags TEXT NOT NULL, extra TEXT, due_at INTEGER) STRICT`);
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('round-trips booleans, nulls and JSON: the same keys, in field order, with the same values and types', () => {
    const insert = db.prepare(tasks.insert());
    for (const task of [open, done]) insert.run(tasks.params(task));

    const find = tasks.prepare<[string]>(db, 'WHERE id = ?');
    for (const task of [open, done]) {
      const row = find.get(task.id);
      expect(row).toStrictEqual(task);
      expect(Object.keys(row ?? {})).toEqual(Object.keys(task));
    }
    expect(find.get('t1')?.isDone).toBe(false);
    expect(find.get('t2')?.isDone).toBe(true);
    expect(find.get('t1')?.note).toBeNull();
    expect(find.get('missing')).toBeUndefined();

    // Stored as SQLite has it: 0/1, SQL NULL (not the text 'null'), JSON text.
    const raw = db.prepare('SELECT * FROM tasks ORDER BY id').all();
    expect(raw).toEqual([
      { id: 't1', owner_id: 'o1', is_done: 0, note: null, tags: '[]', extra: null, due_at: null },
      { id: 't2', owner_id: 'o1', is_done: 1, note: 'filed', tags: '["a","b"]', extra: '{"n":1,"nested":[null]}', due_at: 1_700_000_000 },
    ]);
  });

  it('updates, upserts and pages with the same field list', () => {
    db.prepare(tasks.insert()).run(tasks.params(open));
    db.prepare(`UPDATE tasks SET ${tasks.set(['isDone', 'tags'])} WHERE id = @id`).run(tasks.params({ id: 't1', isDone: true, tags: ['x'] }));
    expect(tasks.prepare<[string]>(db, 'WHERE id = ?').get('t1')).toStrictEqual({ ...open, isDone: true, tags: ['x'] });

    // On conflict only the listed fields change.
    const upsert = db.prepare(tasks.upsert('id', tasks.except('id', 'ownerId')));
    upsert.run(tasks.params({ ...done, id: 't1', ownerId: 'someone else' }));
    upsert.run(tasks.params({ ...done, id: 't3' }));
    const all = tasks.prepare(db, 'ORDER BY id').all();
    expect(all).toStrictEqual([{ ...done, id: 't1', ownerId: 'o1' }, { ...done, id: 't3' }]);

    const first = tasks.page(db, { limit: 1 }, { sql: 'WHERE owner_id = ?', params: ['o1'] }, 'id DESC');
    expect(first.items).toStrictEqual([{ ...done, id: 't3' }]);
    const second = tasks.page(db, { limit: 1, cursor: first.nextCursor ?? undefined }, { sql: 'WHERE owner_id = ?', params: ['o1'] }, 'id DESC');
    expect(second).toStrictEqual({ items: [{ ...done, id: 't1', ownerId: 'o1' }], nextCursor: null });
  });

  it('qualifies its columns under an alias, for joins', () => {
    const aliased = table<Task>('tasks', { id: 'plain', ownerId: 'plain', isDone: 'boolean', note: 'plain', tags: 'json', extra: 'json', dueAt: 'plain' }, { alias: 't' });
    db.exec('CREATE TABLE owners (id TEXT PRIMARY KEY, note TEXT) STRICT');
    db.prepare("INSERT INTO owners (id, note) VALUES ('o1', 'the owner''s note')").run();
    db.prepare(aliased.insert()).run(aliased.params(done));
    expect(aliased.select<[string]>(db, 'JOIN owners o ON o.id = t.owner_id WHERE o.id = ?').all('o1')).toStrictEqual([done]);
  });

  it('declares every field, each stored as its type says (checked by the compiler)', () => {
    const declare = () => [
      // @ts-expect-error isDone is a boolean: stored as 0/1, not as it is.
      table<Task>('tasks', { id: 'plain', ownerId: 'plain', isDone: 'plain', note: 'plain', tags: 'json', extra: 'json', dueAt: 'plain' }),
      // @ts-expect-error dueAt is missing.
      table<Task>('tasks', { id: 'plain', ownerId: 'plain', isDone: 'boolean', note: 'plain', tags: 'json', extra: 'json' }),
    ];
    expect(declare).toBeTypeOf('function');
  });
});
