import { createHash, randomBytes, randomInt } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { faultMatches, obj, parseJson, random, zonedMs, type Call, type FailOptions, type Fault, type Json, type Reply } from './common.ts';

export type { Call, FailOptions } from './common.ts';

/**
 * Loopback emulator of Google OAuth 2.0 for installed apps (loopback redirect + PKCE) and Calendar API v3.
 * Shapes follow developers.google.com/identity/protocols/oauth2/native-app and /calendar/api/v3/reference.
 */

export const GOOGLE_SCOPES = ['https://www.googleapis.com/auth/calendar.readonly', 'https://www.googleapis.com/auth/calendar.events'];

export interface GoogleEmulatorOptions { email?: string; timeZone?: string }
export interface EventTime { dateTime: string; timeZone?: string }
export interface ConferenceData {
  createRequest: { requestId: string; conferenceSolutionKey: { type: string }; status: { statusCode: 'success' | 'pending' } };
  entryPoints?: { entryPointType: 'video'; uri: string; label: string }[];
  conferenceSolution: { key: { type: string }; name: string; iconUri: string };
  conferenceId: string;
}
export interface CalendarEvent {
  kind: 'calendar#event'; etag: string; id: string; status: 'confirmed' | 'cancelled'; htmlLink: string; created: string; updated: string;
  summary?: string; description?: string; location?: string;
  creator: { email: string; self: true }; organizer: { email: string; displayName?: string; self: true };
  start: EventTime; end: EventTime; iCalUID: string; sequence: number;
  hangoutLink?: string; conferenceData?: ConferenceData; reminders: { useDefault: boolean }; eventType: 'default';
}

export interface GoogleEmulator {
  origin: string; authorizeUrl: string; tokenUrl: string; revokeUrl: string; apiBase: string;
  clientId: string; clientSecret: string; email: string; studioCalendarId: string;
  calls: Call[];
  /** The next authorization answers `?error=access_denied&state=…`, as when the user clicks Cancel. */
  denyNextAuthorization(): void;
  /**
   * The next Meet create is asynchronous, as Google documents it may be: the insert and the first read after it
   * answer createRequest status "pending" with no link; later reads have the link.
   */
  pendingMeetNext(): void;
  /** Every grant is revoked: refresh answers invalid_grant, API calls answer 401. */
  revokeAll(): void;
  /** Access tokens issued so far answer 401 until the client refreshes. */
  expireAccessTokens(): void;
  addBusy(calendarId: string, startIso: string, endIso: string): void;
  /** Every secret it has handed out: the client secret and each access and refresh token (for leak scans). */
  secrets(): string[];
  events(calendarId?: string): CalendarEvent[];
  failNext(match: string, status: number | 'reset', options?: FailOptions): void;
  close(): Promise<void>;
}

interface Calendar { id: string; summary: string; primary: boolean; events: Map<string, CalendarEvent>; busy: { start: number; end: number }[] }

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const s256 = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');
const rfc3339 = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
const oauthError = (status: number, error: string, description: string): Reply => ({ status, body: { error, error_description: description } });
/** Calendar API errors: `{ error: { code, message, errors: [{ domain, reason, message }], status } }`. */
function apiError(code: number, message: string, reason: string, status?: string): Reply {
  return { status: code, body: { error: { code, message, errors: [{ domain: 'global', reason, message }], ...(status ? { status } : {}) } } };
}
const notFound = () => apiError(404, 'Not Found', 'notFound', 'NOT_FOUND');
const gone = () => apiError(410, 'Resource has been deleted', 'deleted');
/** Google shows an error page to the user (no redirect) for a bad client, redirect URI or request. */
const errorPage = (status: number, error: string, detail: string): Reply => ({ status, body: `<h1>Error ${status}: ${error}</h1><p>${detail}</p>` });

/** Milliseconds for an event time: an RFC 3339 offset wins, else the local time is read in `timeZone`. */
const toMs = (time: EventTime) => zonedMs(time.dateTime, time.timeZone);

