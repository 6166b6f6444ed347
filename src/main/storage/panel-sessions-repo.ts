import type { PanelPublicJwk } from '../../shared/panel-auth.ts';
import type { Db } from './database.ts';

/** A browser signed in to the web control panel. Times in seconds. */
export interface PanelSession {
  /** The keyid of its request signatures; not a secret (a request without the browser's private key is refused). */
  id: string;
  /** The P-256 public key (JWK) its requests are verified with. */
  publicKey: PanelPublicJwk;
  /** "Chrome 131 on macOS": how the owner recognises it in Settings. */
  browser: string;
  createdAt: number;
  lastUsedAt: number;
  /** The absolute end, however active the session is. */
  expiresAt: number;
}

interface PanelSessionRow {
  id: string;
  public_key: string;
  browser: string;
  created_at: number;
  last_used_at: number;
  expires_at: number;
}

const toModel = (row: PanelSessionRow): PanelSession => ({
  id: row.id,
  publicKey: JSON.parse(row.public_key) as PanelPublicJwk,
  browser: row.browser,
  createdAt: row.created_at,
  lastUsedAt: row.last_used_at,
  expiresAt: row.expires_at,
});

export function createPanelSessionsRepo(db: Db) {
  const insert = db.prepare<[string, string, string, number, number, number]>(
    'INSERT INTO panel_sessions (id, public_key, browser, created_at, last_used_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const find = db.prepare<[string], PanelSessionRow>('SELECT * FROM panel_sessions WHERE id = ?');
  const all = db.prepare<[], PanelSessionRow>('SELECT * FROM panel_sessions ORDER BY last_used_at DESC, id');
  const touch = db.prepare<[number, string]>('UPDATE panel_sessions SET last_used_at = max(last_used_at, ?) WHERE id = ?');
  const remove = db.prepare<[string]>('DELETE FROM panel_sessions WHERE id = ?');
  const removeAll = db.prepare('DELETE FROM panel_sessions');

  return {
    add(session: PanelSession): void {
      insert.run(session.id, JSON.stringify(session.publicKey), session.browser, session.createdAt, session.lastUsedAt, session.expiresAt);
    },
    find(id: string): PanelSession | undefined {
      const row = find.get(id);
      return row ? toModel(row) : undefined;
    },
    list(): PanelSession[] {
      return all.all().map(toModel);
    },
    touch(id: string, at: number): void {
      touch.run(at, id);
    },
    delete(id: string): boolean {
      return remove.run(id).changes === 1;
    },
    deleteAll(): number {
      return removeAll.run().changes;
    },
  };
}
export type PanelSessionsRepo = ReturnType<typeof createPanelSessionsRepo>;
