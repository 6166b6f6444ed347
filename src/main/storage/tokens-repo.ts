import type { Db } from './database.ts';
import { hashSecret } from './secrets.ts';

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

interface TokenRow {
  kind: TokenKind;
  grant_id: string;
  client_id: string;
  payload: string;
  expires_at: number;
  consumed_at_ms: number | null;
}

const toRecord = (row: TokenRow): TokenRecord => ({
  kind: row.kind,
  grantId: row.grant_id,
  clientId: row.client_id,
  payload: JSON.parse(row.payload) as Record<string, unknown>,
  expiresAt: row.expires_at,
  consumedAtMs: row.consumed_at_ms,
});

/** Authorization codes, access tokens and refresh tokens (one table: same shape, same single-use rules). */
export function createTokensRepo(db: Db) {
  const upsert = db.prepare(
    `INSERT INTO tokens (token_hash, kind, grant_id, client_id, payload, expires_at)
     VALUES (@hash, @kind, @grantId, @clientId, @payload, @expiresAt)
     ON CONFLICT (token_hash) DO UPDATE SET payload = excluded.payload, expires_at = excluded.expires_at`,
  );
  const find = db.prepare<[Buffer, string], TokenRow>('SELECT * FROM tokens WHERE token_hash = ? AND kind = ?');
  const consume = db.prepare<[number, Buffer, string]>(
    'UPDATE tokens SET consumed_at_ms = ? WHERE token_hash = ? AND kind = ? AND consumed_at_ms IS NULL',
  );
  const unconsumedOfGrant = db.prepare<[string, string], TokenRow & { token_hash: Buffer }>(
    'SELECT * FROM tokens WHERE grant_id = ? AND kind = ? AND consumed_at_ms IS NULL',
  );
  const removeUnconsumedByHash = db.prepare<[Buffer]>('DELETE FROM tokens WHERE token_hash = ? AND consumed_at_ms IS NULL');
  const consumeByHash = db.prepare<[number, Buffer]>('UPDATE tokens SET consumed_at_ms = ? WHERE token_hash = ? AND consumed_at_ms IS NULL');
  const remove = db.prepare<[Buffer, string]>('DELETE FROM tokens WHERE token_hash = ? AND kind = ?');
  const removeByGrant = db.prepare<[string]>('DELETE FROM tokens WHERE grant_id = ?');
  const removeByClient = db.prepare<[string]>('DELETE FROM tokens WHERE client_id = ?');
  const removeExpired = db.prepare<[number]>('DELETE FROM tokens WHERE expires_at < ?');

  return {
    save(value: string, record: Omit<TokenRecord, 'consumedAtMs'>): void {
      upsert.run({ hash: hashSecret(value), ...record, payload: JSON.stringify(record.payload) });
    },
    find(value: string, kind: TokenKind): TokenRecord | undefined {
      const row = find.get(hashSecret(value), kind);
      return row && toRecord(row);
    },
    /** Marks a single-use value consumed. False when it was already consumed (or is gone): a replay. */
    consume(value: string, kind: TokenKind, atMs: number): boolean {
      return consume.run(atMs, hashSecret(value), kind).changes === 1;
    },
    /** The grant's codes or tokens of this kind that were never used, with the hash they are stored under. */
    unconsumedOfGrant(grantId: string, kind: TokenKind): (TokenRecord & { hash: Buffer })[] {
      return unconsumedOfGrant.all(grantId, kind).map((row) => ({ ...toRecord(row), hash: row.token_hash }));
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
    deleteByGrant(grantId: string): number {
      return removeByGrant.run(grantId).changes;
    },
    deleteByClient(clientId: string): number {
      return removeByClient.run(clientId).changes;
    },
    deleteExpired(before: number): number {
      return removeExpired.run(before).changes;
    },
  };
}
export type TokensRepo = ReturnType<typeof createTokensRepo>;
