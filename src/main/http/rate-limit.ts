import type { Clock } from '../../shared/clock.ts';

/** A token bucket: `burst` at once, then `perMinute` spread evenly over each minute. */
export interface RateLimit {
  burst: number;
  perMinute: number;
}

export type RateVerdict = { ok: true } | { ok: false; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  atMs: number;
}

/** Buckets kept at most; a full bucket is the same as none, so the fullest go first when there are more. */
const MAX_BUCKETS = 10_000;

/**
 * Rate limits per key (a client id, or one key for everyone): each key's bucket holds up to `burst` tokens and
 * refills at `perMinute`; a request takes `cost` tokens or is refused with the seconds until it could pass
 * (RFC 6585 §4 429 with RFC 9110 §10.2.3 Retry-After). The limit is read on every call, so a change in Settings
 * applies at once.
 */
export function createRateLimiter(limit: () => RateLimit, clock: Clock) {
  const buckets = new Map<string, Bucket>();

  function refill(bucket: Bucket, current: RateLimit, at: number): void {
    bucket.tokens = Math.min(current.burst, bucket.tokens + ((at - bucket.atMs) / 60_000) * current.perMinute);
    bucket.atMs = at;
  }

  function prune(current: RateLimit, at: number): void {
    for (const [key, bucket] of buckets) {
      refill(bucket, current, at);
      if (bucket.tokens >= current.burst) buckets.delete(key);
    }
    // Still full of partly spent buckets: drop the oldest down to nine tenths (a flood of distinct keys cannot grow
    // memory, and the next ones need no new sweep).
    for (const key of buckets.keys()) {
      if (buckets.size < MAX_BUCKETS * 0.9) break;
      buckets.delete(key);
    }
  }

  return {
    take(key: string, cost = 1): RateVerdict {
      const current = limit();
      const at = clock.nowMs();
      let bucket = buckets.get(key);
      if (!bucket) {
        if (buckets.size >= MAX_BUCKETS) prune(current, at);
        bucket = { tokens: current.burst, atMs: at };
        buckets.set(key, bucket);
      }
      refill(bucket, current, at);
      if (bucket.tokens + 1e-9 >= cost) {
        bucket.tokens -= cost;
        return { ok: true };
      }
      const missing = cost - bucket.tokens;
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((missing / current.perMinute) * 60)) };
    },
  };
}
export type RateLimiter = ReturnType<typeof createRateLimiter>;
