import { describe, expect, it } from 'vitest';
import { approvalNotice, consentNotice, shouldNotify } from '../../src/main/desktop/decision-notices.ts';
import { panelRoute } from '../../src/main/desktop/deep-link.ts';

// The desktop's notification for a decision that waits: what it says, what a click opens, and when it is shown.

describe('decision notices', () => {
  it('name the app, the record and the outcome of silence for a held call, and open that call', () => {
    const notice = approvalNotice({
      id: '3f0c9a2e-1b7d-4c55-9e61-0a8b2d4e6f10',
      clientName: 'Cursor',
      sentence: [{ text: 'Delete client ' }, { text: 'Anna Nilsson', name: true }, { text: ' — 14 bookings and notes' }],
      timeoutSeconds: 110,
    });
    expect(notice).toEqual({
      title: '“Cursor” is waiting for your approval',
      body: "Delete client Anna Nilsson — 14 bookings and notes. If you don't answer in 1 min 50 s, the agent is told no.",
      link: { kind: 'approval', approvalId: '3f0c9a2e-1b7d-4c55-9e61-0a8b2d4e6f10' },
    });
    expect(panelRoute(notice.link)).toBe('#/approvals?call=3f0c9a2e-1b7d-4c55-9e61-0a8b2d4e6f10');
  });

  it('open the consent dialog of an app asking for access', () => {
    const notice = consentNotice({ id: 'req_1', clientName: 'Claude Desktop' });
    expect(notice.title).toBe('“Claude Desktop” asks for access to your studio');
    expect(panelRoute(notice.link)).toBe('#/consent?request=req_1');
  });

  it.each([
    [undefined, true],
    [{ visible: false, focused: false }, true],
    [{ visible: true, focused: false }, true],
    [{ visible: false, focused: true }, true],
    [{ visible: true, focused: true }, false],
  ])('with the window %j, are shown: %s (not while the owner looks at the panel, whose dialog opens by itself)', (window, shown) => {
    expect(shouldNotify(window)).toBe(shown);
  });
});
