import { createHash, randomBytes, randomInt } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { faultMatches, obj, parseJson, random, zonedMs, type Call, type FailOptions, type Fault, type Json, type Reply } from './common.ts';

export type { Call, FailOptions } from './common.ts';

/**
 * Loopback emulator of Zoom OAuth (authorization code + PKCE, rotating refresh tokens) and the Zoom API v2 meetings endpoints.
 * Shapes follow developers.zoom.us/docs/integrations/oauth/ and /docs/api/meetings/.
 */

export const ZOOM_SCOPES = ['meeting:write:meeting', 'meeting:read:meeting', 'user:read:user'];

export interface ZoomEmulatorOptions { email?: string; timezone?: string }
export interface ZoomMeeting {
  uuid: string; id: number; host_id: string; host_email: string; topic: string; type: number; status: 'waiting';
  start_time: string; duration: number; timezone: string; agenda: string; created_at: string;
  start_url: string; join_url: string; password: string; h323_password: string; pstn_password: string; encrypted_password: string;
  settings: Record<string, unknown>; pre_schedule: false;
}

export interface ZoomEmulator {
  origin: string; authorizeUrl: string; tokenUrl: string; revokeUrl: string; apiBase: string;
  clientId: string; clientSecret: string; email: string; userId: string;
  calls: Call[];
  /** Every refresh token issued so far: one per code exchange plus one per refresh (Zoom rotates on every refresh). */
  readonly refreshTokensIssued: number;
  /** The next authorization answers `?error=access_denied&state=…`. */
  denyNextAuthorization(): void;
  /** Every token becomes invalid: refresh answers invalid_grant, API calls 401 (code 124). */
  revokeAll(): void;
  /** Access tokens issued so far answer 401 (code 124) until the client refreshes. */
  expireAccessTokens(): void;
  meetings(): ZoomMeeting[];
  /** The owner deletes a meeting in Zoom's own app. */
  deleteMeeting(id: number): void;
  /** Every secret it has handed out: the client secret and each access and refresh token (for leak scans). */
  secrets(): string[];
  /** `match`: `'PATCH /v2/meetings'` (method + path substring) or a path substring; `'reset'` destroys the socket. */
  failNext(match: string, status: number | 'reset', options?: FailOptions): void;
  close(): Promise<void>;
}


/** Zoom's OAuth errors: `{ reason, error }`. */
const oauthError = (status: number, error: string, reason: string): Reply => ({ status, body: { reason, error } });
/** Zoom's API errors: `{ code, message }` (validation adds `errors: [{ field, message }]`). */
const apiError = (status: number, code: number, message: string, errors?: { field: string; message: string }[]): Reply => ({ status, body: { code, message, ...(errors ? { errors } : {}) } });
const noMeeting = (id: string) => apiError(404, 3001, `Meeting does not exist: ${id}.`);
const invalidToken = () => apiError(401, 124, 'Invalid access token.');
const errorPage = (detail: string): Reply => ({ status: 400, body: `<h1>Zoom</h1><p>${detail}</p>` });
const gmt = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

function validZone(zone: string): boolean {
  try { return Boolean(new Intl.DateTimeFormat('en-US', { timeZone: zone })); } catch { return false; }
}

/** start_time: GMT `yyyy-MM-ddTHH:mm:ssZ`, or local `yyyy-MM-ddTHH:mm:ss` read in `timezone`. */
const startMs = (value: string, timeZone: string) => zonedMs(value, timeZone);

