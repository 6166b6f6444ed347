/**
 * In-memory home for oidc-provider's short-lived state: browser sessions, interactions, replay detection.
 * It lives exactly as long as the process, like the cookie-signing keys that make this state usable at all,
 * so none of it (session ids included) is ever written to disk. Bounded, so a flood of authorization
 * requests cannot grow memory without limit.
 */
export interface EphemeralEntry {
  payload: Record<string, unknown>;
  expiresAt: number;
}

export class EphemeralStore {
  readonly #entries = new Map<string, EphemeralEntry>();
  readonly #maxEntries: number;

  constructor(maxEntries = 10_000) {
    this.#maxEntries = maxEntries;
  }

  get(key: string, nowMs = Date.now()): Record<string, unknown> | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= nowMs) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.payload;
  }

  set(key: string, payload: Record<string, unknown>, ttlSeconds: number, nowMs = Date.now()): void {
    this.#entries.delete(key);
    if (this.#entries.size >= this.#maxEntries) this.#evict(nowMs);
    this.#entries.set(key, { payload, expiresAt: nowMs + ttlSeconds * 1000 });
  }

  delete(key: string): void {
    this.#entries.delete(key);
  }

  get size(): number {
    return this.#entries.size;
  }

  /** Drops expired entries, then the oldest ones (Map keeps insertion order) until a tenth is free. */
  #evict(nowMs: number): void {
    for (const [key, entry] of this.#entries) if (entry.expiresAt <= nowMs) this.#entries.delete(key);
    const target = Math.floor(this.#maxEntries * 0.9);
    for (const key of this.#entries.keys()) {
      if (this.#entries.size <= target) break;
      this.#entries.delete(key);
    }
  }
}
