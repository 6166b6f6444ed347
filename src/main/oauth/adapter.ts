import { AsyncLocalStorage } from 'node:async_hooks';
import { errors, type Adapter, type AdapterFactory, type AdapterPayload } from 'oidc-provider';
import { LIMITS } from '../limits.ts';
import type { Storage } from '../storage/index.ts';
import { epochSeconds, type Clock } from '../../shared/clock.ts';
import { hashSecret } from '../storage/secrets.ts';
import type { TokenKind, TokenRecord } from '../storage/tokens-repo.ts';
import { clientIdUrlProblem, isUrlClientId, metadataDocumentDomain } from './client-id-url.ts';
import { EphemeralStore, EphemeralStoreFullError } from './ephemeral-store.ts';
import { LIFETIMES } from './lifetimes.ts';

type Payload = AdapterPayload & Record<string, unknown>;

/** Removes the value itself (`jti`) from what gets stored: the value is the secret. */
function withoutValue(payload: Payload): Record<string, unknown> {
  const { jti: _value, ...rest } = payload;
  return rest;
}

function expiry(payload: Payload, expiresIn: number | undefined, clock: Clock): number {
  if (typeof payload.exp === 'number') return payload.exp;
  return epochSeconds(clock) + (expiresIn ?? 0);
}

/** The writes one OAuth request made of its codes and tokens, kept for the commit that precedes its answer. */
export interface RequestWrites {
  /** Run, in order, inside the transaction that also writes the request's audit row. */
  readonly writes: (() => void)[];
  /** Run once that transaction is over, committed or not (rotations under way are let go). */
  readonly settled: (() => void)[];
}

const requestWrites = new AsyncLocalStorage<RequestWrites>();

/**
 * Runs one OAuth request's handling (oidc-provider's) with its code and token writes kept aside instead of made at
 * once: nobody can read them before the request is answered, and the caller commits them in one transaction with the
 * request's audit row before the answer leaves (oauth/audit-middleware.ts) — one commit per request, shared with the
 * other requests in progress (storage/group-commit.ts), where each save was a commit of its own. What must be decided
 * at once is still decided at once: a code's single use (consume), and which of two requests racing with one refresh
 * token wins (TokenAdapter.#beginRotation).
 */
export async function withRequestWrites(handle: () => Promise<void>): Promise<RequestWrites> {
  const scope: RequestWrites = { writes: [], settled: [] };
  try {
    await requestWrites.run(scope, handle);
  } catch (err) {
    for (const settle of scope.settled) settle();
    throw err;
  }
  return scope;
}

/**
 * What oidc-provider asks of every model's adapter, answered for a model that has none of it: nothing to consume,
 * nothing issued under a grant to revoke, no lookup by uid or user code. Each adapter overrides what its model has.
 */
abstract class ModelAdapter implements Adapter {
  abstract upsert(id: string, payload: Payload, expiresIn?: number): Promise<void>;
  abstract find(id: string): Promise<Payload | undefined>;
  abstract destroy(id: string): Promise<void>;

  async consume(_id: string): Promise<void> {}
  async revokeByGrantId(_grantId: string): Promise<void> {}
  async findByUid(_uid: string): Promise<Payload | undefined> {
    return undefined;
  }
  async findByUserCode(_userCode: string): Promise<Payload | undefined> {
    return undefined;
  }
}

/** A model kept in SQLite. */
abstract class StoredAdapter extends ModelAdapter {
  protected readonly storage: Storage;
  protected readonly clock: Clock;

  constructor(storage: Storage, clock: Clock) {
    super();
    this.storage = storage;
    this.clock = clock;
  }
}

/** Authorization codes, access and refresh tokens: SQLite, keyed by hash, consumed atomically. */
class TokenAdapter extends StoredAdapter {
  readonly #kind: TokenKind;
  /** When this process started: a token rotated before it was rotated by a process that may have died answering. */
  readonly #startedAtMs: number;
  /** Refresh tokens found to be a retry (see #unusedSuccessor), by hash: the successor consume() retires. */
  readonly #retries = new Map<string, Buffer>();
  /**
   * Rotations under way, by grant and the successor's rotation count: what the successor's save must consume (or
   * retire) in the same transaction. A queue, so two requests racing with one token each get their own entry.
   */
  readonly #rotations = new Map<string, { consume?: Buffer; retire?: Buffer; atMs: number }[]>();
  /**
   * Refresh tokens (by hash) whose rotation a request in progress has decided and not yet committed: a second
   * request with the same token is refused at once, as it would lose in the commit (withRequestWrites).
   */
  readonly #rotating = new Set<string>();

