import type { Db } from './database.ts';
import { hashSecret } from './secrets.ts';
import { table } from './table.ts';

export type TokenKind = 'AuthorizationCode' | 'AccessToken' | 'RefreshToken';

/** A stored code or token. The value itself is never stored: only its hash. */
export interface TokenRecord {
  kind: TokenKind;
  grantId: string;
  clientId: string;
  /** oidc-provider's payload without `jti` (the value). */
  payload: Record<string, unknown>;
  expiresAt: number;
  /** When it was used (ms since the epoch), for single-use kinds. */
  consumedAtMs: number | null;
}

const tokens = table<TokenRecord>('tokens', { kind: 'plain', grantId: 'plain', clientId: 'plain', payload: 'json', expiresAt: 'plain', consumedAtMs: 'plain' });

/** Authorization codes, access tokens and refresh tokens (one table: same shape, same single-use rules). */
export function createTokensRepo(db: Db) {
  const upsert = db.prepare(tokens.upsert('token_hash', ['payload', 'expiresAt'], { token_hash: '@hash' }));
  const find = tokens.prepare<[Buffer, string]>(db, 'WHERE token_hash = ? AND kind = ?');
  const consume = db.prepare<[number, Buffer, string]>(
    'UPDATE tokens SET consumed_at_ms = ? WHERE token_hash = ? AND kind = ? AND consumed_at_ms IS NULL',
  );
  const unconsumedOfGrant = tokens.reader<[string, string], { hash: Buffer }>(
    db.prepare(`SELECT ${tokens.columns}, token_hash AS hash FROM tokens WHERE grant_id = ? AND kind = ? AND consumed_at_ms IS NULL`),
  );
  const removeUnconsumedByHash = db.prepare<[Buffer]>('DELETE FROM tokens WHERE token_hash = ? AND consumed_at_ms IS NULL');
  const consumeByHash = db.prepare<[number, Buffer]>('UPDATE tokens SET consumed_at_ms = ? WHERE token_hash = ? AND consumed_at_ms IS NULL');
  const remove = db.prepare<[Buffer, string]>('DELETE FROM tokens WHERE token_hash = ? AND kind = ?');
  const removeExpired = db.prepare<[number]>('DELETE FROM tokens WHERE expires_at < ?');

  return {
    save(value: string, record: Omit<TokenRecord, 'consumedAtMs'>): void {
      upsert.run(tokens.params({ hash: hashSecret(value), ...record, consumedAtMs: null }));
    },
    find(value: string, kind: TokenKind): TokenRecord | undefined {
      return find.get(hashSecret(value), kind);
    },
    /** Marks a single-use value consumed. False when it was already consumed (or is gone): a replay. */
    consume(value: string, kind: TokenKind, atMs: number): boolean {
      return consume.run(atMs, hashSecret(value), kind).changes === 1;
    },
    /** The grant's codes or tokens of this kind that were never used, with the hash they are stored under. */
    unconsumedOfGrant(grantId: string, kind: TokenKind): (TokenRecord & { hash: Buffer })[] {
      return unconsumedOfGrant.all(grantId, kind);
    },
    /** Marks the value stored under this hash used; false when it already was (or is gone). */
    consumeByHash(hash: Buffer, atMs: number): boolean {
      return consumeByHash.run(atMs, hash).changes === 1;
    },
    /** Deletes the never-used value stored under this hash; false when it was used meanwhile (or is gone). */
    deleteUnconsumedByHash(hash: Buffer): boolean {
      return removeUnconsumedByHash.run(hash).changes === 1;
    },
    delete(value: string, kind: TokenKind): void {
      remove.run(hashSecret(value), kind);
    },
    deleteByGrant: tokens.deleteBy(db, 'grantId'),
    deleteByClient: tokens.deleteBy(db, 'clientId'),
    deleteExpired(before: number): number {
      return removeExpired.run(before).changes;
    },
  };
}
export type TokensRepo = ReturnType<typeof createTokensRepo>;
