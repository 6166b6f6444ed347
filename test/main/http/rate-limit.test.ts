import { describe, expect, it } from 'vitest';
import { createRateLimiter } from '../../../src/main/http/rate-limit.ts';

describe('the token-bucket rate limiter (on a clock the test moves)', () => {
  it('lets a burst through, then one request per refill interval, and says when the next could pass', () => {
    let now = 0;
    const limiter = createRateLimiter(() => ({ burst: 3, perMinute: 6 }), { nowMs: () => now });
    expect([1, 2, 3].map(() => limiter.take('a').ok)).toEqual([true, true, true]);
    expect(limiter.take('a')).toEqual({ ok: false, retryAfterSeconds: 10 });
    now += 9_000;
    expect(limiter.take('a').ok).toBe(false);
    now += 1_000;
    expect(limiter.take('a').ok).toBe(true);
    // Another key has its own bucket (the control case: one app's flood never slows another).
    expect(limiter.take('b').ok).toBe(true);
  });

  it('counts a batch as its size, and reads the limit on every call so a change applies at once', () => {
    let limit = { burst: 10, perMinute: 60 };
    const limiter = createRateLimiter(() => limit, { nowMs: () => 0 });
    expect(limiter.take('a', 8).ok).toBe(true);
    expect(limiter.take('a', 3).ok).toBe(false);
    limit = { burst: 100, perMinute: 60 };
    expect(limiter.take('z', 50).ok).toBe(true);
  });

  it('keeps memory bounded under a flood of distinct keys', () => {
    let now = 0;
    const limiter = createRateLimiter(() => ({ burst: 1, perMinute: 1 }), { nowMs: () => now });
    for (let i = 0; i < 30_000; i++) limiter.take(`key-${i}`);
    now += 60_000;
    // Old keys were dropped (a dropped bucket is a full one): the first key passes again.
    expect(limiter.take('key-0').ok).toBe(true);
  });
});