  constructor(kind: TokenKind, storage: Storage, clock: Clock) {
    super(storage, clock);
    this.#kind = kind;
    this.#startedAtMs = clock.nowMs();
  }

  async upsert(id: string, payload: Payload, expiresIn?: number): Promise<void> {
    const record = { kind: this.#kind, grantId: String(payload.grantId), clientId: String(payload.clientId), payload: withoutValue(payload), expiresAt: expiry(payload, expiresIn, this.clock) };
    const rotation = this.#kind === 'RefreshToken' ? this.#takeRotation(record.grantId, payload.rotations) : undefined;
    const tokens = this.storage.tokens;
    const atMs = this.clock.nowMs();
    // The predecessor is used up in the same transaction as its successor is stored: a crash between the two can
    // neither lose the client's only refresh token nor leave two live ones.
    const write = rotation
      ? () => {
          const won = rotation.retire ? tokens.deleteUnconsumedByHash(rotation.retire) : tokens.consumeByHash(rotation.consume as Buffer, atMs);
          if (!won) throw new errors.InvalidGrant('refresh token already used');
          tokens.save(id, record);
        }
      : () => tokens.save(id, record);
    const scope = requestWrites.getStore();
    if (scope) scope.writes.push(write);
    else if (rotation) this.storage.transaction(write);
    else write();
  }

  #rotationKey(grantId: string, rotations: unknown): string {
    return `${grantId}:${typeof rotations === 'number' ? rotations : 0}`;
  }

