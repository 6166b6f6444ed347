import type { IncomingHttpHeaders } from 'node:http';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOwnerSessions, issueLoginLink } from '../../../src/main/control/owner-sessions.ts';
import { createStorage, type Storage } from '../../../src/main/storage/index.ts';
import { exportPublicKey, generatePanelKey, PANEL_LIFETIMES, signRequest, type PanelKey } from '../../../src/shared/panel-auth.ts';
import { TestBrowser } from '../../support/browser.ts';
import { OwnerPanel, startTestGateway, tempDir, type TestGateway } from '../../support/gateway.ts';
import { authorizeUrl, pkcePair, REDIRECT, registerClient } from '../../support/oauth.ts';

const HOST = '127.0.0.1:8787';
const BASE = `http://${HOST}`;

describe('owner sessions (the module, on a clock the test moves)', () => {
  let storage: Storage;
  let t: number;
  beforeEach(() => {
    storage = createStorage(join(tempDir(), 'gateway.sqlite'));
    t = 1_900_000_000;
  });
  afterEach(() => storage.close());

  const sessionsAt = () => createOwnerSessions({ storage, now: () => t });
  const keyOf = (link: string) => new URL(link).hash.replace('#login=', '');

  async function signedIn(sessions = sessionsAt()) {
    const { publicKey, privateKey } = await generatePanelKey();
    const session = sessions.signIn({ loginKey: keyOf(sessions.issueLoginLink(BASE)), publicKey: await exportPublicKey(publicKey), userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0 Safari/537.36' });
    return { sessions, session, privateKey };
  }

  async function headers(key: PanelKey, id: string, method: 'GET' | 'POST', path: string, body?: string, created = t): Promise<IncomingHttpHeaders> {
    const signed = await signRequest(key, id, { method, url: `${BASE}${path}`, ...(body === undefined ? {} : { body }) }, created);
    return { host: HOST, 'content-digest': signed['Content-Digest'], 'signature-input': signed['Signature-Input'], signature: signed.Signature };
  }

  it('puts the one-time key in the fragment, and takes it once, within the link lifetime only', async () => {
    const sessions = sessionsAt();
    const link = sessions.issueLoginLink(BASE);
    expect(link).toMatch(/^http:\/\/127\.0\.0\.1:8787\/panel\/#login=[\w-]{43}$/);
    const { publicKey } = await generatePanelKey();
    const jwk = await exportPublicKey(publicKey);
    const session = sessions.signIn({ loginKey: keyOf(link), publicKey: jwk, userAgent: undefined });
    expect(session.browser).toBe('A browser');
    expect(() => sessions.signIn({ loginKey: keyOf(link), publicKey: jwk, userAgent: undefined })).toThrow(/already used or has expired/);

    const late = sessions.issueLoginLink(BASE);
    t += PANEL_LIFETIMES.loginLink + 1;
    expect(() => sessions.signIn({ loginKey: keyOf(late), publicKey: jwk, userAgent: undefined })).toThrow(/already used or has expired/);
  });

  it('refuses a public key that is not a P-256 point, without spending the link', async () => {
    const sessions = sessionsAt();
    const link = sessions.issueLoginLink(BASE);
    const { publicKey } = await generatePanelKey();
    const good = await exportPublicKey(publicKey);
    expect(() => sessions.signIn({ loginKey: keyOf(link), publicKey: { ...good, x: good.y }, userAgent: undefined })).toThrow(/not a P-256 public key/);
    expect(sessions.signIn({ loginKey: keyOf(link), publicKey: good, userAgent: undefined }).id).toMatch(/^[\w-]{32}$/);
  });

  it('accepts a request signed by the session key once; the same request again is a replay', async () => {
    const { sessions, session, privateKey } = await signedIn();
    const request = await headers(privateKey, session.id, 'POST', '/api/control/gateway.status', '{}');
    const first = sessions.authenticate('POST', request, '/api/control/gateway.status');
    expect(first).toMatchObject({ ok: true, session: { id: session.id, browser: 'Chrome 131 on Linux' } });
    expect(first.ok && sessions.bodyMatches(Buffer.from('{}'), first.expectedDigest)).toBe(true);
    expect(first.ok && sessions.bodyMatches(Buffer.from('{"paused":true}'), first.expectedDigest)).toBe(false);
    expect(sessions.authenticate('POST', request, '/api/control/gateway.status')).toMatchObject({ ok: false, code: 'replayed_request' });
  });

  it('refuses the session id signed by any other key, and a signature moved to another path, method or host', async () => {
    const { sessions, session, privateKey } = await signedIn();
    const stranger = await generatePanelKey();
    const forged = await headers(stranger.privateKey, session.id, 'POST', '/api/control/gateway.setPaused', '{"paused":true}');
    expect(sessions.authenticate('POST', forged, '/api/control/gateway.setPaused')).toMatchObject({ ok: false, code: 'bad_signature' });

    const status = await headers(privateKey, session.id, 'POST', '/api/control/gateway.status', '{}');
    expect(sessions.authenticate('POST', status, '/api/control/workspace.wipe')).toMatchObject({ ok: false, code: 'bad_signature' });
    expect(sessions.authenticate('GET', status, '/api/control/gateway.status')).toMatchObject({ ok: false, code: 'bad_signature' });
    expect(sessions.authenticate('POST', { ...status, host: 'localhost:8787' }, '/api/control/gateway.status')).toMatchObject({ ok: false, code: 'bad_signature' });
    // Refused signatures spend nothing: the genuine request still goes through once.
    expect(sessions.authenticate('POST', status, '/api/control/gateway.status').ok).toBe(true);
  });

  it('refuses a malformed or missing signature, and names a session that does not exist as signed out', async () => {
    const { sessions, session, privateKey } = await signedIn();
    const good = await headers(privateKey, session.id, 'POST', '/x', '{}');
    expect(sessions.authenticate('POST', { host: HOST }, '/x')).toMatchObject({ ok: false, code: 'not_signed_in' });
    expect(sessions.authenticate('POST', { ...good, signature: 'panel=:AAAA:' }, '/x')).toMatchObject({ ok: false, code: 'bad_signature' });
    expect(sessions.authenticate('POST', { ...good, 'signature-input': String(good['signature-input']).replace('ecdsa-p256-sha256', 'hmac-sha256') }, '/x')).toMatchObject({ ok: false, code: 'bad_signature' });
    expect(sessions.authenticate('POST', { ...good, 'content-digest': undefined }, '/x')).toMatchObject({ ok: false, code: 'bad_signature' });
    const unknown = await headers(privateKey, 'A'.repeat(32), 'POST', '/x', '{}');
    expect(sessions.authenticate('POST', unknown, '/x')).toMatchObject({ ok: false, code: 'session_ended' });
  });

  it('refuses a signature older than a minute or from the future', async () => {
    const { sessions, session, privateKey } = await signedIn();
    expect(sessions.authenticate('POST', await headers(privateKey, session.id, 'POST', '/x', '{}', t - 61), '/x')).toMatchObject({ ok: false, code: 'stale_signature' });
    expect(sessions.authenticate('POST', await headers(privateKey, session.id, 'POST', '/x', '{}', t + 30), '/x')).toMatchObject({ ok: false, code: 'stale_signature' });
    expect(sessions.authenticate('POST', await headers(privateKey, session.id, 'POST', '/x', '{}', t + 5), '/x').ok).toBe(true);
  });

  it('ends every session and every unused link when the gateway starts again: nothing signed or captured before works after', async () => {
    const { sessions, session, privateKey } = await signedIn();
    const unused = sessions.issueLoginLink(BASE);
    // Signed now, for a minute from now: what a page in the panel's origin could prepare while the gateway is down.
    const prepared = await headers(privateKey, session.id, 'POST', '/x', '{}', t + 5);
    t += 1;
    const restarted = createOwnerSessions({ storage, now: () => t });
    expect(restarted.authenticate('POST', prepared, '/x')).toMatchObject({ ok: false, code: 'session_ended' });
    expect(restarted.list()).toEqual([]);
    const jwk = await exportPublicKey((await generatePanelKey()).publicKey);
    expect(() => restarted.signIn({ loginKey: keyOf(unused), publicKey: jwk, userAgent: undefined })).toThrow(/already used or has expired/);
  });

  it(`ends a session ${PANEL_LIFETIMES.sessionIdle / 60} minutes after its last request, and ${PANEL_LIFETIMES.sessionMax / 3600} hours after sign-in however busy`, async () => {
    const { sessions, session, privateKey } = await signedIn();
    t += PANEL_LIFETIMES.sessionIdle - 1;
    expect(sessions.authenticate('POST', await headers(privateKey, session.id, 'POST', '/x', '{}'), '/x').ok).toBe(true);
    t += PANEL_LIFETIMES.sessionIdle + 1;
    const idle = sessions.authenticate('POST', await headers(privateKey, session.id, 'POST', '/x', '{}'), '/x');
    expect(idle).toMatchObject({ ok: false, code: 'session_ended', message: expect.stringContaining('without use') });
    expect(storage.panelSessions.find(session.id)).toBeUndefined();

    const busy = await signedIn(sessions);
    const end = t + PANEL_LIFETIMES.sessionMax;
    while (t < end) {
      t += 20 * 60;
      const answer = sessions.authenticate('POST', await headers(busy.privateKey, busy.session.id, 'POST', '/x', '{}'), '/x');
      expect(answer.ok).toBe(t <= end);
    }
  });

  it('signs one browser out at once, or every browser, and lists who is signed in', async () => {
    const sessions = sessionsAt();
    const a = await signedIn(sessions);
    const b = await signedIn(sessions);
    expect(sessions.list(a.session.id).map((s) => [s.id, s.current])).toEqual(
      expect.arrayContaining([
        [a.session.id, true],
        [b.session.id, false],
      ]),
    );
    sessions.signOut(b.session.id);
    expect(sessions.authenticate('POST', await headers(b.privateKey, b.session.id, 'POST', '/x', '{}'), '/x')).toMatchObject({ ok: false, code: 'session_ended' });
    expect(() => sessions.signOut(b.session.id)).toThrow(/already signed out/);
    expect(sessions.authenticate('POST', await headers(a.privateKey, a.session.id, 'POST', '/x', '{}'), '/x').ok).toBe(true);
    await signedIn(sessions);
    expect(sessions.signOutEverywhere()).toEqual({ signedOut: 2 });
    expect(sessions.authenticate('POST', await headers(a.privateKey, a.session.id, 'POST', '/x', '{}'), '/x')).toMatchObject({ ok: false, code: 'session_ended' });
    expect(sessions.list()).toEqual([]);
  });

  it('a link issued by the CLI (another process on the same file) signs in the running gateway', async () => {
    const sessions = sessionsAt();
    const link = issueLoginLink(storage, BASE, t);
    const { publicKey } = await generatePanelKey();
    expect(sessions.signIn({ loginKey: keyOf(link), publicKey: await exportPublicKey(publicKey), userAgent: undefined }).createdAt).toBe(t);
  });
});

describe('owner sessions over HTTP', () => {
  let tg: TestGateway;
  beforeEach(async () => {
    tg = await startTestGateway();
  });
  afterEach(async () => {
    await tg.close();
  });

  async function signInRequest(origin: string | undefined, loginKey: string) {
    const { publicKey } = await generatePanelKey();
    return fetch(`${tg.gateway.panelOrigin}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(origin ? { origin } : {}) },
      body: JSON.stringify({ loginKey, publicKey: await exportPublicKey(publicKey) }),
    });
  }

  it('trades a link key only from the panel page itself, once, and sets no cookie', async () => {
    const loginKey = new URL(tg.gateway.issueLoginLink()).hash.slice('#login='.length);
    for (const origin of [undefined, 'http://127.0.0.1:9', 'https://attacker.example', tg.gateway.issuer, tg.gateway.panelOrigin.replace('127.0.0.1', 'localhost')]) {
      expect((await signInRequest(origin, loginKey)).status, String(origin)).toBe(403);
    }
    const first = await signInRequest(tg.gateway.panelOrigin, loginKey);
    expect(first.status).toBe(201);
    expect(first.headers.get('set-cookie')).toBeNull();
    const again = await signInRequest(tg.gateway.panelOrigin, loginKey);
    expect(again.status).toBe(403);
    expect(await again.json()).toMatchObject({ error: { code: 'login_link_used' } });
  });

  it('refuses a control call with no signature, a copied session id, or a request replayed byte for byte; nothing changes', async () => {
    const path = '/api/control/gateway.setPaused';
    const body = JSON.stringify({ paused: true });
    const send = (headers: Record<string, string>) => fetch(`${tg.gateway.panelOrigin}${path}`, { method: 'POST', headers: { origin: tg.gateway.panelOrigin, 'content-type': 'application/json', ...headers }, body });

    expect((await send({})).status).toBe(401);
    const stranger = await generatePanelKey();
    const forged = await signRequest(stranger.privateKey, tg.owner.sessionId, { method: 'POST', url: `${tg.gateway.panelOrigin}${path}`, body });
    expect(await (await send(forged)).json()).toMatchObject({ ok: false, error: { code: 'bad_signature' } });

    // A request the panel really sent, captured (by a proxy, a log, a HAR file) and sent again by another process.
    const genuine = await tg.owner.sign('POST', '/api/control/gateway.status', '{}');
    const once = await fetch(`${tg.gateway.panelOrigin}/api/control/gateway.status`, { method: 'POST', headers: { ...genuine, origin: tg.gateway.panelOrigin }, body: '{}' });
    expect(once.status).toBe(200);
    const replay = await fetch(`${tg.gateway.panelOrigin}/api/control/gateway.status`, { method: 'POST', headers: { ...genuine, origin: tg.gateway.panelOrigin }, body: '{}' });
    expect(await replay.json()).toMatchObject({ ok: false, error: { code: 'replayed_request' } });
    // …or with another body under its signature.
    const swapped = await tg.owner.sign('POST', path, JSON.stringify({ paused: false }));
    expect(await (await send(swapped)).json()).toMatchObject({ ok: false, error: { code: 'bad_signature' } });
    expect((await tg.owner.ok('gateway.status')).paused).toBe(false);
  });

  it('serves the panel page to anyone, holding no data, under a strict CSP', async () => {
    const page = await fetch(`${tg.gateway.panelOrigin}/panel/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self';/);
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(page.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.headers.get('set-cookie')).toBeNull();
  });

  it('lists signed-in browsers with the caller marked, and a signed-out browser is refused at once', async () => {
    const other = await OwnerPanel.signIn(tg.gateway.issueLoginLink());
    const listed = await tg.owner.ok('browsers.list');
    expect(listed.find((s) => s.id === tg.owner.sessionId)?.current).toBe(true);
    expect(listed.find((s) => s.id === other.sessionId)?.current).toBe(false);
    await tg.owner.ok('browsers.signOut', { id: other.sessionId });
    expect(await other.call('gateway.status')).toMatchObject({ ok: false, error: { code: 'session_ended' } });
    const audit = await tg.owner.ok('audit.list', { endpoint: 'browsers.signOut' });
    expect(audit.rows).toHaveLength(1);
  });

  it('the browser waiting for consent cannot approve itself: its page offers no way, and reloading stays pending', async () => {
    const clientId = await registerClient(tg);
    const { challenge } = pkcePair();
    const browser = new TestBrowser(tg.gateway.issuer);
    const waiting = await browser.navigate(authorizeUrl(tg, { response_type: 'code', client_id: clientId, redirect_uri: REDIRECT, scope: 'mcp:tools read:profile', code_challenge: challenge, code_challenge_method: 'S256' }));
    const again = await browser.navigate(waiting.url);
    expect(again.body).toContain('Waiting for your approval');
    expect(again.body).not.toMatch(/<form|<button/i);
    const post = await fetch(waiting.url, { method: 'POST', body: 'decision=approve', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(post.status).toBeGreaterThanOrEqual(400);
    expect(await tg.owner.ok('consent.list')).toHaveLength(1);
  });
});
