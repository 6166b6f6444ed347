import { describe, expect, it } from 'vitest';
import { EDITABLE_SCOPES, gainedScopes, levelOn, lostScopes, withChoices } from '../../src/shared/permission-edit.ts';

describe('what the owner may change', () => {
  it('is what an app may do, never connecting at all nor how it signs in', () => {
    expect(EDITABLE_SCOPES).toContain('write:bookings');
    expect(EDITABLE_SCOPES).toContain('read:public');
    for (const fixed of ['mcp:tools', 'offline_access', 'openid', 'profile', 'email']) expect(EDITABLE_SCOPES).not.toContain(fixed);
  });
});

describe('what a change adds or takes away', () => {
  it('counts levels that add up: "see and change" already held "see"', () => {
    expect(gainedScopes(['write:bookings'], ['read:bookings', 'write:bookings'])).toEqual([]);
    expect(gainedScopes(['read:bookings'], ['delete:bookings'])).toEqual(['write:bookings', 'delete:bookings']);
    expect(lostScopes(['delete:bookings'], ['read:bookings'])).toEqual(['write:bookings', 'delete:bookings']);
    expect(lostScopes(['read:profile', 'write:messages'], ['read:profile'])).toEqual(['read:messages', 'write:messages']);
  });
});

describe('levels per area', () => {
  it('reads the highest level held on an area', () => {
    expect(levelOn(['read:bookings', 'write:bookings'], 'bookings')).toBe('write');
    expect(levelOn(['delete:clients'], 'clients')).toBe('delete');
    expect(levelOn(['read:profile'], 'bookings')).toBeNull();
  });

  it('keeps an area left as it was exactly as held, and gives a changed one every level up to the chosen one', () => {
    const held = ['read:profile', 'write:bookings', 'read:public', 'mcp:tools', 'offline_access'];
    expect(withChoices(held, { bookings: 'write' }, true)).toEqual(['read:profile', 'write:bookings', 'read:public']);
    expect(withChoices(held, { bookings: 'read' }, true)).toEqual(['read:profile', 'read:bookings', 'read:public']);
    expect(withChoices(held, { bookings: 'delete', profile: null }, false)).toEqual(['read:bookings', 'write:bookings', 'delete:bookings']);
    expect(withChoices(held, { messages: 'write' }, true)).toEqual(['read:profile', 'write:bookings', 'read:messages', 'write:messages', 'read:public']);
  });
});
