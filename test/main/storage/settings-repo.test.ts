import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createStorage } from '../../../src/main/storage/index.ts';
import { tempDir } from '../../support/gateway.ts';

describe('settings', () => {
  it('are read as committed: a value written in a transaction that rolls back is never served afterwards', () => {
    const storage = createStorage(join(tempDir(), 'settings.sqlite'));
    try {
      expect(storage.settings.get('k', 'fallback')).toBe('fallback');
      storage.settings.set('k', { a: 1 });
      expect(storage.settings.get('k', {})).toEqual({ a: 1 });
      expect(() =>
        storage.transaction(() => {
          storage.settings.set('k', { a: 2 });
          expect(storage.settings.get('k', {})).toEqual({ a: 2 }); // the transaction sees its own write
          throw new Error('rolled back');
        }),
      ).toThrow('rolled back');
      expect(storage.settings.get('k', {})).toEqual({ a: 1 });
      // What a caller does to the value it got changes nothing stored.
      (storage.settings.get('k', {}) as { a: number }).a = 3;
      expect(storage.settings.get('k', {})).toEqual({ a: 1 });
    } finally {
      storage.close();
    }
  });
});