export async function startZoomEmulator(options: ZoomEmulatorOptions = {}): Promise<ZoomEmulator> {
  const email = options.email ?? 'maya@studio.example';
  const userTimezone = options.timezone ?? 'Europe/Stockholm';
  const clientId = random(16);
  const clientSecret = random(24);
  const userId = random(16);
  const codes = new Map<string, { redirectUri: string; challenge?: string; method: string }>();
  const refreshTokens = new Set<string>();
  const accessTokens = new Map<string, { expired: boolean }>();
  const meetings = new Map<number, ZoomMeeting>();
  const faults: Fault[] = [];
  const calls: Call[] = [];
  let refreshTokensIssued = 0;
  const issued: string[] = [];
  let denyNext = false;

  function issueTokens(origin: string) {
    const access = `eyJ${random(90)}`;
    const refresh = `eyJ${random(90)}`;
    accessTokens.set(access, { expired: false });
    refreshTokens.add(refresh);
    refreshTokensIssued += 1;
    issued.push(access, refresh);
    return { access_token: access, token_type: 'bearer', refresh_token: refresh, expires_in: 3599, scope: ZOOM_SCOPES.join(' '), api_url: origin };
  }

  function authorize(q: URLSearchParams): Reply {
    if (q.get('client_id') !== clientId) return errorPage('Invalid client_id: (4,702)');
    const redirect = URL.parse(q.get('redirect_uri') ?? '');
    if (!redirect || redirect.protocol !== 'http:' || redirect.hostname !== '127.0.0.1' || !redirect.port) return errorPage('Invalid redirect: (4,700)');
    if (q.get('response_type') !== 'code') return errorPage('Unsupported response type: (4,700)');
    // Scopes live on the app; a requested `scope` must name exactly the app's granular scopes.
    const scope = q.get('scope');
    const requested = (scope ?? '').split(' ').filter(Boolean);
    if (scope !== null && (requested.length !== ZOOM_SCOPES.length || !ZOOM_SCOPES.every((s) => requested.includes(s)))) return errorPage('Invalid scope: (4,700)');
    // PKCE: code_challenge_method defaults to plain; S256 and plain are supported.
    const challenge = q.get('code_challenge') ?? undefined;
    const method = q.get('code_challenge_method') ?? 'plain';
    if (challenge && method !== 'S256' && method !== 'plain') return errorPage('Invalid code_challenge_method: (4,700)');
    const state = q.get('state');
    if (denyNext) {
      denyNext = false;
      redirect.searchParams.set('error', 'access_denied');
    } else {
      const code = random(24);
      codes.set(code, { redirectUri: q.get('redirect_uri') ?? '', method, ...(challenge ? { challenge } : {}) });
      redirect.searchParams.set('code', code);
    }
    if (state !== null) redirect.searchParams.set('state', state);
    return { status: 302, headers: { location: redirect.href } };
  }

  /** POST /oauth/token: client auth by `Authorization: Basic base64(client_id:client_secret)` only. */
  function token(req: IncomingMessage, body: string, origin: string): Reply {
    const basic = /^Basic (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (!basic) return oauthError(400, 'invalid_request', 'Client ID or client secret is missing.');
    const [id, secret] = Buffer.from(basic, 'base64').toString().split(':');
    if (id !== clientId || secret !== clientSecret) return oauthError(401, 'invalid_client', 'Invalid client_id or client_secret');
    const form = new URLSearchParams(body);
    const grantType = form.get('grant_type');
    if (grantType === 'authorization_code') {
      const value = form.get('code') ?? '';
      const code = codes.get(value);
      if (!code) return oauthError(400, 'invalid_grant', `Invalid authorization code ${value}`);
      codes.delete(value); // single use
      if (form.get('redirect_uri') !== code.redirectUri) return oauthError(400, 'invalid_request', 'Redirect URI mismatch.');
      const verifier = form.get('code_verifier') ?? '';
      const derived = code.method === 'S256' ? createHash('sha256').update(verifier).digest('base64url') : verifier;
      if (code.challenge && derived !== code.challenge) return oauthError(400, 'invalid_grant', 'Invalid code verifier');
      return { status: 200, body: issueTokens(origin) };
    }
    if (grantType === 'refresh_token') {
      // Rotation: every refresh answers a new refresh token and the presented one stops working at once.
      if (!refreshTokens.delete(form.get('refresh_token') ?? '')) return oauthError(400, 'invalid_grant', 'Invalid Token!');
      return { status: 200, body: issueTokens(origin) };
    }
    return oauthError(400, 'unsupported_grant_type', 'Unsupported grant type');
  }

  function revokeAll() {
    refreshTokens.clear();
    accessTokens.clear();
  }

  function validate(body: Json): Reply | undefined {
    const errors: { field: string; message: string }[] = [];
    const check = (field: string, ok: (v: unknown) => boolean, message: string) => {
      if (body[field] !== undefined && !ok(body[field])) errors.push({ field, message });
    };
    check('topic', (v) => typeof v === 'string' && v.length <= 200, 'Topic must be at most 200 characters.');
    check('type', (v) => [1, 2, 3, 8, 10].includes(Number(v)), 'Invalid meeting type.');
    check('duration', (v) => Number.isInteger(v) && Number(v) >= 0, 'Invalid duration.');
    check('timezone', (v) => typeof v === 'string' && validZone(v), 'Invalid timezone.');
    check('agenda', (v) => typeof v === 'string' && v.length <= 2000, 'Agenda must be at most 2000 characters.');
    check('settings', (v) => obj(v) !== undefined, 'Invalid settings.');
    const zone = typeof body.timezone === 'string' && validZone(body.timezone) ? body.timezone : userTimezone;
    check('start_time', (v) => typeof v === 'string' && !Number.isNaN(startMs(v, zone)), 'Invalid start_time.');
    return errors.length ? apiError(400, 300, 'Validation Failed.', errors) : undefined;
  }

  /** Copies the writable fields; start_time is stored in GMT as Zoom answers it. */
  function apply(meeting: ZoomMeeting, body: Json) {
    if (typeof body.topic === 'string') meeting.topic = body.topic;
    if (typeof body.agenda === 'string') meeting.agenda = body.agenda;
    if (body.type !== undefined) meeting.type = Number(body.type);
    if (typeof body.duration === 'number') meeting.duration = body.duration;
    if (typeof body.timezone === 'string') meeting.timezone = body.timezone;
    if (typeof body.start_time === 'string') meeting.start_time = gmt(startMs(body.start_time, meeting.timezone));
    meeting.settings = { ...meeting.settings, ...obj(body.settings) };
  }

  function createMeeting(body: Json): Reply {
    const id = randomInt(1e10, 1e11); // 11-digit meeting number
    const encrypted = random(24);
    const meeting: ZoomMeeting = {
      uuid: randomBytes(16).toString('base64'), id, host_id: userId, host_email: email, topic: 'Zoom Meeting', type: 2, status: 'waiting',
      start_time: gmt(Date.now()), duration: 60, timezone: userTimezone, agenda: '', created_at: gmt(Date.now()),
      start_url: `https://zoom.us/s/${id}?zak=${random(48)}`, join_url: `https://zoom.us/j/${id}?pwd=${encrypted}`,
      password: random(4), h323_password: String(randomInt(1e5, 1e6)), pstn_password: String(randomInt(1e5, 1e6)), encrypted_password: encrypted,
      settings: { host_video: false, participant_video: false, join_before_host: false, jbh_time: 0, mute_upon_entry: false, waiting_room: true, approval_type: 2, audio: 'voip', auto_recording: 'none', meeting_authentication: false },
      pre_schedule: false,
    };
    apply(meeting, body);
    meetings.set(id, meeting);
    return { status: 201, body: meeting };
  }

  /** GET /v2/users/me/meetings: `next_page_token` pages through; empty on the last page. */
  function listMeetings(q: URLSearchParams): Reply {
    const pageSize = Number(q.get('page_size') ?? 30);
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 300) return apiError(400, 300, 'Validation Failed.', [{ field: 'page_size', message: 'Invalid page_size.' }]);
    const offset = Number(Buffer.from(q.get('next_page_token') ?? '', 'base64url').toString() || 0);
    const all = [...meetings.values()].filter((m) => q.get('type') !== 'upcoming' || Date.parse(m.start_time) >= Date.now()).sort((a, b) => a.start_time.localeCompare(b.start_time));
    const page = all.slice(offset, offset + pageSize).map(({ uuid, id, host_id, topic, type, start_time, duration, timezone, agenda, created_at, join_url }) => ({ uuid, id, host_id, topic, type, start_time, duration, timezone, agenda, created_at, join_url }));
    const next = offset + pageSize < all.length ? Buffer.from(String(offset + pageSize)).toString('base64url') : '';
    return { status: 200, body: { page_size: pageSize, total_records: all.length, next_page_token: next, meetings: page } };
  }

  function route(req: IncomingMessage, url: URL, raw: string, origin: string): Reply {
    const method = req.method ?? 'GET';
    const path = url.pathname;
    if (method === 'GET' && path === '/oauth/authorize') return authorize(url.searchParams);
    if (method === 'POST' && path === '/oauth/token') return token(req, raw, origin);
    if (method === 'POST' && path === '/oauth/revoke') {
      const value = url.searchParams.get('token') ?? new URLSearchParams(raw).get('token') ?? '';
      if (!refreshTokens.delete(value) && !accessTokens.delete(value)) return oauthError(400, 'invalid_request', 'Invalid Token!');
      revokeAll(); // revoking either token of a user authorization removes the app's access
      return { status: 200, body: { status: 'success' } };
    }
    if (!path.startsWith('/v2/')) return apiError(404, 404, 'Not Found');
    const bearer = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? '';
    const access = accessTokens.get(bearer);
    if (!access || access.expired) return invalidToken();
    const body = parseJson(raw);
    if (!body) return apiError(400, 300, 'Request Body should be a valid JSON object.');
    const user = /^\/v2\/users\/([^/]+)(\/meetings)?$/.exec(path);
    if (user && !['me', userId, email].includes(decodeURIComponent(user[1] ?? ''))) return apiError(404, 1001, `User does not exist: ${user[1] ?? ''}.`);
    if (user && !user[2] && method === 'GET') {
      return { status: 200, body: {
        id: userId, first_name: 'Maya', last_name: 'Lindqvist', display_name: 'Maya Lindqvist', email, type: 1, role_name: 'Owner', pmi: 5551234567, use_pmi: false,
        personal_meeting_url: 'https://zoom.us/j/5551234567', timezone: userTimezone, verified: 1, dept: '', created_at: '2021-03-01T09:00:00Z',
        last_login_time: gmt(Date.now()), language: 'en-US', phone_number: '', status: 'active', role_id: '0', account_id: 'studioAcct01', account_number: 1234567, cluster: 'us05',
      } };
    }
    if (user && user[2] && method === 'POST') return validate(body) ?? createMeeting(body);
    if (user && user[2] && method === 'GET') return listMeetings(url.searchParams);
    const one = /^\/v2\/meetings\/([^/]+)$/.exec(path);
    if (!one) return apiError(404, 404, 'Not Found');
    const idText = decodeURIComponent(one[1] ?? '');
    const meeting = meetings.get(Number(idText));
    if (!meeting) return noMeeting(idText);
    if (method === 'GET') return { status: 200, body: meeting };
    if (method === 'PATCH') {
      const invalid = validate(body);
      if (invalid) return invalid;
      apply(meeting, body);
      return { status: 204 };
    }
    if (method === 'DELETE') {
      meetings.delete(meeting.id);
      return { status: 204 };
    }
    return apiError(405, 405, 'Method Not Allowed');
  }

  function send(res: ServerResponse, reply: Reply | 'reset') {
    if (reply === 'reset') return void res.socket?.destroy();
    const text = reply.body === undefined ? '' : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
    const type = typeof reply.body === 'string' ? 'text/html; charset=utf-8' : 'application/json;charset=UTF-8';
    res.writeHead(reply.status, { ...(text ? { 'content-type': type } : {}), ...reply.headers }).end(text);
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c)).on('end', () => {
      const url = new URL(req.url ?? '/', origin);
      const method = req.method ?? 'GET';
      calls.push({ method, path: url.pathname, query: url.search });
      const index = faults.findIndex((f) => faultMatches(f.match, method, url.pathname));
      const fault = index >= 0 ? faults.splice(index, 1)[0] : undefined;
      const failure = (f: Fault) => (f.status === 'reset' ? 'reset' : apiError(f.status, f.status, f.status === 429 ? 'You have reached the maximum per-second rate limit for this API. Try again later.' : 'Internal Error.'));
      if (fault && !fault.dropAfterCommit) return send(res, failure(fault));
      let reply: Reply;
      try { reply = route(req, url, Buffer.concat(chunks).toString(), origin); } catch (err) { reply = apiError(500, 500, String(err)); }
      send(res, fault ? failure(fault) : reply);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    origin, authorizeUrl: `${origin}/oauth/authorize`, tokenUrl: `${origin}/oauth/token`, revokeUrl: `${origin}/oauth/revoke`, apiBase: `${origin}/v2`,
    clientId, clientSecret, email, userId, calls,
    get refreshTokensIssued() { return refreshTokensIssued; },
    denyNextAuthorization: () => { denyNext = true; },
    revokeAll,
    expireAccessTokens: () => { for (const entry of accessTokens.values()) entry.expired = true; },
    meetings: () => [...meetings.values()],
    deleteMeeting: (id) => void meetings.delete(id),
    secrets: () => [clientSecret, ...issued],
    failNext: (match, status, opts = {}) => { faults.push({ match, status, dropAfterCommit: opts.dropAfterCommit ?? false }); },
    close: () => new Promise<void>((resolve) => { server.close(() => resolve()); server.closeAllConnections(); }),
  };
}
