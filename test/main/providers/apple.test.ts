import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../../support/gateway.ts';
import { KEYCHAIN } from '../../support/keychain.ts';
import { connection, drain } from '../../support/providers.ts';
import { RADICALE, RADICALE_MISSING_MESSAGE, startRadicale, type RadicaleServer } from '../../support/radicale.ts';
import { agentWith, call } from '../../support/tools.ts';

// Apple Calendar against a real CalDAV server (Radicale) with an app-specific-password-like password.

if (!RADICALE) process.stderr.write(`\n*** SKIPPING Apple Calendar tests: ${RADICALE_MISSING_MESSAGE} ***\n\n`);

const DAY = 86_400_000;

describe.runIf(KEYCHAIN && RADICALE)('Apple Calendar over CalDAV', () => {
  let radicale: RadicaleServer;
  let tg: TestGateway;
  const tomorrow = new Date(Math.ceil(Date.now() / DAY) * DAY); // next midnight UTC
  const at = (days: number, hour: number, minute = 0) => new Date(tomorrow.getTime() + days * DAY + (hour * 60 + minute) * 60_000);

  beforeAll(async () => {
    radicale = await startRadicale();
    const studio = await radicale.addCalendar('Studio Classes');
    const home = await radicale.addCalendar('Home');
    await radicale.addEvent(home, { uid: 'dentist@example', summary: 'Dentist', start: at(0, 9), end: at(0, 10) });
    await radicale.addEvent(home, { uid: 'run-club@example', summary: 'Run club', start: at(1, 12), end: at(1, 13), rrule: 'FREQ=WEEKLY;COUNT=3', timeZone: 'Europe/Stockholm' });
    await radicale.addEvent(home, { uid: 'reminder@example', summary: 'Water plants', start: at(0, 15), end: at(0, 16), transp: 'TRANSPARENT' });
    await radicale.addEvent(studio, { uid: 'cancelled@example', summary: 'Old workshop', start: at(2, 8), end: at(2, 9), status: 'CANCELLED' });
    tg = await startTestGateway({ demo: false });
  });
  afterAll(async () => {
    await tg?.close();
    await radicale?.stop();
  });

  const connectApple = (input: Record<string, unknown>) => tg.owner.call('connections.connectApple', { email: radicale.username, serverUrl: radicale.url, ...input });

  it('refuses a password that is not app-specific, says what one looks like and where to make it, and stores nothing', async () => {
    const result = await connectApple({ appPassword: 'MyRealPassword1!' });
    expect(result).toMatchObject({ ok: false, error: { code: 'apple_password_format' } });
    expect(!result.ok && result.error.message).toMatch(/xxxx-xxxx-xxxx-xxxx/);
    expect(!result.ok && result.error.message).toMatch(/appleid\.apple\.com → Sign-In and Security → App-Specific Passwords/);
    expect(tg.gateway.services.storage.credentials.get('apple')).toBeUndefined();
  });

  it('says Apple refused a wrong password, and stores nothing', async () => {
    const result = await connectApple({ appPassword: 'wxyz-wxyz-wxyz-wxyz' });
    expect(result).toMatchObject({ ok: false, error: { code: 'apple_auth_refused' } });
    expect(!result.ok && result.error.message).toMatch(/revoked, or your Apple ID password changed/);
    expect(tg.gateway.services.storage.credentials.get('apple')).toBeUndefined();
    expect((await connection(tg, 'apple')).status).toBe('not_connected');
  });

  it('connects with the app-specific password and reads busy times: recurring expanded, free and cancelled left out', async () => {
    const view = await tg.owner.ok('connections.connectApple', { email: radicale.username, appPassword: radicale.password.toUpperCase(), serverUrl: radicale.url });
    expect(view).toMatchObject({ status: 'connected', account: radicale.username, serverUrl: radicale.url });
    await drain(tg);
    const busy = tg.gateway.services.storage.busyTimes.overlapping(0, Number.MAX_SAFE_INTEGER);
    expect(busy.map((b) => [b.calendar, new Date(b.startsAt * 1000).toISOString()])).toEqual([
      ['Apple Calendar (Home)', at(0, 9).toISOString()],
      ['Apple Calendar (Home)', at(1, 12).toISOString()],
      ['Apple Calendar (Home)', at(8, 12).toISOString()],
      ['Apple Calendar (Home)', at(15, 12).toISOString()],
    ]);
    expect((await connection(tg, 'apple')).busy).toMatchObject({ count: 4 });
  });

  it('warns when a new class falls on a busy time, naming the calendar', async () => {
    await tg.owner.ok('settings.update', { subscriptionTier: 'pro' });
    const agent = await agentWith(tg, ['mcp:tools', 'write:classes']);
    const created = await call(agent, 'create_class', {
      title: 'Lunch Pilates', practice: 'pilates', timezone: 'UTC', capacity: 8, price_cents: 1200, duration_minutes: 45,
      mode: 'online', video_provider: 'zoom', start_date: at(0, 0).toISOString().slice(0, 10), start_time: '09:30', recurrence: 'FREQ=DAILY;COUNT=3',
    });
    expect(created.isError).toBe(false);
    expect(created.data.calendars_checked).toEqual([{ calendar: 'Apple Calendar', busy_times_as_of: expect.any(String) }]);
    expect(created.data.calendar_conflicts).toEqual([
      expect.objectContaining({ calendar: 'Apple Calendar (Home)', local_start: `${at(0, 0).toISOString().slice(0, 10)} 09:30`, busy_from: at(0, 9).toISOString().replace('.000Z', 'Z') }),
    ]);
    await agent.close();
  });

  it('shows Not connected with the reason once the password is revoked at Apple', async () => {
    await radicale.revokePassword();
    await tg.owner.ok('connections.refresh');
    await drain(tg);
    const row = await connection(tg, 'apple');
    expect(row.status).toBe('not_connected');
    expect(row.detail).toMatch(/Apple refused the Apple ID email and app-specific password/);
    expect(tg.gateway.services.storage.credentials.get('apple')).toBeUndefined();
    expect(tg.gateway.services.storage.busyTimes.overlapping(0, Number.MAX_SAFE_INTEGER)).toEqual([]);
  });

  it('disconnect deletes the password at once', async () => {
    const again = await startRadicale();
    try {
      await tg.owner.ok('connections.connectApple', { email: again.username, appPassword: again.password, serverUrl: again.url });
      expect(tg.gateway.services.storage.credentials.get('apple')).toBeDefined();
      const row = await tg.owner.ok('connections.disconnect', { provider: 'apple' });
      expect(row).toMatchObject({ status: 'not_connected', detail: expect.stringMatching(/You disconnected Apple Calendar/) });
      expect(tg.gateway.services.storage.credentials.get('apple')).toBeUndefined();
    } finally {
      await again.stop();
    }
  });
});

