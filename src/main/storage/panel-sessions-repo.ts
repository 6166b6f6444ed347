import type { PanelPublicJwk } from '../../shared/panel-auth.ts';
import type { Db } from './database.ts';
import { table } from './table.ts';

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

const sessions = table<PanelSession>('panel_sessions', { id: 'plain', publicKey: 'json', browser: 'plain', createdAt: 'plain', lastUsedAt: 'plain', expiresAt: 'plain' });

export function createPanelSessionsRepo(db: Db) {
  const touch = db.prepare<[number, string]>('UPDATE panel_sessions SET last_used_at = max(last_used_at, ?) WHERE id = ?');
  const remove = sessions.deleteBy(db, 'id');
  const removeAll = db.prepare('DELETE FROM panel_sessions');

  return {
    add: sessions.inserter(db),
    find: sessions.findBy(db, 'id'),
    list: sessions.orderedBy(db, 'last_used_at DESC, id'),
    touch(id: string, at: number): void {
      touch.run(at, id);
    },
    delete: (id: string): boolean => remove(id) === 1,
    deleteAll(): number {
      return removeAll.run().changes;
    },
  };
}
export type PanelSessionsRepo = ReturnType<typeof createPanelSessionsRepo>;
