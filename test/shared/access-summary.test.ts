import { describe, expect, it } from 'vitest';
import { accessSummary, accessSummaryText, joinAnd, NOTHING_MORE } from '../../src/shared/access-summary.ts';
import { bundle, RISK_LABELS, riskOf, SCOPES } from '../../src/shared/scopes.ts';

describe('the one-line summary of what an app could do', () => {
  it('puts what cannot be undone first, then money, then the rest, each marked with its risk', () => {
    const parts = accessSummary(['write:bookings', 'read:financials', 'delete:clients', 'mcp:tools']);
    expect(parts.map((p) => [p.text, p.risk])).toEqual([
      ['could permanently delete clients', 'permanent'],
      ['could see your earnings', 'money'],
      ['could change bookings', undefined],
    ]);
    expect(accessSummaryText(['read:financials', 'delete:clients'])).toBe('Could permanently delete clients · could see your earnings');
  });

  it('joins what shares a verb, and leaves seeing unsaid where changing or deleting the same thing is there', () => {
    expect(accessSummaryText(['read:classes', 'write:classes', 'read:bookings', 'write:bookings', 'read:reviews', 'read:profile'])).toBe(
      'Could change your classes and bookings · could see your profile and reviews',
    );
  });

  it('says nothing of connecting or staying connected, and says so when that is all', () => {
    expect(accessSummary(['mcp:tools', 'offline_access', 'openid'])).toEqual([]);
    expect(accessSummaryText(['mcp:tools', 'offline_access', 'unknown:scope'])).toBe(NOTHING_MORE);
  });

  it('has words for every scope in the catalogue, and no protocol name in them', () => {
    for (const scope of SCOPES) {
      expect(scope.does.verb, scope.name).toMatch(/^[a-z ]+$/);
      expect(`${scope.does.what} ${scope.meaning}`, scope.name).not.toMatch(/mcp:|offline_access|openid|\btier\b|scope/i);
    }
    expect(joinAnd(['a', 'b', 'c'])).toBe('a, b and c');
  });
});

describe('risky permissions', () => {
  it('are the delete tier and anything about money, with words beside their colour', () => {
    const risky = SCOPES.filter((s) => riskOf(s.name)).map((s) => s.name);
    expect(risky).toEqual(['read:financials', 'write:financials', 'delete:classes', 'delete:bookings', 'delete:clients', 'delete:financials', 'delete:messages']);
    expect(riskOf('delete:financials')).toBe('permanent');
    expect(RISK_LABELS.permanent).toBe("Risky: can't be undone");
  });

  it('are in no bundle except Full control reading money', () => {
    for (const id of ['default', 'read-only', 'personal-assistant'] as const) expect(bundle(id).scopes.filter((s) => riskOf(s)), id).toEqual([]);
    expect(bundle('full-control').scopes.filter((s) => riskOf(s))).toEqual(['read:financials']);
  });
});
