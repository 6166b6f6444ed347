import type { BusyTime } from '../../storage/busy-times-repo.ts';
import type { ConnectionState } from '../connection-state.ts';
import { NotConnectedError, ProviderError } from '../provider-error.ts';
import type { Vault } from '../vault/vault.ts';
import { checkAppPassword } from './app-password.ts';
import { appleBusyTimes, appleCalendars, ICLOUD_CALDAV, type AppleCredentials } from './caldav.ts';

/**
 * Apple Calendar: no OAuth for third parties, so an Apple ID email and an app-specific password (seed 002).
 * The password's format is checked before Apple is asked; a working sign-in is required before anything is kept.
 */
export async function connectApple(deps: { vault: Vault; state: ConnectionState }, input: { email: string; appPassword: string; serverUrl?: string | undefined }): Promise<void> {
  const credentials: AppleCredentials = { email: input.email.trim(), appPassword: checkAppPassword(input.appPassword), serverUrl: input.serverUrl ?? ICLOUD_CALDAV };
  await deps.vault.ready(); // no keychain: refuse before Apple sees the password
  const calendars = await appleCalendars(credentials);
  await deps.vault.put('apple', credentials);
  deps.state.connected('apple', credentials.email, { serverUrl: credentials.serverUrl, calendars });
}

/** Busy times from every iCloud calendar; a refused password ends the connection with the reason. */
export function appleBusyReader(deps: { vault: Vault; state: ConnectionState }) {
  return async (from: number, to: number): Promise<BusyTime[]> => {
    const credentials = await deps.vault.get<AppleCredentials>('apple');
    if (!credentials) throw new NotConnectedError('apple');
    try {
      const blocks = await appleBusyTimes(credentials, from, to);
      return blocks.map((b) => ({ provider: 'apple', calendar: `Apple Calendar (${b.calendar})`, startsAt: b.start, endsAt: b.end }));
    } catch (err) {
      if (err instanceof ProviderError && err.code === 'apple_auth_refused') {
        deps.vault.delete('apple');
        deps.state.notConnected('apple', err.message);
        throw new NotConnectedError('apple', err.message);
      }
      throw err;
    }
  };
}
