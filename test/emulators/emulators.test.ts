import { createHash, randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GOOGLE_SCOPES, startGoogleEmulator, type GoogleEmulator } from './google.ts';
import { ZOOM_SCOPES, startZoomEmulator, type ZoomEmulator } from './zoom.ts';

type Body = Record<string, unknown>;
const REDIRECT = 'http://127.0.0.1:53682/oauth/callback';

function pkce() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** Follows nothing: the 302 Location is the answer of the simulated "Allow" click. */
async function authorize(base: string, params: Record<string, string>) {
  const response = await fetch(`${base}?${new URLSearchParams(params)}`, { redirect: 'manual' });
  const location = response.headers.get('location');
  return { status: response.status, location: location ? new URL(location) : undefined };
}

async function call(url: string, init: { method?: string; token?: string; json?: unknown; form?: Record<string, string>; basic?: string } = {}) {
  const headers: Record<string, string> = {};
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (init.basic) headers.authorization = `Basic ${Buffer.from(init.basic).toString('base64')}`;
  if (init.json !== undefined) headers['content-type'] = 'application/json';
  if (init.form) headers['content-type'] = 'application/x-www-form-urlencoded';
  const body = init.form ? new URLSearchParams(init.form) : init.json === undefined ? undefined : JSON.stringify(init.json);
  const response = await fetch(url, { method: init.method ?? (body ? 'POST' : 'GET'), headers, body });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : {}) as Body };
}

