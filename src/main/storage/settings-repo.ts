import type { Db } from './database.ts';

/** Key → JSON value store for gateway settings (port, tier, pause switch…). */
export function createSettingsRepo(db: Db) {
  const get = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?');
  const put = db.prepare<[string, string]>(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );
  /**
   * The stored text of keys read outside any transaction (so committed), until this repository writes them: some are
   * read on every tool call (approvals.ts). Null when the key has no row. Reads inside a transaction are not kept: it
   * may yet roll back.
   */
  const committed = new Map<string, string | null>();
  return {
    get<T>(key: string, fallback: T): T {
      let text = committed.get(key);
      if (text === undefined) {
        text = get.get(key)?.value ?? null;
        if (!db.inTransaction) committed.set(key, text);
      }
      return text === null ? fallback : (JSON.parse(text) as T);
    },
    set(key: string, value: unknown): void {
      committed.delete(key);
      put.run(key, JSON.stringify(value));
    },
  };
}
export type SettingsRepo = ReturnType<typeof createSettingsRepo>;
