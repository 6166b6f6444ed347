import { describe, expect, it } from 'vitest';
import { BUNDLES, bundle, effectiveScopes, knownScopes, SCOPE_NAMES } from '../../src/shared/scopes.ts';

describe('the scope catalogue', () => {
  it('holds every scope of docs/product.md#scopes and no admin scope', () => {
    for (const resource of ['profile', 'mentor', 'studio', 'classes', 'bookings', 'clients', 'financials', 'reviews', 'messages']) {
      expect(SCOPE_NAMES).toContain(`read:${resource}`);
      expect(SCOPE_NAMES).toContain(`write:${resource}`);
    }
    for (const scope of ['delete:classes', 'delete:bookings', 'delete:clients', 'delete:financials', 'delete:messages', 'read:public', 'mcp:tools', 'offline_access', 'openid', 'profile', 'email']) {
      expect(SCOPE_NAMES).toContain(scope);
    }
    expect(SCOPE_NAMES.some((s) => s.startsWith('admin:'))).toBe(false);
  });

  it('makes tiers additive: write implies read, delete implies write and read', () => {
    expect([...effectiveScopes(['write:classes'])].sort()).toEqual(['read:classes', 'write:classes']);
    expect([...effectiveScopes(['delete:bookings'])].sort()).toEqual(['delete:bookings', 'read:bookings', 'write:bookings']);
    expect([...effectiveScopes(['read:public', 'mcp:tools'])].sort()).toEqual(['mcp:tools', 'read:public']);
  });

  it('keeps the delete tier out of every bundle, and write:financials out of Full control', () => {
    for (const b of BUNDLES) expect(b.scopes.some((s) => s.startsWith('delete:')), b.id).toBe(false);
    expect(bundle('full-control').scopes).not.toContain('write:financials');
    expect(bundle('full-control').scopes).toContain('read:financials');
  });

  it('defines the bundles of docs/product.md#bundles', () => {
    expect(bundle('read-only').scopes).toEqual(['read:profile', 'read:bookings', 'read:classes', 'read:clients', 'mcp:tools', 'offline_access']);
    expect(bundle('personal-assistant').scopes).toEqual(expect.arrayContaining(['read:profile', 'read:bookings', 'read:classes', 'read:clients', 'write:bookings', 'write:classes', 'write:messages']));
    for (const b of BUNDLES) expect(b.scopes).toContain('mcp:tools');
  });

  it('drops unknown scopes and keeps catalogue order', () => {
    expect(knownScopes(['bogus', 'mcp:tools', 'read:profile', 'admin:read', 'read:profile'])).toEqual(['read:profile', 'mcp:tools']);
  });
});
