import { describe, expect, it } from 'vitest';
import { EphemeralStore, EphemeralStoreFullError } from '../../../src/main/oauth/ephemeral-store.ts';

describe('the in-memory store of authorizations in progress', () => {
  it('never evicts a pinned entry (an authorization the owner is deciding); unpinned ones make room', () => {
    const store = new EphemeralStore(10, (key) => key === 'Interaction:owner-is-deciding');
    store.set('Interaction:owner-is-deciding', { n: 0 }, 60, 0);
    for (let i = 0; i < 100; i++) store.set(`Interaction:flood-${i}`, { n: i }, 60, 0);
    expect(store.get('Interaction:owner-is-deciding', 0)).toEqual({ n: 0 });
    expect(store.size).toBeLessThanOrEqual(10);
    expect(store.get('Interaction:flood-99', 0)).toEqual({ n: 99 });
  });

  it('refuses the new entry, not an old one, when everything held is pinned', () => {
    const store = new EphemeralStore(3, () => true);
    for (let i = 0; i < 3; i++) store.set(`k${i}`, { i }, 60, 0);
    expect(() => store.set('k3', {}, 60, 0)).toThrow(EphemeralStoreFullError);
    expect([0, 1, 2].map((i) => store.get(`k${i}`, 0))).toEqual([{ i: 0 }, { i: 1 }, { i: 2 }]);
    // Updating an entry it holds is no new entry; an expired one always makes room.
    store.set('k1', { i: 10 }, 60, 0);
    expect(store.get('k1', 0)).toEqual({ i: 10 });
    store.set('k3', {}, 60, 61_000);
    expect(store.get('k3', 61_000)).toEqual({});
  });
});