  #takeRotation(grantId: string, rotations: unknown): { consume?: Buffer; retire?: Buffer } | undefined {
    const key = this.#rotationKey(grantId, rotations);
    const queue = this.#rotations.get(key);
    const entry = queue?.shift();
    if (queue && queue.length === 0) this.#rotations.delete(key);
    return entry;
  }

  async find(id: string): Promise<Payload | undefined> {
    const record = this.storage.tokens.find(id, this.#kind);
    if (!record) return undefined;
    const payload: Payload = { ...record.payload, jti: id };
    if (record.consumedAtMs === null) return payload;
    const rotatedBeforeStart = record.consumedAtMs < this.#startedAtMs;
    if (!rotatedBeforeStart && this.#withinRefreshGrace(record.consumedAtMs)) return payload;
    const successor = this.#kind === 'RefreshToken' ? this.#unusedSuccessor(record) : undefined;
    if (successor) {
      if (this.#retries.size > 1000) this.#retries.clear();
      this.#retries.set(hashSecret(id).toString('base64'), successor);
      return payload;
    }
    payload.consumed = Math.floor(record.consumedAtMs / 1000);
    return payload;
  }

  /**
   * A refresh token presented again whose successor was never used is a retry, not a replay: the answer that carried
   * the successor never reached the client (the gateway was killed between its commit and the answer, or the
   * connection dropped). Locking the client out then would punish it for the gateway's crash. RFC 9700 §4.14.2 asks
   * that reuse of an *invalidated* refresh token be detected; here the successor nobody received is invalidated
   * instead (deleted: whoever presents it later gets invalid_grant and nothing else) and the exchange goes ahead
   * once. Any other reuse — an older token, or one whose successor was used — still revokes the whole grant.
   */
  #unusedSuccessor(record: TokenRecord): Buffer | undefined {
    const unused = this.storage.tokens.unconsumedOfGrant(record.grantId, 'RefreshToken');
    const rotations = typeof record.payload.rotations === 'number' ? record.payload.rotations : 0;
    const [only] = unused;
    return unused.length === 1 && only?.payload.rotations === rotations + 1 ? only.hash : undefined;
  }

  /**
   * A refresh token used again moments after it was rotated is a client refreshing from two places at
   * once, not a thief: report it unconsumed, so the request fails in consume() with invalid_grant and the
   * winner's new tokens stay valid. Later reuse is a replay and revokes the whole grant (RFC 9700 §4.14.2).
   */
  #withinRefreshGrace(consumedAtMs: number): boolean {
    return this.#kind === 'RefreshToken' && this.clock.nowMs() - consumedAtMs < LIFETIMES.concurrentRefreshGrace * 1000;
  }

  /**
   * Single use, atomically (RFC 9700 §4.14.2 and §2.2.2): oidc-provider checks `consumed` on the copy it
   * read, so two requests racing with one code or refresh token could both pass that check. The conditional
   * UPDATE lets exactly one through (for a refresh token, in the transaction that stores its successor). A second exchange of one code is a replay: the grant and all it issued
   * are revoked (RFC 6749 §4.1.2). A refresh token raced by a concurrent refresh of the same client only
   * fails; the winner's new tokens stay valid (the "grace" for parallel refreshes).
   */
  override async consume(id: string): Promise<void> {
    const storage = this.storage;
    if (this.#kind === 'RefreshToken') return this.#beginRotation(id);
    if (storage.tokens.consume(id, this.#kind, this.clock.nowMs())) return;
    if (this.#kind === 'AuthorizationCode') {
      const record = storage.tokens.find(id, this.#kind);
      if (record) revokeGrant(storage, record.grantId);
      throw new errors.InvalidGrant('authorization code already consumed');
    }
    throw new errors.InvalidGrant('refresh token already used');
  }

  /**
   * A refresh token is rotated: oidc-provider consumes it, then saves its successor. Nothing is written here; the
   * successor's save consumes it (or, for a retry, retires the successor nobody received) in one transaction, and
   * only one of two racing requests wins there. A token already used is refused at once, unless find() found a retry;
   * so is one whose rotation another request has decided and not yet committed (its writes wait for its answer).
   */
  #beginRotation(id: string): void {
    const record = this.storage.tokens.find(id, 'RefreshToken');
    const hash = hashSecret(id);
    const key64 = hash.toString('base64');
    const retire = this.#retries.get(key64);
    this.#retries.delete(key64);
    if (!record || (record.consumedAtMs !== null && !retire) || this.#rotating.has(key64)) throw new errors.InvalidGrant('refresh token already used');
    const scope = requestWrites.getStore();
    if (scope) {
      this.#rotating.add(key64);
      scope.settled.push(() => this.#rotating.delete(key64));
    }
    const rotations = typeof record.payload.rotations === 'number' ? record.payload.rotations : 0;
    const key = this.#rotationKey(record.grantId, rotations + 1);
    const now = this.clock.nowMs();
    // Entries of requests that failed before saving a successor do not pile up.
    const queue = (this.#rotations.get(key) ?? []).filter((entry) => now - entry.atMs < 60_000);
    queue.push(retire ? { retire, atMs: now } : { consume: hash, atMs: now });
    this.#rotations.set(key, queue);
  }

  async destroy(id: string): Promise<void> {
    this.storage.tokens.delete(id, this.#kind);
  }

  override async revokeByGrantId(grantId: string): Promise<void> {
    this.storage.tokens.deleteByGrant(grantId);
  }
}

/** Deletes a grant and every code and token issued under it, in one transaction. */
export function revokeGrant(storage: Storage, grantId: string): void {
  storage.transaction(() => {
    storage.tokens.deleteByGrant(grantId);
    storage.grants.delete(grantId);
  });
}

class GrantAdapter extends StoredAdapter {
  async upsert(id: string, payload: Payload, expiresIn?: number): Promise<void> {
    this.storage.grants.save({
      grantId: id,
      clientId: String(payload.clientId),
      payload: withoutValue(payload),
      createdAt: typeof payload.iat === 'number' ? payload.iat : epochSeconds(this.clock),
      expiresAt: expiry(payload, expiresIn, this.clock),
    });
  }

  async find(id: string): Promise<Payload | undefined> {
    const record = this.storage.grants.find(id);
    return record && { ...record.payload, jti: id };
  }

  async destroy(id: string): Promise<void> {
    revokeGrant(this.storage, id);
  }
}

/**
 * Dynamically registered clients, and the rows of clients known by their metadata document (stored with their first
 * grant: grant-scopes.ts). Setup-snippet clients hold a token but are no OAuth client: not found here.
 */
class ClientAdapter extends StoredAdapter {
  async upsert(id: string, payload: Payload): Promise<void> {
    const existing = this.storage.apps.find(id);
    this.storage.apps.save({
      clientId: id,
      clientName: typeof payload.client_name === 'string' ? payload.client_name : null,
      origin: metadataDocumentDomain(id) ? 'metadata-document' : 'registration',
      metadata: payload,
      createdAt: existing?.createdAt ?? epochSeconds(this.clock),
    });
  }

  async find(id: string): Promise<Payload | undefined> {
    // A URL names a metadata document: never found here, so oidc-provider fetches it (or takes it from its cache) and
    // checks it each time; a stored row never stands in for the document. One that cannot be a document URL is
    // refused here, with the reason (oidc-provider would only say "client is invalid").
    if (isUrlClientId(id)) {
      const problem = clientIdUrlProblem(id);
      if (problem) throw new errors.InvalidClient(`client_id ${problem}: a client_id that is a URL names the app's client metadata document`);
      return undefined;
    }
    const record = this.storage.apps.find(id);
    if (!record || record.origin !== 'registration') return undefined;
    return record.metadata as Payload;
  }

  async destroy(id: string): Promise<void> {
    this.storage.apps.delete(id);
  }
}

/** Sessions, interactions, replay detection…: process memory only (see EphemeralStore). */
class EphemeralAdapter extends ModelAdapter {
  readonly #model: string;
  readonly #store: EphemeralStore;

  constructor(model: string, store: EphemeralStore) {
    super();
    this.#model = model;
    this.#store = store;
  }

  #key(id: string): string {
    return `${this.#model}:${id}`;
  }

  async upsert(id: string, payload: Payload, expiresIn?: number): Promise<void> {
    // No browser-session cookie is ever sent (authorization-server.ts), so a stored session could never be found
    // again: keeping it would only take room from authorizations in progress.
    if (this.#model === 'Session') return;
    try {
      this.#store.set(this.#key(id), payload, expiresIn ?? 3600);
      if (typeof payload.uid === 'string') this.#store.set(`${this.#model}:uid:${payload.uid}`, { id }, expiresIn ?? 3600);
    } catch (err) {
      // Refuse the new authorization, never an older one (RFC 6749 §4.1.2.1 temporarily_unavailable).
      if (err instanceof EphemeralStoreFullError) throw new errors.TemporarilyUnavailable(err.message);
      throw err;
    }
  }

  async find(id: string): Promise<Payload | undefined> {
    return this.#store.get(this.#key(id)) as Payload | undefined;
  }

  override async findByUid(uid: string): Promise<Payload | undefined> {
    const pointer = this.#store.get(`${this.#model}:uid:${uid}`);
    return typeof pointer?.id === 'string' ? this.find(pointer.id) : undefined;
  }

  override async consume(id: string): Promise<void> {
    const payload = this.#store.get(this.#key(id));
    if (payload) payload.consumed = Math.floor(this.#store.nowMs() / 1000);
  }

  async destroy(id: string): Promise<void> {
    const payload = this.#store.get(this.#key(id));
    if (typeof payload?.uid === 'string') this.#store.delete(`${this.#model}:uid:${payload.uid}`);
    this.#store.delete(this.#key(id));
  }
}

const TOKEN_MODELS = new Set<string>(['AuthorizationCode', 'AccessToken', 'RefreshToken']);

/** An authorization whose browser reached the consent step (the owner is deciding it, or has) is never evicted. */
function hasConsentRequest(storage: Storage): (key: string) => boolean {
  return (key) => key.startsWith('Interaction:') && storage.consentRequests.findByInteraction(key.slice('Interaction:'.length)) !== undefined;
}

/** Routes each oidc-provider model to where it belongs: durable state in SQLite, the rest in memory. */
export function createAdapterFactory(storage: Storage, clock: Clock, ephemeral = new EphemeralStore(LIMITS.waitingAuthorizations, hasConsentRequest(storage), clock)): AdapterFactory {
  const cache = new Map<string, Adapter>();
  return (model: string) => {
    let adapter = cache.get(model);
    if (!adapter) {
      if (TOKEN_MODELS.has(model)) adapter = new TokenAdapter(model as TokenKind, storage, clock);
      else if (model === 'Grant') adapter = new GrantAdapter(storage, clock);
      else if (model === 'Client') adapter = new ClientAdapter(storage, clock);
      else adapter = new EphemeralAdapter(model, ephemeral);
      cache.set(model, adapter);
    }
    return adapter;
  };
}
