import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startGoogleEmulator, type GoogleEmulator } from '../../emulators/google.ts';
import { startTestGateway, type TestGateway } from '../../support/gateway.ts';
import { KEYCHAIN } from '../../support/keychain.ts';
import { book, firstSession as firstSessionOf, onlineClass } from '../../support/online-class.ts';
import { defined } from '../../support/defined.ts';
import { configureApp, connection, connectOAuth, drain, retryNow, signIn } from '../../support/providers.ts';

// Google Calendar + Meet against a loopback emulator of Google's documented OAuth and Calendar v3 endpoints;
// the vault key in a real keychain.

describe.runIf(KEYCHAIN)('Google Calendar and Meet', () => {
  let tg: TestGateway;
  let google: GoogleEmulator;
  beforeEach(async () => {
    google = await startGoogleEmulator();
    tg = await startTestGateway({ demo: false });
  });
  afterEach(async () => {
    await tg.close();
    await google.close();
  });

  const services = () => tg.gateway.services;
  const storage = () => tg.gateway.services.storage;
  const firstSession = (classId: string) => firstSessionOf(services(), classId);

  it('connects as an installed app: loopback redirect, PKCE S256, both calendar scopes, then shows who and which calendar', async () => {
    const result = await connectOAuth(tg, 'google', google);
    const q = result.authorizeUrl.searchParams;
    expect(q.get('redirect_uri')).toBe(`${tg.gateway.issuer}/connections/google/callback`);
    expect(q.get('code_challenge_method')).toBe('S256');
    expect(q.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(q.get('state')).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(q.get('scope')?.split(' ').sort()).toEqual(['https://www.googleapis.com/auth/calendar.events', 'https://www.googleapis.com/auth/calendar.readonly']);
    expect(result.page).toContain('Connected as <strong>owner@gmail.example</strong>');

    const row = await connection(tg, 'google');
    expect(row).toMatchObject({ status: 'connected', account: 'owner@gmail.example', calendarId: 'owner@gmail.example', detail: null });
    expect(row.calendars.map((c) => c.name)).toEqual(['owner@gmail.example', 'Studio']);
    expect(row.app).toMatchObject({ configured: true, clientId: google.clientId, redirectUri: `${tg.gateway.issuer}/connections/google/callback` });
    expect(JSON.stringify(row)).not.toContain(google.clientSecret);
  });

  it('refuses a replayed callback and a callback it never started, and changes nothing', async () => {
    const first = await connectOAuth(tg, 'google', google);
    const replay = await fetch(first.callbackUrl);
    expect(replay.status).toBe(400);
    expect(await replay.text()).toContain('not one Studio Gateway started');
    const forged = new URL(first.callbackUrl);
    forged.searchParams.set('state', 'x'.repeat(43));
    expect((await fetch(forged)).status).toBe(400);
    expect((await connection(tg, 'google')).status).toBe('connected');
    expect(google.calls.filter((c) => c.path === '/token')).toHaveLength(1);
  });

  it('connects nothing when the owner cancels at Google, and says so', async () => {
    await configureApp(tg, 'google', google);
    google.denyNextAuthorization();
    const result = await signIn(tg, 'google');
    expect(result.status).toBe(400);
    expect(result.page).toContain('You cancelled at Google; nothing was connected.');
    expect(await connection(tg, 'google')).toMatchObject({ status: 'not_connected', account: null });
    expect(storage().credentials.get('google')).toBeUndefined();
  });

  it('asks for the app credentials before it sends the owner to Google', async () => {
    const result = await tg.owner.call('connections.connect', { provider: 'google' });
    expect(result).toMatchObject({ ok: false, error: { code: 'provider_app_missing' } });
    expect(!result.ok && result.error.message).toMatch(/client ID and client secret/);
  });

  it('a confirmed booking makes one event with a Meet link in the class time zone; the link goes on the booking; cancelling removes the event', async () => {
    await connectOAuth(tg, 'google', google);
    const cls = onlineClass(services(), 'google_meet');
    const session = firstSession(cls.id);
    const booking = book(services(), session.id);
    await drain(tg);

    const events = google.events();
    expect(events).toHaveLength(1);
    const event = defined(events[0], 'event');
    expect(event.summary).toBe('Online Morning Flow');
    expect(event.start).toEqual({ dateTime: new Date(session.startsAt * 1000).toISOString().replace('.000Z', 'Z'), timeZone: 'Europe/Stockholm' });
    expect(event.hangoutLink).toMatch(/^https:\/\/meet\.google\.com\/[a-z]{3}-[a-z]{4}-[a-z]{3}$/);
    expect(services().bookings.get(booking.id).joinUrl).toBe(event.hangoutLink);
    expect(services().classes.sessionView(session.id).joinUrl).toBe(event.hangoutLink);

    // A second booking on the same session shares the event.
    const second = book(services(), session.id, 'Bo Berg');
    await drain(tg);
    expect(google.events()).toHaveLength(1);
    expect(services().bookings.get(second.id).joinUrl).toBe(event.hangoutLink);

    services().bookings.cancel(booking.id);
    await drain(tg);
    expect(google.events()).toHaveLength(1); // one confirmed booking is left
    services().bookings.cancel(second.id);
    await drain(tg);
    expect(google.events()).toHaveLength(0);
    expect(storage().meetings.forSession(session.id)).toEqual([]);
  });

  it('makes nothing for a pending booking until it is confirmed', async () => {
    await connectOAuth(tg, 'google', google);
    const session = firstSession(onlineClass(services(), 'google_meet').id);
    const booking = services().bookings.create({ sessionId: session.id, newClient: { name: 'Cai Dunn' }, status: 'pending' });
    await drain(tg);
    expect(google.events()).toHaveLength(0);
    services().bookings.confirm(booking.id);
    await drain(tg);
    expect(google.events()).toHaveLength(1);
  });

  it('waits for a Meet link Google is still setting up, then puts it on the booking', async () => {
    await connectOAuth(tg, 'google', google);
    const booking = book(services(), firstSession(onlineClass(services(), 'google_meet').id).id);
    google.pendingMeetNext();
    await drain(tg);
    expect(services().bookings.get(booking.id).joinUrl).toBeNull();
    const [job] = storage().jobs.recent(10).filter((j) => j.kind === 'meeting');
    expect(job?.lastError).toMatch(/still setting up the video link/);
    await retryNow(tg);
    expect(google.events()).toHaveLength(1);
    expect(services().bookings.get(booking.id).joinUrl).toBe(google.events()[0]?.hangoutLink);
    expect(google.events()[0]?.hangoutLink).toMatch(/^https:\/\/meet\.google\.com\//);
  });

  it('moves the event when the schedule moves, and removes it when the session is cancelled', async () => {
    await connectOAuth(tg, 'google', google);
    const cls = onlineClass(services(), 'google_meet', { weeks: 3 });
    const sessions = storage().sessions.forClass(cls.id);
    for (const s of sessions) book(services(), s.id);
    await drain(tg);
    expect(google.events()).toHaveLength(3);

    const moved = services().classes.reschedule(cls.id, { startTime: '19:30' });
    expect(moved.moved).toHaveLength(3);
    await drain(tg);
    const starts = google.events().map((e) => Date.parse(e.start.dateTime)).sort();
    expect(starts).toEqual(storage().sessions.forClass(cls.id).map((s) => s.startsAt * 1000));
    expect(google.events().every((e) => e.sequence === 1)).toBe(true);

    services().classes.cancelSession(defined(sessions[1]).id);
    await drain(tg);
    expect(google.events()).toHaveLength(2);
  });

  it('catches up on connect: sessions booked before Google was connected get their events', async () => {
    const cls = onlineClass(services(), 'google_meet', { weeks: 2 });
    for (const s of storage().sessions.forClass(cls.id)) book(services(), s.id);
    await drain(tg);
    expect(storage().meetings.forSession(firstSession(cls.id).id)).toEqual([]);
    await connectOAuth(tg, 'google', google);
    await drain(tg);
    expect(google.events()).toHaveLength(2);
  });

  it('puts new events on the calendar the owner picks', async () => {
    await connectOAuth(tg, 'google', google);
    const picked = await tg.owner.ok('connections.selectCalendar', { calendarId: google.studioCalendarId });
    expect(picked).toMatchObject({ calendarId: google.studioCalendarId });
    const missing = await tg.owner.call('connections.selectCalendar', { calendarId: 'nope@group.calendar.google.com' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not_found' } });

    book(services(), firstSession(onlineClass(services(), 'google_meet').id).id);
    await drain(tg);
    expect(google.events(google.studioCalendarId)).toHaveLength(1);
    expect(google.events(google.email)).toHaveLength(0);
  });

  it('refreshes an expired access token on its own and goes on', async () => {
    await connectOAuth(tg, 'google', google);
    google.expireAccessTokens();
    book(services(), firstSession(onlineClass(services(), 'google_meet').id).id);
    await drain(tg);
    expect(google.events()).toHaveLength(1);
    expect(google.calls.filter((c) => c.path === '/token')).toHaveLength(2); // the code, then one refresh
    expect((await connection(tg, 'google')).status).toBe('connected');
  });

  it('never makes a second event when a create is retried after its answer was lost', async () => {
    await connectOAuth(tg, 'google', google);
    const session = firstSession(onlineClass(services(), 'google_meet').id);
    book(services(), session.id);
    google.failNext('POST /calendar/v3/calendars/', 'reset', { dropAfterCommit: true });
    await drain(tg);
    expect(google.events()).toHaveLength(1); // made at Google, answer lost
    const [job] = storage().jobs.recent(10).filter((j) => j.kind === 'meeting');
    expect(job).toMatchObject({ status: 'queued', attempts: 1 });
    expect(job?.lastError).toMatch(/Could not reach Google/);

    await retryNow(tg);
    expect(google.events()).toHaveLength(1);
    const [meeting] = storage().meetings.forSession(session.id);
    expect(meeting?.joinUrl).toBe(google.events()[0]?.hangoutLink);
    expect(storage().jobs.recent(10).find((j) => j.kind === 'meeting')).toMatchObject({ status: 'done', result: 'created the Google event with a Meet link' });
  });

  it('retries a 503 with backoff and gives up on a refusal with the reason', async () => {
    await connectOAuth(tg, 'google', google);
    const session = firstSession(onlineClass(services(), 'google_meet').id);
    book(services(), session.id);
    google.failNext('POST /calendar/v3/calendars/', 503);
    await drain(tg);
    const waiting = storage().jobs.recent(10).find((j) => j.kind === 'meeting');
    expect(waiting?.status).toBe('queued');
    expect(defined(waiting).runAfterMs - Date.now()).toBeGreaterThan(3000);
    await retryNow(tg);
    expect(google.events()).toHaveLength(1);

    google.failNext('PATCH /calendar/v3/calendars/', 400);
    services().classes.reschedule(session.classId, { startTime: '07:15' });
    await drain(tg);
    const failed = storage().jobs.recent(10).find((j) => j.status === 'failed');
    expect(failed?.lastError).toMatch(/Google refused the request \(400\)/);
  });

  it('shows Not connected with the reason when the access is revoked at Google, and Reconnect brings it back', async () => {
    await connectOAuth(tg, 'google', google);
    google.revokeAll();
    google.expireAccessTokens();
    book(services(), firstSession(onlineClass(services(), 'google_meet').id).id);
    await drain(tg);
    const row = await connection(tg, 'google');
    expect(row.status).toBe('not_connected');
    expect(row.detail).toMatch(/Google refused the saved access \(it was revoked or has expired\)\. Reconnect Google\./);
    expect(storage().credentials.get('google')).toBeUndefined();
    expect(storage().jobs.recent(10).filter((j) => j.status === 'failed').map((j) => j.lastError)).toEqual([row.detail]);

    await signIn(tg, 'google');
    expect((await connection(tg, 'google')).status).toBe('connected');
    await drain(tg);
    expect(google.events()).toHaveLength(1);
  });

  it('disconnect deletes the credentials at once and revokes them at Google; events made stay; new bookings make none', async () => {
    await connectOAuth(tg, 'google', google);
    const cls = onlineClass(services(), 'google_meet', { weeks: 2 });
    const [one, two] = storage().sessions.forClass(cls.id);
    book(services(), defined(one).id);
    await drain(tg);

    const row = await tg.owner.ok('connections.disconnect', { provider: 'google' });
    expect(row.status).toBe('not_connected');
    expect(row.detail).toMatch(/You disconnected Google/);
    expect(storage().credentials.get('google')).toBeUndefined();
    expect(storage().credentials.get('google_app')).toBeDefined(); // the app stays set up for a reconnect
    expect(google.calls.filter((c) => c.path === '/revoke')).toHaveLength(1);

    book(services(), defined(two).id);
    await drain(tg);
    expect(google.events()).toHaveLength(1);
  });
});
