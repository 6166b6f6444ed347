import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startZoomEmulator, type ZoomEmulator } from '../../emulators/zoom.ts';
import { startTestGateway, type TestGateway } from '../../support/gateway.ts';
import { KEYCHAIN } from '../../support/keychain.ts';
import { book, firstSession, onlineClass } from '../../support/online-class.ts';
import { connection, connectOAuth, drain, retryNow } from '../../support/providers.ts';
import { createOAuthApps } from '../../../src/main/providers/oauth/oauth-app.ts';
import { defined } from '../../support/defined.ts';
import { createTokenSource, type StoredTokens } from '../../../src/main/providers/oauth/token-source.ts';

// Zoom against a loopback emulator of Zoom's documented OAuth (rotating refresh tokens) and Meetings API.

describe.runIf(KEYCHAIN)('Zoom', () => {
  let tg: TestGateway;
  let zoom: ZoomEmulator;
  beforeEach(async () => {
    zoom = await startZoomEmulator();
    tg = await startTestGateway({ demo: false });
  });
  afterEach(async () => {
    await tg?.close();
    await zoom.close();
  });

  const services = () => tg.gateway.services;
  const storage = () => tg.gateway.services.storage;
  const savedRefreshToken = async () => (await tg.gateway.providers.vault.get<StoredTokens>('zoom'))?.refreshToken;

  it('connects with PKCE S256 and shows "Connected as" the Zoom user', async () => {
    const result = await connectOAuth(tg, 'zoom', zoom);
    expect(result.authorizeUrl.searchParams.get('code_challenge_method')).toBe('S256');
    expect(result.authorizeUrl.searchParams.get('redirect_uri')).toBe(`${tg.gateway.issuer}/connections/zoom/callback`);
    expect(result.page).toContain('Connected as <strong>Maya Lindqvist</strong>');
    expect(await connection(tg, 'zoom')).toMatchObject({ status: 'connected', account: 'Maya Lindqvist', detail: null });
  });

  it('a confirmed booking makes a scheduled meeting (type 2, join before host, no waiting room) and the join URL goes on the booking', async () => {
    await connectOAuth(tg, 'zoom', zoom);
    const cls = onlineClass(services(), 'zoom');
    const session = firstSession(services(), cls.id);
    const booking = book(services(), session.id);
    await drain(tg);

    const [first, ...more] = zoom.meetings();
    expect(more).toEqual([]);
    const meeting = defined(first, 'meeting');
    expect(meeting).toMatchObject({ type: 2, topic: 'Online Evening Flow', duration: 60, timezone: 'Europe/Stockholm' });
    expect(meeting.settings).toMatchObject({ join_before_host: true, waiting_room: false });
    expect(Date.parse(meeting.start_time)).toBe(session.startsAt * 1000);
    expect(services().bookings.get(booking.id).joinUrl).toBe(meeting.join_url);
  });

  it('gives each session of a recurring class its own meeting, moves them with the schedule, and removes one with its last booking', async () => {
    await connectOAuth(tg, 'zoom', zoom);
    const cls = onlineClass(services(), 'zoom', { weeks: 3 });
    const sessions = storage().sessions.forClass(cls.id);
    const bookings = sessions.map((s) => book(services(), s.id));
    await drain(tg);
    const meetings = zoom.meetings();
    expect(meetings).toHaveLength(3);
    expect(new Set(meetings.map((m) => m.join_url)).size).toBe(3);

    services().classes.reschedule(cls.id, { startTime: '06:45' });
    await drain(tg);
    const moved = storage().sessions.forClass(cls.id).map((s) => s.startsAt * 1000);
    expect(zoom.meetings().map((m) => Date.parse(m.start_time)).sort()).toEqual(moved);

    services().bookings.cancel(defined(bookings[0]).id);
    await drain(tg);
    expect(zoom.meetings()).toHaveLength(2);
  });

  it('saves every rotated refresh token before using the new access token, so a restart right after keeps the connection', async () => {
    await connectOAuth(tg, 'zoom', zoom);
    const first = await savedRefreshToken();
    // The access token is refused; the refresh succeeds (Zoom rotates); the call with the new token never gets an answer.
    zoom.failNext('POST /v2/users/me/meetings', 401);
    zoom.failNext('POST /v2/users/me/meetings', 'reset');
    book(services(), firstSession(services(), onlineClass(services(), 'zoom').id).id);
    await drain(tg);
    expect(zoom.refreshTokensIssued).toBe(2);
    const rotated = await savedRefreshToken();
    expect(rotated).toBeDefined();
    expect(rotated).not.toBe(first);
    expect(zoom.meetings()).toHaveLength(0);

    // "Crash": a new gateway on the same data folder. Zoom no longer knows the first refresh token.
    const dataDir = tg.dataDir;
    await tg.gateway.close();
    tg = await startTestGateway({ dataDir, demo: false });
    zoom.expireAccessTokens();
    await retryNow(tg);
    expect(zoom.meetings()).toHaveLength(1);
    expect(zoom.refreshTokensIssued).toBe(3);
    expect(await connection(tg, 'zoom')).toMatchObject({ status: 'connected' });
  });

  it('refreshes once for many callers at once (a second refresh would burn the rotated token)', async () => {
    await connectOAuth(tg, 'zoom', zoom);
    const vault = tg.gateway.providers.vault;
    const tokens = createTokenSource({ provider: 'zoom', vault, apps: createOAuthApps(vault), now: () => services().now(), onRevoked: () => undefined });
    const results = await Promise.all([tokens.refreshed(), tokens.refreshed(), tokens.accessToken()]);
    expect(new Set(results).size).toBe(1);
    expect(zoom.refreshTokensIssued).toBe(2);
    expect((await vault.get<StoredTokens>('zoom'))?.accessToken).toBe(results[0]);
  });

  it('never makes a second meeting when a create is retried after its answer was lost', async () => {
    await connectOAuth(tg, 'zoom', zoom);
    const session = firstSession(services(), onlineClass(services(), 'zoom').id);
    book(services(), session.id);
    zoom.failNext('POST /v2/users/me/meetings', 'reset', { dropAfterCommit: true });
    await drain(tg);
    expect(zoom.meetings()).toHaveLength(1);
    expect(storage().meetings.forSession(session.id)[0]?.externalId).toBeNull();

    await retryNow(tg);
    expect(zoom.meetings()).toHaveLength(1);
    expect(storage().meetings.forSession(session.id)[0]).toMatchObject({ externalId: String(defined(zoom.meetings()[0]).id), joinUrl: defined(zoom.meetings()[0]).join_url });
  });

  it('makes the meeting again when the owner deleted it in Zoom and the session then moves', async () => {
    await connectOAuth(tg, 'zoom', zoom);
    const cls = onlineClass(services(), 'zoom');
    const booking = book(services(), firstSession(services(), cls.id).id);
    await drain(tg);
    const [first] = zoom.meetings();
    zoom.deleteMeeting(defined(first).id);
    services().classes.reschedule(cls.id, { startTime: '19:15' });
    await drain(tg);
    const [again, ...more] = zoom.meetings();
    expect(more).toEqual([]);
    expect(again?.id).not.toBe(first?.id);
    expect(services().bookings.get(booking.id).joinUrl).toBe(again?.join_url);
    expect(storage().jobs.recent(5).find((j) => j.kind === 'meeting')?.result).toMatch(/made the Zoom meeting again/);
  });

  it('shows Not connected with the reason when Zoom refuses the saved grant', async () => {
    await connectOAuth(tg, 'zoom', zoom);
    zoom.revokeAll();
    book(services(), firstSession(services(), onlineClass(services(), 'zoom').id).id);
    await drain(tg);
    expect(await connection(tg, 'zoom')).toMatchObject({ status: 'not_connected', detail: expect.stringMatching(/Reconnect Zoom/) });
    expect(storage().credentials.get('zoom')).toBeUndefined();
  });

  it('disconnect deletes the tokens at once and stops making meetings; past meetings stay at Zoom', async () => {
    await connectOAuth(tg, 'zoom', zoom);
    const [one, two] = storage().sessions.forClass(onlineClass(services(), 'zoom', { weeks: 2 }).id);
    book(services(), defined(one).id);
    await drain(tg);
    await tg.owner.ok('connections.disconnect', { provider: 'zoom' });
    expect(storage().credentials.get('zoom')).toBeUndefined();
    book(services(), defined(two).id);
    await drain(tg);
    expect(zoom.meetings()).toHaveLength(1);
    expect(zoom.calls.filter((c) => c.path === '/oauth/revoke')).toHaveLength(1);
  });
});