describe('Google emulator', () => {
  let g: GoogleEmulator;
  beforeEach(async () => { g = await startGoogleEmulator(); });
  afterEach(async () => { await g.close(); });

  const authParams = (challenge: string, extra: Record<string, string> = {}) => ({
    client_id: g.clientId, redirect_uri: REDIRECT, response_type: 'code', scope: GOOGLE_SCOPES.join(' '), code_challenge: challenge, code_challenge_method: 'S256', state: 'st-1', ...extra,
  });
  const exchange = (code: string, verifier: string, extra: Record<string, string> = {}) =>
    call(g.tokenUrl, { form: { grant_type: 'authorization_code', code, code_verifier: verifier, client_id: g.clientId, client_secret: g.clientSecret, redirect_uri: REDIRECT, ...extra } });
  const refresh = (refreshToken: string) => call(g.tokenUrl, { form: { grant_type: 'refresh_token', refresh_token: refreshToken, client_id: g.clientId, client_secret: g.clientSecret } });
  async function connect() {
    const { verifier, challenge } = pkce();
    const { location } = await authorize(g.authorizeUrl, authParams(challenge));
    const tokens = await exchange(location?.searchParams.get('code') ?? '', verifier);
    return { access: String(tokens.body.access_token), refresh: String(tokens.body.refresh_token) };
  }
  const eventsUrl = (calendarId = 'primary') => `${g.apiBase}/calendars/${encodeURIComponent(calendarId)}/events`;
  const meetEvent = (id: string) => ({
    id, summary: 'Private session', description: 'Mat 2', start: { dateTime: '2030-05-06T10:00:00+02:00', timeZone: 'Europe/Stockholm' }, end: { dateTime: '2030-05-06T11:00:00', timeZone: 'Europe/Stockholm' },
    conferenceData: { createRequest: { requestId: `req-${id}`, conferenceSolutionKey: { type: 'hangoutsMeet' } } },
  });

  it('runs the installed-app flow: loopback redirect with code, state and scope; S256 exchange; Bearer tokens without rotation', async () => {
    const { verifier, challenge } = pkce();
    const { status, location } = await authorize(g.authorizeUrl, authParams(challenge));
    expect(status).toBe(302);
    expect(location?.origin + (location?.pathname ?? '')).toBe(REDIRECT);
    expect(location?.searchParams.get('state')).toBe('st-1');
    expect(location?.searchParams.get('scope')).toBe(GOOGLE_SCOPES.join(' '));
    const code = location?.searchParams.get('code') ?? '';
    const tokens = await exchange(code, verifier);
    expect(tokens.status).toBe(200);
    expect(tokens.body).toMatchObject({ expires_in: 3599, token_type: 'Bearer', scope: GOOGLE_SCOPES.join(' ') });
    expect(tokens.body.refresh_token).toEqual(expect.any(String));
    expect((await exchange(code, verifier)).body).toEqual({ error: 'invalid_grant', error_description: 'Bad Request' }); // single use

    const refreshed = await refresh(String(tokens.body.refresh_token));
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refresh_token).toBeUndefined(); // Google does not rotate
    expect(refreshed.body.access_token).not.toBe(tokens.body.access_token);
    expect((await refresh(String(tokens.body.refresh_token))).status).toBe(200);

    const list = await call(`${g.apiBase}/users/me/calendarList`, { token: String(refreshed.body.access_token) });
    expect(list.body.items).toEqual([
      expect.objectContaining({ id: 'owner@gmail.example', primary: true, accessRole: 'owner' }),
      expect.objectContaining({ id: g.studioCalendarId, summary: 'Studio' }),
    ]);
  });

  it('rejects bad authorization requests with an error page and honours a denial', async () => {
    const { challenge } = pkce();
    expect((await authorize(g.authorizeUrl, authParams(challenge, { scope: GOOGLE_SCOPES[0] ?? '' }))).status).toBe(400);
    expect((await authorize(g.authorizeUrl, authParams(challenge, { scope: `${GOOGLE_SCOPES.join(' ')} https://www.googleapis.com/auth/calendar` }))).status).toBe(400);
    expect((await authorize(g.authorizeUrl, authParams(challenge, { redirect_uri: 'https://evil.example/cb' }))).status).toBe(400);
    expect((await authorize(g.authorizeUrl, authParams(challenge, { code_challenge_method: 'plain' }))).status).toBe(400);
    expect((await authorize(g.authorizeUrl, authParams(challenge, { client_id: 'other' }))).status).toBe(401);
    g.denyNextAuthorization();
    const denied = await authorize(g.authorizeUrl, authParams(challenge));
    expect(Object.fromEntries(denied.location?.searchParams ?? [])).toEqual({ error: 'access_denied', state: 'st-1' });
  });

  it('checks the PKCE verifier, the redirect URI and the client secret at the token endpoint', async () => {
    const { challenge } = pkce();
    const first = await authorize(g.authorizeUrl, authParams(challenge));
    expect((await exchange(first.location?.searchParams.get('code') ?? '', pkce().verifier)).body).toEqual({ error: 'invalid_grant', error_description: 'Invalid code verifier.' });
    const second = await authorize(g.authorizeUrl, authParams(challenge));
    expect((await exchange(second.location?.searchParams.get('code') ?? '', 'x', { redirect_uri: 'http://127.0.0.1:1/other' })).body.error).toBe('redirect_uri_mismatch');
    const third = await authorize(g.authorizeUrl, authParams(challenge));
    const wrongSecret = await exchange(third.location?.searchParams.get('code') ?? '', 'x', { client_secret: 'nope' });
    expect(wrongSecret.status).toBe(401);
    expect(wrongSecret.body.error).toBe('invalid_client');
  });

  it('answers 401 UNAUTHENTICATED for expired tokens until refreshed, and invalid_grant after revocation', async () => {
    const tokens = await connect();
    const list = () => call(`${g.apiBase}/users/me/calendarList`, { token: tokens.access });
    g.expireAccessTokens();
    const expired = await list();
    expect(expired.status).toBe(401);
    expect(expired.body.error).toMatchObject({ code: 401, status: 'UNAUTHENTICATED', message: expect.stringContaining('Request had invalid authentication credentials') });
    tokens.access = String((await refresh(tokens.refresh)).body.access_token);
    expect((await list()).status).toBe(200);
    g.revokeAll();
    expect((await list()).status).toBe(401);
    expect((await refresh(tokens.refresh)).body).toEqual({ error: 'invalid_grant', error_description: 'Token has been expired or revoked.' });
  });

  it('inserts Meet events with client ids, refuses duplicates (409), patches, deletes (204, then 410)', async () => {
    const { access } = await connect();
    const created = await call(`${eventsUrl()}?conferenceDataVersion=1`, { token: access, json: meetEvent('studio0session01') });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ id: 'studio0session01', status: 'confirmed', summary: 'Private session', htmlLink: expect.stringMatching(/^https:\/\/www\.google\.com\/calendar\/event\?eid=/) });
    expect(created.body.hangoutLink).toMatch(/^https:\/\/meet\.google\.com\/[a-z]{3}-[a-z]{4}-[a-z]{3}$/);
    expect(created.body.conferenceData).toMatchObject({ entryPoints: [{ entryPointType: 'video', uri: created.body.hangoutLink }], conferenceSolution: { key: { type: 'hangoutsMeet' } } });
    const duplicate = await call(`${eventsUrl()}?conferenceDataVersion=1`, { token: access, json: meetEvent('studio0session01') });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error).toMatchObject({ code: 409, message: 'The requested identifier already exists.', status: 'ALREADY_EXISTS' });
    expect((await call(eventsUrl(), { token: access, json: meetEvent('Not_Base32hex') })).status).toBe(400);
    expect((await call(eventsUrl(), { token: access, json: meetEvent('nomeet001') })).body.hangoutLink).toBeUndefined(); // conferenceDataVersion=0

    const url = `${eventsUrl(g.email)}/studio0session01`;
    const patched = await call(url, { method: 'PATCH', token: access, json: { start: { dateTime: '2030-05-06T12:00:00+02:00' }, end: { dateTime: '2030-05-06T13:00:00+02:00' } } });
    expect(patched.body).toMatchObject({ summary: 'Private session', start: { dateTime: '2030-05-06T12:00:00+02:00' }, sequence: 1, hangoutLink: created.body.hangoutLink });
    expect((await call(url, { token: access })).body.start).toEqual({ dateTime: '2030-05-06T12:00:00+02:00', timeZone: 'Europe/Stockholm' });
    expect((await call(url, { method: 'DELETE', token: access })).status).toBe(204);
    const again = await call(url, { method: 'DELETE', token: access });
    expect(again.status).toBe(410);
    expect(again.body.error).toMatchObject({ code: 410, message: 'Resource has been deleted' });
    expect((await call(url, { token: access })).body.status).toBe('cancelled'); // events.get returns deleted events
    expect(g.events().map((e) => e.id)).toEqual(['nomeet001']);
    expect((await call(`${eventsUrl()}/unknown00`, { token: access })).body.error).toMatchObject({ code: 404, message: 'Not Found' });
    expect((await call(eventsUrl('nobody@example.com'), { token: access, json: meetEvent('abcde') })).status).toBe(404);
  });

  it('answers freeBusy from seeded busy blocks and live events, merged and clipped to the window', async () => {
    const { access } = await connect();
    g.addBusy('primary', '2030-05-06T07:00:00Z', '2030-05-06T08:30:00Z');
    g.addBusy(g.studioCalendarId, '2030-05-06T15:00:00Z', '2030-05-06T16:00:00Z');
    await call(eventsUrl(), { token: access, json: meetEvent('overlapping1') }); // 08:00-09:00Z
    const busy = await call(`${g.apiBase}/freeBusy`, { token: access, json: { timeMin: '2030-05-06T07:30:00Z', timeMax: '2030-05-06T20:00:00Z', items: [{ id: g.email }, { id: g.studioCalendarId }, { id: 'nobody@example.com' }] } });
    expect(busy.body).toEqual({
      kind: 'calendar#freeBusy', timeMin: '2030-05-06T07:30:00.000Z', timeMax: '2030-05-06T20:00:00.000Z',
      calendars: {
        [g.email]: { busy: [{ start: '2030-05-06T07:30:00Z', end: '2030-05-06T09:00:00Z' }] },
        [g.studioCalendarId]: { busy: [{ start: '2030-05-06T15:00:00Z', end: '2030-05-06T16:00:00Z' }] },
        'nobody@example.com': { errors: [{ domain: 'global', reason: 'notFound' }], busy: [] },
      },
    });
  });

  it('injects faults: before the operation, after it (response lost), and as a dropped socket', async () => {
    const { access } = await connect();
    g.failNext('POST /calendar/v3/calendars', 503);
    expect((await call(`${eventsUrl()}?conferenceDataVersion=1`, { token: access, json: meetEvent('fault0001') })).status).toBe(503);
    expect(g.events()).toHaveLength(0);
    g.failNext('/events', 500, { dropAfterCommit: true });
    expect((await call(`${eventsUrl()}?conferenceDataVersion=1`, { token: access, json: meetEvent('fault0001') })).status).toBe(500);
    expect(g.events().map((e) => e.id)).toEqual(['fault0001']);
    expect((await call(`${eventsUrl()}?conferenceDataVersion=1`, { token: access, json: meetEvent('fault0001') })).status).toBe(409);
    g.failNext('DELETE /fault0001', 'reset', { dropAfterCommit: true });
    await expect(call(`${eventsUrl()}/fault0001`, { method: 'DELETE', token: access })).rejects.toThrow();
    expect(g.events()).toHaveLength(0);
    expect(g.calls.filter((c) => c.method === 'POST' && c.path.endsWith('/events'))).toHaveLength(3);
  });
});

