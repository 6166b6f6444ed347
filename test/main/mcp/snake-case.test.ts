import { describe, expect, it } from 'vitest';
import { toSnakeCase } from '../../../src/main/mcp/tools/common.ts';

describe('tool results in snake_case', () => {
  it('renames every key at every depth, in arrays too, and leaves values alone', () => {
    const result = toSnakeCase({ studioName: 'Flow', nextCursor: null, items: [{ startsAt: 1, seatsLeft: 0, tags: ['aB', 'cD'] }], nested: { payoutIban: { lastFour: '1234' } } });
    expect(result).toEqual({ studio_name: 'Flow', next_cursor: null, items: [{ starts_at: 1, seats_left: 0, tags: ['aB', 'cD'] }], nested: { payout_iban: { last_four: '1234' } } });
    // The same keys a second time (from the kept renames) come out the same.
    expect(toSnakeCase({ studioName: 'Again' })).toEqual({ studio_name: 'Again' });
  });

  it('keeps a "__proto__" key that came with data as a plain key, never as the prototype', () => {
    const data = JSON.parse('{"__proto__": {"isAdmin": true}, "ownName": 1}') as object;
    const result = toSnakeCase(data) as Record<string, unknown>;
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
    expect((result as { isAdmin?: unknown }).isAdmin).toBeUndefined();
    expect(JSON.stringify(result)).toBe('{"__proto__":{"is_admin":true},"own_name":1}');
  });
});
