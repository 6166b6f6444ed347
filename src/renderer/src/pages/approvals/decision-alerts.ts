/**
 * How the panel makes sure no decision waits unseen, as plain rules (the dialog and the notifications use them): the
 * tab's title, the held call the dialog shows, the time left, and when the browser notifies.
 */

export const APP_TITLE = 'Studio Gateway';

/** The tab's title: the number of decisions waiting comes first, so it shows in a crowded tab bar ("(2) Studio Gateway"). */
export function tabTitle(waiting: number): string {
  return waiting > 0 ? `(${waiting}) ${APP_TITLE}` : APP_TITLE;
}

/** Whole seconds left to answer, never below zero (the countdown and "If you don't answer in 58 s"). */
export function secondsLeft(expiresAt: string, nowMs: number): number {
  return Math.max(0, Math.ceil((Date.parse(expiresAt) - nowMs) / 1000));
}

/**
 * The held call the dialog shows: the one a link names (a notification's) while it still waits, else the oldest one
 * the owner has not put aside; null when none.
 */
export function callToShow(waiting: readonly { id: string }[], putAside: ReadonlySet<string>, named: string | null): string | null {
  if (named !== null && waiting.some((call) => call.id === named)) return named;
  return waiting.find((call) => !putAside.has(call.id))?.id ?? null;
}

/** The calls that were not waiting at the last look: each gets one notification. */
export function newlyWaiting<T extends { id: string }>(seen: ReadonlySet<string>, waiting: readonly T[]): T[] {
  return waiting.filter((call) => !seen.has(call.id));
}

/** Where the browser stands on notifications for this panel. */
export type NotificationChoice = 'default' | 'granted' | 'denied' | 'unsupported';

/**
 * Whether a new held call is announced by a browser notification: only once the owner allowed them, and only when
 * she is not looking at this tab (then the dialog on the page is enough).
 */
export function shouldNotifyInBrowser(choice: NotificationChoice, tab: { hidden: boolean; focused: boolean }): boolean {
  return choice === 'granted' && (tab.hidden || !tab.focused);
}

/**
 * Whether to offer "Tell me with a notification": only where the browser can, and while the owner has not answered
 * the browser's question yet (asking again after a no would only annoy; the browser's own settings change it).
 */
export function offerNotifications(choice: NotificationChoice): boolean {
  return choice === 'default';
}

/** The panel's address for one held call: what a notification opens. */
export function callRoute(id: string): string {
  return `#/approvals?call=${encodeURIComponent(id)}`;
}

/** The held call an address names (`#/approvals?call=<id>`), or null. */
export function namedCall(hash: string): string | null {
  return new URLSearchParams(hash.split('?')[1] ?? '').get('call');
}
