import { systemClock, type Clock } from '../../shared/clock.ts';

/**
 * In-memory home for oidc-provider's short-lived state: interactions, replay detection and the like. It lives exactly
 * as long as the process, like the cookie-signing keys that make this state usable at all, so none of it is ever
 * written to disk. Bounded, so a flood of authorization requests cannot grow memory without limit — and a flood
 * can never push out what matters: entries `isPinned` names (an authorization the owner is deciding or has decided)
 * are never evicted; when nothing else can make room, the new entry is refused instead.
 */
export interface EphemeralEntry {
  payload: Record<string, unknown>;
  expiresAt: number;
}

/** The store is full of entries that may not be evicted: the new one is refused. */
export class EphemeralStoreFullError extends Error {
  constructor() {
    super('too many authorization requests are waiting; try again in a few minutes');
    this.name = 'EphemeralStoreFullError';
  }
}

export class EphemeralStore {
  readonly #entries = new Map<string, EphemeralEntry>();
  readonly #maxEntries: number;
  readonly #isPinned: (key: string) => boolean;
  readonly #clock: Clock;

  constructor(maxEntries = 10_000, isPinned: (key: string) => boolean = () => false, clock: Clock = systemClock) {
    this.#maxEntries = maxEntries;
    this.#isPinned = isPinned;
    this.#clock = clock;
  }

  /** The store's clock, in milliseconds. */
  nowMs(): number {
    return this.#clock.nowMs();
  }

  get(key: string, nowMs = this.#clock.nowMs()): Record<string, unknown> | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= nowMs) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.payload;
  }

  set(key: string, payload: Record<string, unknown>, ttlSeconds: number, nowMs = this.#clock.nowMs()): void {
    if (!this.#entries.has(key) && this.#entries.size >= this.#maxEntries) this.#evict(nowMs);
    if (!this.#entries.has(key) && this.#entries.size >= this.#maxEntries) throw new EphemeralStoreFullError();
    this.#entries.delete(key);
    this.#entries.set(key, { payload, expiresAt: nowMs + ttlSeconds * 1000 });
  }

  delete(key: string): void {
    this.#entries.delete(key);
  }

  get size(): number {
    return this.#entries.size;
  }

  /** Drops expired entries, then the oldest unpinned ones (Map keeps insertion order) until a tenth is free. */
  #evict(nowMs: number): void {
    for (const [key, entry] of this.#entries) if (entry.expiresAt <= nowMs) this.#entries.delete(key);
    const target = Math.floor(this.#maxEntries * 0.9);
    for (const key of this.#entries.keys()) {
      if (this.#entries.size <= target) break;
      if (!this.#isPinned(key)) this.#entries.delete(key);
    }
  }
}
