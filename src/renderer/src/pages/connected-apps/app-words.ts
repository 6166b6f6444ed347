import type { AppActivity, AppIdentity } from '../../../../shared/control-api.ts';
import { dateTime, relative } from '../../lib/format.ts';

/** What the fingerprint is, for its tooltip and the Details. */
export const FINGERPRINT_MEANING =
  'A short code worked out from this app’s unique identity. Two apps can have the same name but not the same code, and an app keeps its code for as long as it stays connected.';

/** How the app came to be connected, in words. */
export function connectedHow(app: Pick<AppIdentity, 'origin'>): string {
  return app.origin === 'setup-snippet' ? 'Set up by you in Agent setup' : 'Signed in through your browser';
}

/** How it connected, as an agent developer would say it (under Details). */
export function connectedHowTechnically(app: Pick<AppIdentity, 'origin'>): string {
  switch (app.origin) {
    case 'registration':
      return 'OAuth 2.1, dynamic client registration (RFC 7591)';
    case 'metadata-document':
      return 'OAuth 2.1, client ID metadata document';
    case 'setup-snippet':
      return 'Setup snippet: a bearer token made in Agent setup';
  }
}

/** How long its access lasts: the owner's own choice, never a date she did not pick. */
export function accessLasts(expiresAt: string | null): string {
  return expiresAt === null ? 'Access lasts until you revoke it' : `Access ends ${dateTime(expiresAt)}`;
}

/** "Sent 1 message, cancelled 1 booking" over the last 7 days, or what it means that there is nothing to say. */
export function recentDeeds(app: AppActivity): string {
  if (app.callsLast7Days === 0) return app.lastUsedAt === null ? 'It has not done anything yet.' : 'Nothing in the last 7 days.';
  return app.didLast7Days ? `${app.didLast7Days.charAt(0).toUpperCase()}${app.didLast7Days.slice(1)}.` : 'None of its requests went through.';
}

/** "3 requests in the last 7 days, 1 of them not done" — counted from the same calls as the last use. */
export function requestCount(app: AppActivity): string {
  const requests = `${app.callsLast7Days.toLocaleString()} ${app.callsLast7Days === 1 ? 'request' : 'requests'} in the last 7 days`;
  if (app.notDoneLast7Days === 0 || app.notDoneLast7Days === app.callsLast7Days) return requests;
  return `${requests}, ${app.notDoneLast7Days.toLocaleString()} not done`;
}

/** "Last used 2 hours ago" or "Never used". */
export function lastUsed(app: AppActivity): string {
  return app.lastUsedAt === null ? 'Never used' : `Last used ${relative(app.lastUsedAt)}`;
}

/** Where the log shows what this app did (the log reads `app`). */
export function logLink(clientId: string): string {
  return `#/audit?app=${encodeURIComponent(clientId)}`;
}