export async function startGoogleEmulator(options: GoogleEmulatorOptions = {}): Promise<GoogleEmulator> {
  const email = options.email ?? 'owner@gmail.example';
  const timeZone = options.timeZone ?? 'Europe/Stockholm';
  const clientId = `${randomInt(1e11, 1e12 - 1)}-${random(12).toLowerCase().replace(/[^a-z0-9]/g, 'x')}.apps.googleusercontent.example`;
  const clientSecret = `GOCSPX-${random(21)}`;
  const studioCalendarId = `c_${randomBytes(32).toString('hex')}@group.calendar.google.com`;
  const calendars = new Map<string, Calendar>();
  for (const c of [{ id: email, summary: email, primary: true }, { id: studioCalendarId, summary: 'Studio', primary: false }]) calendars.set(c.id, { ...c, events: new Map(), busy: [] });

  const codes = new Map<string, { redirectUri: string; challenge: string; grant: string }>();
  const refreshTokens = new Map<string, string>(); // refresh token -> grant
  const accessTokens = new Map<string, { grant: string; expired: boolean }>();
  const revokedGrants = new Set<string>();
  const faults: Fault[] = [];
  const calls: Call[] = [];
  let denyNext = false;
  let pendingNext = false;
  /** Meet set-ups still "in progress": the full conference, given to the event when it is next read. */
  const settingUp = new Map<string, { reads: number; ready: Pick<CalendarEvent, 'hangoutLink' | 'conferenceData'> }>();

  function issueAccessToken(grant: string) {
    const token = `ya29.${random(48)}`;
    accessTokens.set(token, { grant, expired: false });
    return { access_token: token, expires_in: 3599, scope: GOOGLE_SCOPES.join(' '), token_type: 'Bearer' };
  }

  function authorize(q: URLSearchParams): Reply {
    if (q.get('client_id') !== clientId) return errorPage(401, 'invalid_client', 'The OAuth client was not found.');
    const redirect = URL.parse(q.get('redirect_uri') ?? '');
    // Installed apps: loopback IP redirect, any port (developers.google.com/identity/protocols/oauth2/native-app#redirect-uri_loopback).
    if (!redirect || redirect.protocol !== 'http:' || redirect.hostname !== '127.0.0.1' || !redirect.port) return errorPage(400, 'redirect_uri_mismatch', 'Loopback redirect required.');
    const scopes = (q.get('scope') ?? '').split(' ').filter(Boolean);
    if (scopes.length !== GOOGLE_SCOPES.length || !GOOGLE_SCOPES.every((s) => scopes.includes(s))) return errorPage(400, 'invalid_scope', 'Unexpected scopes.');
    if (q.get('response_type') !== 'code') return errorPage(400, 'invalid_request', 'response_type must be code.');
    // Stricter than Google (which makes PKCE and state optional): the gateway must send both.
    const challenge = q.get('code_challenge');
    if (!challenge || q.get('code_challenge_method') !== 'S256') return errorPage(400, 'invalid_request', 'S256 code_challenge required.');
    const state = q.get('state');
    if (!state) return errorPage(400, 'invalid_request', 'state required.');
    redirect.searchParams.set('state', state);
    if (denyNext) {
      denyNext = false;
      redirect.searchParams.set('error', 'access_denied');
    } else {
      const code = `4/0A${random(40)}`;
      codes.set(code, { redirectUri: q.get('redirect_uri') ?? '', challenge, grant: random(8) });
      redirect.searchParams.set('code', code);
      redirect.searchParams.set('scope', GOOGLE_SCOPES.join(' '));
    }
    return { status: 302, headers: { location: redirect.href } };
  }

  function token(req: IncomingMessage, body: string): Reply {
    const form = new URLSearchParams(body);
    const basic = /^Basic (.+)$/i.exec(req.headers.authorization ?? '');
    const [id, secret] = basic ? Buffer.from(basic[1] ?? '', 'base64').toString().split(':') : [form.get('client_id'), form.get('client_secret')];
    if (!id) return oauthError(400, 'invalid_request', 'Could not determine client ID from request.');
    if (id !== clientId) return oauthError(401, 'invalid_client', 'The OAuth client was not found.');
    if (secret !== clientSecret) return oauthError(401, 'invalid_client', 'Unauthorized');
    const grantType = form.get('grant_type');
    if (grantType === 'authorization_code') {
      const code = codes.get(form.get('code') ?? '');
      if (!code) return oauthError(400, 'invalid_grant', 'Bad Request');
      codes.delete(form.get('code') ?? ''); // single use
      if (form.get('redirect_uri') !== code.redirectUri) return oauthError(400, 'redirect_uri_mismatch', 'Bad Request');
      const verifier = form.get('code_verifier');
      if (!verifier) return oauthError(400, 'invalid_grant', 'Missing code verifier.');
      if (s256(verifier) !== code.challenge) return oauthError(400, 'invalid_grant', 'Invalid code verifier.');
      const refreshToken = `1//0${random(60)}`;
      refreshTokens.set(refreshToken, code.grant);
      return { status: 200, body: { ...issueAccessToken(code.grant), refresh_token: refreshToken } };
    }
    if (grantType === 'refresh_token') {
      const grant = refreshTokens.get(form.get('refresh_token') ?? '');
      if (!grant || revokedGrants.has(grant)) return oauthError(400, 'invalid_grant', 'Token has been expired or revoked.');
      return { status: 200, body: issueAccessToken(grant) }; // Google keeps the refresh token: none in the answer
    }
    return oauthError(400, 'unsupported_grant_type', `Invalid grant_type: ${grantType ?? ''}`);
  }

  /** POST /revoke with token=<access or refresh token> revokes the whole grant. */
  function revoke(url: URL, body: string): Reply {
    const value = new URLSearchParams(body).get('token') ?? url.searchParams.get('token') ?? '';
    const grant = refreshTokens.get(value) ?? accessTokens.get(value)?.grant;
    if (!grant || revokedGrants.has(grant)) return oauthError(400, 'invalid_token', 'Token expired or revoked');
    revokedGrants.add(grant);
    return { status: 200, body: {} };
  }

  function authenticate(req: IncomingMessage): Reply | undefined {
    const bearer = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const entry = bearer ? accessTokens.get(bearer) : undefined;
    if (entry && !entry.expired && !revokedGrants.has(entry.grant)) return undefined;
    const reply = bearer
      ? apiError(401, 'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.', 'authError', 'UNAUTHENTICATED')
      : apiError(401, 'Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential.', 'required', 'UNAUTHENTICATED');
    return { ...reply, headers: { 'www-authenticate': 'Bearer realm="https://accounts.google.com/", error="invalid_token"' } };
  }

  const calendarOf = (id: string) => calendars.get(id === 'primary' ? email : id);

  function calendarList(): Reply {
    const items = [...calendars.values()].map((c) => ({
      kind: 'calendar#calendarListEntry', etag: '"1700000000000000"', id: c.id, summary: c.summary, timeZone, colorId: c.primary ? '14' : '7',
      backgroundColor: c.primary ? '#9fe1e7' : '#42d692', foregroundColor: '#000000', selected: true, accessRole: 'owner',
      defaultReminders: c.primary ? [{ method: 'popup', minutes: 10 }] : [], conferenceProperties: { allowedConferenceSolutionTypes: ['hangoutsMeet'] },
      ...(c.primary ? { primary: true } : {}),
    }));
    return { status: 200, body: { kind: 'calendar#calendarList', etag: '"p33k9lhu6bun820o"', nextSyncToken: random(12), items } };
  }

  /** Busy intervals: seeded blocks plus live events, clipped to the window and merged. */
  function freeBusy(body: Json): Reply {
    const [timeMin, timeMax] = [str(body.timeMin), str(body.timeMax)];
    if (!timeMin) return apiError(400, 'Missing timeMin parameter.', 'required', 'INVALID_ARGUMENT');
    if (!timeMax) return apiError(400, 'Missing timeMax parameter.', 'required', 'INVALID_ARGUMENT');
    const [min, max] = [Date.parse(timeMin), Date.parse(timeMax)];
    if (!(max > min)) return apiError(400, 'The specified time range is empty.', 'timeRangeEmpty', 'INVALID_ARGUMENT');
    const result: Json = {};
    for (const item of Array.isArray(body.items) ? body.items : []) {
      const id = str(obj(item)?.id) ?? '';
      const calendar = calendarOf(id);
      if (!calendar) { result[id] = { errors: [{ domain: 'global', reason: 'notFound' }], busy: [] }; continue; }
      const live = [...calendar.events.values()].filter((e) => e.status === 'confirmed').map((e) => ({ start: toMs(e.start), end: toMs(e.end) }));
      const merged: { start: number; end: number }[] = [];
      for (const b of [...calendar.busy, ...live].filter((b) => b.end > min && b.start < max).sort((a, b) => a.start - b.start)) {
        const last = merged.at(-1);
        if (last && b.start <= last.end) last.end = Math.max(last.end, b.end);
        else merged.push({ start: Math.max(b.start, min), end: b.end });
      }
      result[id] = { busy: merged.map((b) => ({ start: rfc3339(b.start), end: rfc3339(Math.min(b.end, max)) })) };
    }
    return { status: 200, body: { kind: 'calendar#freeBusy', timeMin: new Date(min).toISOString(), timeMax: new Date(max).toISOString(), calendars: result } };
  }

  function eventTime(value: unknown, which: 'start' | 'end'): EventTime | Reply {
    const v = obj(value);
    const dateTime = str(v?.dateTime);
    if (!dateTime) return apiError(400, `Missing ${which} time.`, 'required', 'INVALID_ARGUMENT');
    const time = { dateTime, ...(str(v?.timeZone) ? { timeZone: str(v?.timeZone) } : {}) };
    if (!/([zZ]|[+-]\d\d:\d\d)$/.test(dateTime) && !time.timeZone) return apiError(400, `Missing time zone definition for ${which} time.`, 'required', 'INVALID_ARGUMENT');
    try { if (Number.isNaN(toMs(time))) throw new RangeError(); } catch { return apiError(400, `Invalid ${which} time.`, 'invalid', 'INVALID_ARGUMENT'); }
    return time;
  }

  /** Applies summary/description/location/start/end and, with conferenceDataVersion=1, a Meet create request. */
  function applyFields(event: CalendarEvent, body: Json, withConference: boolean): Reply | undefined {
    for (const key of ['summary', 'description', 'location'] as const) if (typeof body[key] === 'string') event[key] = body[key];
    for (const which of ['start', 'end'] as const) {
      if (body[which] === undefined && event[which].dateTime) continue; // insert requires both
      const time = eventTime({ ...event[which], ...obj(body[which]) }, which); // patch merges nested objects
      if ('status' in time) return time;
      event[which] = time;
    }
    if (toMs(event.end) < toMs(event.start)) return apiError(400, 'The specified time range is empty.', 'timeRangeEmpty', 'INVALID_ARGUMENT');
    const create = obj(obj(body.conferenceData)?.createRequest);
    if (!withConference || !create) return undefined; // conferenceDataVersion=0 ignores conferenceData
    const type = str(obj(create.conferenceSolutionKey)?.type);
    const requestId = str(create.requestId);
    if (type !== 'hangoutsMeet' || !requestId) return apiError(400, 'Invalid conference type value.', 'invalid', 'INVALID_ARGUMENT');
    const letters = (n: number) => Array.from({ length: n }, () => 'abcdefghijklmnopqrstuvwxyz'[randomInt(26)]).join('');
    const id = `${letters(3)}-${letters(4)}-${letters(3)}`;
    event.hangoutLink = `https://meet.google.com/${id}`;
    event.conferenceData = {
      createRequest: { requestId, conferenceSolutionKey: { type }, status: { statusCode: 'success' } },
      entryPoints: [{ entryPointType: 'video', uri: event.hangoutLink, label: `meet.google.com/${id}` }],
      conferenceSolution: { key: { type }, name: 'Google Meet', iconUri: 'https://fonts.gstatic.com/s/i/productlogos/meet_2020q4/v6/web-512dp/logo_meet_2020q4_color_2x_web_512dp.png' },
      conferenceId: id,
    };
    return undefined;
  }

  function eventsApi(method: string, calendar: Calendar, eventId: string | undefined, body: Json, withConference: boolean): Reply {
    const now = new Date().toISOString();
    const existing = eventId === undefined ? undefined : calendar.events.get(eventId);
    if (method === 'POST' && eventId === undefined) {
      // Client-chosen ids: base32hex (a-v, 0-9), 5-1024 chars, unique per calendar even after deletion.
      const id = str(body.id) ?? Array.from({ length: 26 }, () => '0123456789abcdefghijklmnopqrstuv'[randomInt(32)]).join('');
      if (!/^[a-v0-9]{5,1024}$/.test(id)) return apiError(400, 'Invalid resource id value.', 'invalid', 'INVALID_ARGUMENT');
      if (calendar.events.has(id)) return apiError(409, 'The requested identifier already exists.', 'duplicate', 'ALREADY_EXISTS');
      const event: CalendarEvent = {
        kind: 'calendar#event', etag: `"${Date.now()}000"`, id, status: 'confirmed', htmlLink: `https://www.google.com/calendar/event?eid=${Buffer.from(`${id} ${calendar.id}`).toString('base64url')}`,
        created: now, updated: now, creator: { email, self: true }, organizer: { email: calendar.id, ...(calendar.primary ? {} : { displayName: calendar.summary }), self: true },
        start: { dateTime: '' }, end: { dateTime: '' }, iCalUID: `${id}@google.com`, sequence: 0, reminders: { useDefault: true }, eventType: 'default',
      };
      const invalid = applyFields(event, body, withConference);
      if (invalid) return invalid;
      if (pendingNext && event.conferenceData) {
        pendingNext = false;
        settingUp.set(id, { reads: 1, ready: { hangoutLink: event.hangoutLink, conferenceData: event.conferenceData } });
        event.conferenceData = { ...event.conferenceData, createRequest: { ...event.conferenceData.createRequest, status: { statusCode: 'pending' } } };
        delete event.conferenceData.entryPoints;
        delete event.hangoutLink;
      }
      calendar.events.set(id, event);
      return { status: 200, body: event };
    }
    if (!existing) return notFound();
    const pending = eventId === undefined ? undefined : settingUp.get(eventId);
    if (pending && eventId !== undefined) {
      if (pending.reads > 0) pending.reads -= 1;
      else {
        Object.assign(existing, pending.ready);
        settingUp.delete(eventId);
      }
    }
    if (method === 'GET') return { status: 200, body: existing }; // events.get also returns deleted (cancelled) events
    if (existing.status === 'cancelled') return gone();
    if (method === 'DELETE') {
      existing.status = 'cancelled';
      existing.updated = now;
      return { status: 204 };
    }
    if (method === 'PATCH') {
      const draft: CalendarEvent = structuredClone(existing);
      const invalid = applyFields(draft, body, withConference);
      if (invalid) return invalid;
      if (toMs(draft.start) !== toMs(existing.start) || toMs(draft.end) !== toMs(existing.end)) draft.sequence += 1;
      Object.assign(existing, draft, { updated: now, etag: `"${Date.now()}001"` });
      return { status: 200, body: existing };
    }
    return notFound();
  }

  function route(req: IncomingMessage, url: URL, raw: string): Reply {
    const method = req.method ?? 'GET';
    const path = url.pathname;
    if (method === 'GET' && path === '/o/oauth2/v2/auth') return authorize(url.searchParams);
    if (method === 'POST' && path === '/token') return token(req, raw);
    if (method === 'POST' && path === '/revoke') return revoke(url, raw);
    if (!path.startsWith('/calendar/v3/')) return notFound();
    const unauthenticated = authenticate(req);
    if (unauthenticated) return unauthenticated;
    const body = parseJson(raw);
    if (!body) return apiError(400, 'Invalid JSON payload received.', 'parseError', 'INVALID_ARGUMENT');
    if (method === 'GET' && path === '/calendar/v3/users/me/calendarList') return calendarList();
    if (method === 'POST' && path === '/calendar/v3/freeBusy') return freeBusy(body);
    const match = /^\/calendar\/v3\/calendars\/([^/]+)\/events(?:\/([^/]+))?$/.exec(path);
    const calendar = match ? calendarOf(decodeURIComponent(match[1] ?? '')) : undefined;
    if (!match || !calendar) return notFound();
    return eventsApi(method, calendar, match[2] === undefined ? undefined : decodeURIComponent(match[2]), body, url.searchParams.get('conferenceDataVersion') === '1');
  }

  function send(res: ServerResponse, reply: Reply | 'reset') {
    if (reply === 'reset') return void res.socket?.destroy();
    const text = reply.body === undefined ? '' : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
    const type = typeof reply.body === 'string' ? 'text/html; charset=utf-8' : 'application/json; charset=UTF-8';
    res.writeHead(reply.status, { ...(text ? { 'content-type': type } : {}), 'cache-control': 'no-store', ...reply.headers }).end(text);
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c)).on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const method = req.method ?? 'GET';
      calls.push({ method, path: url.pathname, query: url.search });
      const index = faults.findIndex((f) => faultMatches(f.match, method, url.pathname));
      const fault = index >= 0 ? faults.splice(index, 1)[0] : undefined;
      const failure = (f: Fault) => (f.status === 'reset' ? 'reset' : apiError(f.status, f.status === 429 ? 'Rate Limit Exceeded' : 'Backend Error', f.status === 429 ? 'rateLimitExceeded' : 'backendError'));
      if (fault && !fault.dropAfterCommit) return send(res, failure(fault));
      let reply: Reply;
      try { reply = route(req, url, Buffer.concat(chunks).toString()); } catch (err) { reply = apiError(500, String(err), 'backendError', 'INTERNAL'); }
      send(res, fault ? failure(fault) : reply);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    origin, authorizeUrl: `${origin}/o/oauth2/v2/auth`, tokenUrl: `${origin}/token`, revokeUrl: `${origin}/revoke`, apiBase: `${origin}/calendar/v3`,
    clientId, clientSecret, email, studioCalendarId, calls,
    denyNextAuthorization: () => { denyNext = true; },
    pendingMeetNext: () => { pendingNext = true; },
    revokeAll: () => { for (const grant of [...refreshTokens.values(), ...[...accessTokens.values()].map((t) => t.grant)]) revokedGrants.add(grant); },
    expireAccessTokens: () => { for (const entry of accessTokens.values()) entry.expired = true; },
    addBusy(calendarId, startIso, endIso) {
      const calendar = calendarOf(calendarId);
      if (!calendar) throw new Error(`unknown calendar ${calendarId}`);
      calendar.busy.push({ start: Date.parse(startIso), end: Date.parse(endIso) });
    },
    secrets: () => [clientSecret, ...refreshTokens.keys(), ...accessTokens.keys()],
    events: (calendarId) => [...calendars.values()].filter((c) => !calendarId || c === calendarOf(calendarId)).flatMap((c) => [...c.events.values()]).filter((e) => e.status === 'confirmed'),
    failNext: (match, status, opts = {}) => { faults.push({ match, status, dropAfterCommit: opts.dropAfterCommit ?? false }); },
    close: () => new Promise<void>((resolve) => { server.close(() => resolve()); server.closeAllConnections(); }),
  };
}
