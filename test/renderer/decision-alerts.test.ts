import { describe, expect, it } from 'vitest';
import {
  callRoute,
  callToShow,
  namedCall,
  newlyWaiting,
  offerNotifications,
  secondsLeft,
  shouldNotifyInBrowser,
  tabTitle,
} from '../../src/renderer/src/pages/approvals/decision-alerts.ts';

// The rules that keep a waiting decision in sight: the tab title, which call the dialog shows, the countdown, and when
// the browser notifies.

describe('decision alerts', () => {
  it('puts the number of waiting decisions in the tab title, and nothing when none waits', () => {
    expect(tabTitle(2)).toBe('(2) Studio Gateway');
    expect(tabTitle(0)).toBe('Studio Gateway');
  });

  it('counts down in whole seconds, rounding up, and stops at zero', () => {
    const expiresAt = '2026-03-02T10:01:00.000Z';
    expect(secondsLeft(expiresAt, Date.parse('2026-03-02T10:00:02.000Z'))).toBe(58);
    expect(secondsLeft(expiresAt, Date.parse('2026-03-02T10:00:59.100Z'))).toBe(1);
    expect(secondsLeft(expiresAt, Date.parse('2026-03-02T10:01:05.000Z'))).toBe(0);
  });

  it('shows the call a link names while it waits, else the oldest one not put aside', () => {
    const waiting = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
    expect(callToShow(waiting, new Set(), null)).toBe('a');
    expect(callToShow(waiting, new Set(['a']), null)).toBe('b');
    expect(callToShow(waiting, new Set(['a', 'c']), 'c')).toBe('c');
    expect(callToShow(waiting, new Set(['a']), 'gone')).toBe('b');
    expect(callToShow(waiting, new Set(['a', 'b', 'c']), null)).toBeNull();
  });

  it('notifies each call once, only when allowed and the owner is not looking at the tab', () => {
    expect(newlyWaiting(new Set(['a']), [{ id: 'a' }, { id: 'b' }])).toEqual([{ id: 'b' }]);
    expect(shouldNotifyInBrowser('granted', { hidden: true, focused: false })).toBe(true);
    expect(shouldNotifyInBrowser('granted', { hidden: false, focused: false })).toBe(true);
    expect(shouldNotifyInBrowser('granted', { hidden: false, focused: true })).toBe(false);
    expect(shouldNotifyInBrowser('default', { hidden: true, focused: false })).toBe(false);
    expect(shouldNotifyInBrowser('denied', { hidden: true, focused: false })).toBe(false);
    expect(offerNotifications('default')).toBe(true);
    expect(['granted', 'denied', 'unsupported'].map((c) => offerNotifications(c as 'granted'))).toEqual([false, false, false]);
  });

  it('links a notification to its call, and reads the call back from the address', () => {
    expect(callRoute('3f0c9a2e-1b7d')).toBe('#/approvals?call=3f0c9a2e-1b7d');
    expect(namedCall(callRoute('3f0c9a2e-1b7d'))).toBe('3f0c9a2e-1b7d');
    expect(namedCall('#/approvals')).toBeNull();
  });
});
