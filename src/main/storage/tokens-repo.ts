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

/** What the bearer check reads of an access token on every request (TokensRepo.accessTokenStanding). */
export interface AccessTokenStanding {
  payload: string;
  grantId: string | null;
  grantClientId: string | null;
  grantExpiresAt: number | null;
  /** The grant's stored payload (JSON text): what it allows now, which a token never outgrows. */
  grantPayload: string | null;
  clientId: string | null;
  clientName: string | null;
  origin: string | null;
}

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
  const ofGrant = tokens.reader<[string], { hash: Buffer }>(db.prepare(`SELECT ${tokens.columns}, token_hash AS hash FROM tokens WHERE grant_id = ?`));
  const setPayload = db.prepare<[string, Buffer]>('UPDATE tokens SET payload = ? WHERE token_hash = ?');
  const removeUnconsumedByHash = db.prepare<[Buffer]>('DELETE FROM tokens WHERE token_hash = ? AND consumed_at_ms IS NULL');
  const consumeByHash = db.prepare<[number, Buffer]>('UPDATE tokens SET consumed_at_ms = ? WHERE token_hash = ? AND consumed_at_ms IS NULL');
  const remove = db.prepare<[Buffer, string]>('DELETE FROM tokens WHERE token_hash = ? AND kind = ?');
  const removeExpired = db.prepare<[number]>('DELETE FROM tokens WHERE expires_at < ?');
  // Scalar subqueries, not joins: SQLite prepares a join with a bound parameter again at every run (it plans with the
  // parameter's value), which cost more than the three lookups themselves.
  const accessStanding = db.prepare<[Buffer], AccessTokenStanding>(
    `SELECT t.payload AS payload,
            (SELECT g.grant_id FROM grants g WHERE g.grant_id = t.grant_id) AS grantId,
            (SELECT g.client_id FROM grants g WHERE g.grant_id = t.grant_id) AS grantClientId,
            (SELECT g.expires_at FROM grants g WHERE g.grant_id = t.grant_id) AS grantExpiresAt,
            (SELECT g.payload FROM grants g WHERE g.grant_id = t.grant_id) AS grantPayload,
            (SELECT c.client_id FROM clients c WHERE c.client_id = t.client_id) AS clientId,
            (SELECT c.client_name FROM clients c WHERE c.client_id = t.client_id) AS clientName,
            (SELECT c.origin FROM clients c WHERE c.client_id = t.client_id) AS origin
     FROM tokens t WHERE t.token_hash = ? AND t.kind = 'AccessToken'`,
  );
  const accessChanges = db.prepare<[], number>('SELECT count FROM access_changes WHERE id = 1').pluck();

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
    /** Every code and token issued under the grant, with the hash it is stored under. */
    ofGrant(grantId: string): (TokenRecord & { hash: Buffer })[] {
      return ofGrant.all(grantId);
    },
    /** Replaces the payload stored under this hash (an owner's edit of the grant's permissions reaches its tokens). */
    setPayloadByHash(hash: Buffer, payload: Record<string, unknown>): void {
      setPayload.run(JSON.stringify(payload), hash);
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
    /**
     * An access token as it stands now, by hash, in one read: its stored payload (as text, to compare with what was
     * checked before) and its grant's and client's rows as the bearer check needs them (null where they are gone).
     */
    accessTokenStanding(hash: Buffer): AccessTokenStanding | undefined {
      return accessStanding.get(hash);
    },
    /**
     * How many times an access token, a grant or a client has changed (migration 0011's triggers count every change,
     * from any connection): while it stays the same, so does every access token's standing.
     */
    accessChanges(): number {
      return accessChanges.get() ?? 0;
    },
    deleteExpired(before: number): number {
      return removeExpired.run(before).changes;
    },
  };
}
export type TokensRepo = ReturnType<typeof createTokensRepo>;