describe('Zoom emulator', () => {
  let z: ZoomEmulator;
  beforeEach(async () => { z = await startZoomEmulator(); });
  afterEach(async () => { await z.close(); });

  const client = () => `${z.clientId}:${z.clientSecret}`;
  const authParams = (challenge: string, extra: Record<string, string> = {}) => ({
    response_type: 'code', client_id: z.clientId, redirect_uri: REDIRECT, scope: ZOOM_SCOPES.join(' '), code_challenge: challenge, code_challenge_method: 'S256', state: 'zs', ...extra,
  });
  const exchange = (code: string, verifier: string, basic: string | null = client()) =>
    call(z.tokenUrl, { ...(basic ? { basic } : {}), form: { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: verifier } });
  const refresh = (refreshToken: string) => call(z.tokenUrl, { basic: client(), form: { grant_type: 'refresh_token', refresh_token: refreshToken } });
  async function connect() {
    const { verifier, challenge } = pkce();
    const { location } = await authorize(z.authorizeUrl, authParams(challenge));
    const tokens = await exchange(location?.searchParams.get('code') ?? '', verifier);
    return { access: String(tokens.body.access_token), refresh: String(tokens.body.refresh_token) };
  }
  const session = { topic: 'Private session', type: 2, start_time: '2030-05-06T10:00:00', timezone: 'Europe/Stockholm', duration: 60, agenda: 'Mat 2', settings: { join_before_host: false, waiting_room: true } };

  it('runs the code flow with PKCE and HTTP Basic client auth; codes are single use', async () => {
    const { verifier, challenge } = pkce();
    const { status, location } = await authorize(z.authorizeUrl, authParams(challenge));
    expect(status).toBe(302);
    expect(location?.searchParams.get('state')).toBe('zs');
    const code = location?.searchParams.get('code') ?? '';
    expect((await exchange(code, verifier, null)).status).toBe(400);
    const wrongClient = await exchange(code, verifier, `${z.clientId}:nope`);
    expect(wrongClient).toEqual({ status: 401, body: { reason: 'Invalid client_id or client_secret', error: 'invalid_client' } });
    const tokens = await exchange(code, verifier);
    expect(tokens.status).toBe(200);
    expect(tokens.body).toMatchObject({ token_type: 'bearer', expires_in: 3599, scope: ZOOM_SCOPES.join(' '), refresh_token: expect.any(String), access_token: expect.any(String) });
    expect((await exchange(code, verifier)).body).toEqual({ reason: `Invalid authorization code ${code}`, error: 'invalid_grant' });

    const other = await authorize(z.authorizeUrl, authParams(challenge));
    expect((await exchange(other.location?.searchParams.get('code') ?? '', pkce().verifier)).body.error).toBe('invalid_grant'); // PKCE mismatch
    expect((await authorize(z.authorizeUrl, authParams(challenge, { scope: 'meeting:write:meeting' }))).status).toBe(400);
    expect((await authorize(z.authorizeUrl, authParams(challenge, { client_id: 'other' }))).status).toBe(400);
    z.denyNextAuthorization();
    expect((await authorize(z.authorizeUrl, authParams(challenge))).location?.searchParams.get('error')).toBe('access_denied');
  });

  it('rotates refresh tokens: each refresh answers a new one and the old one fails at once', async () => {
    const tokens = await connect();
    expect(z.refreshTokensIssued).toBe(1);
    const rotated = await refresh(tokens.refresh);
    expect(rotated.status).toBe(200);
    expect(rotated.body.refresh_token).not.toBe(tokens.refresh);
    expect(z.refreshTokensIssued).toBe(2);
    expect(await refresh(tokens.refresh)).toEqual({ status: 400, body: { reason: 'Invalid Token!', error: 'invalid_grant' } });
    expect((await refresh(String(rotated.body.refresh_token))).status).toBe(200);
  });

  it('a refresh whose answer is lost has still rotated the token', async () => {
    const tokens = await connect();
    z.failNext('/oauth/token', 'reset', { dropAfterCommit: true });
    await expect(refresh(tokens.refresh)).rejects.toThrow();
    expect((await refresh(tokens.refresh)).body.reason).toBe('Invalid Token!');
  });

  it('answers 401 code 124 for expired or revoked access tokens', async () => {
    const tokens = await connect();
    const me = () => call(`${z.apiBase}/users/me`, { token: tokens.access });
    expect((await me()).body).toMatchObject({ first_name: 'Maya', last_name: 'Lindqvist', display_name: 'Maya Lindqvist', email: z.email, type: 1 });
    z.expireAccessTokens();
    expect(await me()).toEqual({ status: 401, body: { code: 124, message: 'Invalid access token.' } });
    tokens.access = String((await refresh(tokens.refresh)).body.access_token);
    expect((await me()).status).toBe(200);
    z.revokeAll();
    expect((await me()).status).toBe(401);
  });

  it('creates, reads, patches, lists and deletes meetings', async () => {
    const { access } = await connect();
    const created = await call(`${z.apiBase}/users/me/meetings`, { token: access, json: session });
    expect(created.status).toBe(201);
    const id = Number(created.body.id);
    expect(created.body).toMatchObject({ topic: 'Private session', type: 2, start_time: '2030-05-06T08:00:00Z', duration: 60, timezone: 'Europe/Stockholm', agenda: 'Mat 2', settings: { join_before_host: false, waiting_room: true } });
    expect(created.body.join_url).toMatch(new RegExp(`^https://zoom\\.us/j/${id}\\?pwd=`));
    expect(String(id)).toMatch(/^\d{11}$/);
    const url = `${z.apiBase}/meetings/${id}`;
    expect((await call(url, { method: 'PATCH', token: access, json: { start_time: '2030-05-06T09:00:00Z', duration: 45 } })).status).toBe(204);
    expect((await call(url, { token: access })).body).toMatchObject({ start_time: '2030-05-06T09:00:00Z', duration: 45, topic: 'Private session' });
    expect((await call(`${z.apiBase}/users/me/meetings`, { token: access, json: { ...session, duration: 'long' } })).body).toMatchObject({ code: 300, message: 'Validation Failed.' });
    await call(`${z.apiBase}/users/me/meetings`, { token: access, json: { ...session, start_time: '2030-05-07T10:00:00Z' } });
    const page = await call(`${z.apiBase}/users/me/meetings?type=scheduled&page_size=1`, { token: access });
    expect(page.body).toMatchObject({ page_size: 1, total_records: 2, meetings: [expect.objectContaining({ id, join_url: created.body.join_url })] });
    const rest = await call(`${z.apiBase}/users/me/meetings?type=scheduled&page_size=1&next_page_token=${String(page.body.next_page_token)}`, { token: access });
    expect(rest.body).toMatchObject({ next_page_token: '', meetings: [expect.objectContaining({ start_time: '2030-05-07T10:00:00Z' })] });
    expect((await call(url, { method: 'DELETE', token: access })).status).toBe(204);
    expect(await call(url, { method: 'DELETE', token: access })).toEqual({ status: 404, body: { code: 3001, message: `Meeting does not exist: ${id}.` } });
    expect(z.meetings()).toHaveLength(1);
  });

  it('injects a lost response after the meeting was created', async () => {
    const { access } = await connect();
    z.failNext('POST /v2/users/me/meetings', 500, { dropAfterCommit: true });
    expect((await call(`${z.apiBase}/users/me/meetings`, { token: access, json: session })).status).toBe(500);
    expect(z.meetings()).toEqual([expect.objectContaining({ topic: 'Private session' })]);
    z.failNext('/v2/meetings/', 429);
    expect((await call(`${z.apiBase}/meetings/${z.meetings()[0]?.id ?? 0}`, { method: 'DELETE', token: access })).status).toBe(429);
    expect(z.meetings()).toHaveLength(1);
    expect(z.calls.map((c) => `${c.method} ${c.path}`)).toContain('DELETE /v2/meetings/' + String(z.meetings()[0]?.id));
  });
});
