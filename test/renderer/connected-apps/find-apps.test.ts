import { describe, expect, it } from 'vitest';
import { findApps, lookAlikeWarning, sharedNames, sharesName } from '../../../src/renderer/src/pages/connected-apps/find-apps.ts';
import type { AppActivity, AppIdentity } from '../../../src/shared/control-api.ts';

function app(name: string, fingerprint: string, firstSeenAt: string, lastUsedAt: string | null, website: string | null = null): AppIdentity & AppActivity {
  return {
    clientId: `id-${name}-${fingerprint}`, name, website, origin: 'registration', verifiedDomain: null, answersOnThisComputer: true, software: null,
    fingerprint, firstSeenAt, lastUsedAt, callsLast7Days: 0, notDoneLast7Days: 0, didLast7Days: '',
  };
}

const apps = [
  app('Cursor', 'K7F-2QX', '2026-01-03T00:00:00Z', '2026-01-05T00:00:00Z'),
  app('cursor ', 'M4A-9ZZ', '2026-01-04T00:00:00Z', null),
  app('Claude Desktop', 'B2C-3DE', '2026-01-01T00:00:00Z', '2026-01-06T00:00:00Z', 'https://claude.ai'),
  app('Zed', 'Q8R-7ST', '2026-01-02T00:00:00Z', null),
];

describe('finding an app', () => {
  it('sorts by last use (never used last), by name, or newest first', () => {
    expect(findApps(apps, '', 'last-used').map((a) => a.fingerprint)).toEqual(['B2C-3DE', 'K7F-2QX', 'M4A-9ZZ', 'Q8R-7ST']);
    expect(findApps(apps, '', 'name').map((a) => a.name)).toEqual(['Claude Desktop', 'Cursor', 'cursor ', 'Zed']);
    expect(findApps(apps, '', 'first-seen').map((a) => a.fingerprint)).toEqual(['M4A-9ZZ', 'K7F-2QX', 'Q8R-7ST', 'B2C-3DE']);
  });

  it('finds by every word, in the name, the website or the fingerprint typed with or without its dash', () => {
    expect(findApps(apps, 'claude.ai', 'name').map((a) => a.name)).toEqual(['Claude Desktop']);
    expect(findApps(apps, 'k7f2qx', 'name').map((a) => a.fingerprint)).toEqual(['K7F-2QX']);
    expect(findApps(apps, 'CURSOR m4a', 'name').map((a) => a.fingerprint)).toEqual(['M4A-9ZZ']);
    expect(findApps(apps, 'nobody', 'name')).toEqual([]);
  });
});

describe('look-alikes', () => {
  it('groups names that read the same, whatever their case and spaces, and words the warning', () => {
    const shared = sharedNames(apps);
    expect(shared).toEqual([{ name: 'Cursor', count: 2 }]);
    const [, lowerCase, , zed] = apps;
    expect(lowerCase && sharesName(lowerCase, shared)).toBe(true);
    expect(zed && sharesName(zed, shared)).toBe(false);
    expect(lookAlikeWarning({ name: 'Cursor', count: 2 })).toBe('Two apps are called Cursor — check the fingerprints');
    expect(lookAlikeWarning({ name: 'Cursor', count: 12 })).toBe('12 apps are called Cursor — check the fingerprints');
  });
});
