import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestBrowser } from '../support/browser.ts';
import { startTestGateway, type TestGateway } from '../support/gateway.ts';
import { authorizeUrl, decideInBrowser, pkcePair, REDIRECT, registerClient, tokenRequest } from '../support/oauth.ts';
import { rawRequest } from '../support/raw-http.ts';

// PKCE (RFC 7636, OAuth 2.1 §7.5.2: S256 only) and redirect URI matching (RFC 9700 §4.1.3: exact; RFC 8252 §7.3:
// loopback may change port), attacked case by case on the real gateway.

let tg: TestGateway;
beforeAll(async () => {
  tg = await startTestGateway({ demo: false, manyFlows: true });
});
afterAll(async () => {
  await tg?.close();
});

const s256 = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');
const verifierOf = (length: number) => randomBytes(160).toString('base64url').slice(0, length);

interface PkceCase {
  name: string;
  /** Sent to /authorize; undefined leaves it out. */
  challenge: (verifier: string) => string | undefined;
  method: string | undefined;
  /** Sent to /token; undefined leaves it out. */
  verifier: (verifier: string) => string | undefined;
  verifierLength?: number;
}

const PKCE_ATTACKS: PkceCase[] = [
  { name: 'plain method', challenge: (v) => v, method: 'plain', verifier: (v) => v },
  { name: 'challenge without method (defaults to plain)', challenge: (v) => v, method: undefined, verifier: (v) => v },
  { name: 'no challenge at all', challenge: () => undefined, method: undefined, verifier: (v) => v },
  { name: 'no challenge, S256 named', challenge: () => undefined, method: 'S256', verifier: (v) => v },
  { name: 'verifier missing at the token endpoint', challenge: s256, method: 'S256', verifier: () => undefined },
  { name: 'wrong verifier', challenge: s256, method: 'S256', verifier: () => verifierOf(64) },
  { name: 'the challenge sent as the verifier', challenge: s256, method: 'S256', verifier: (v) => s256(v) },
  { name: 'verifier of 42 characters (RFC 7636 §4.1: 43 to 128)', challenge: s256, method: 'S256', verifier: (v) => v, verifierLength: 42 },
  { name: 'verifier of 129 characters', challenge: s256, method: 'S256', verifier: (v) => v, verifierLength: 129 },
  { name: 'verifier with characters outside the unreserved set', challenge: s256, method: 'S256', verifier: (v) => `${v.slice(0, 60)}+/=é`, verifierLength: 64 },
  { name: 'method in lower case', challenge: s256, method: 's256', verifier: (v) => v },
  { name: 'unknown method S512', challenge: s256, method: 'S512', verifier: (v) => v },
  { name: 'S256 challenge with base64 padding', challenge: (v) => `${s256(v)}=`, method: 'S256', verifier: (v) => v },
  { name: 'hex-encoded S256 challenge', challenge: (v) => createHash('sha256').update(v).digest('hex'), method: 'S256', verifier: (v) => v },
  { name: 'verifier with a trailing space', challenge: s256, method: 'S256', verifier: (v) => `${v} ` },
];

/**
 * Authorize (the owner approves if the request gets that far), then trade the code. Where /authorize refuses, the
 * answer is the error at the client's redirect_uri (status 0: nothing was sent to the token endpoint); otherwise it is
 * the token endpoint's.
 */
async function attempt(c: PkceCase, clientId: string) {
  const verifier = verifierOf(c.verifierLength ?? 64);
  const url = authorizeUrl(tg, { response_type: 'code', client_id: clientId, redirect_uri: REDIRECT, scope: 'mcp:tools offline_access', code_challenge: c.challenge(verifier), code_challenge_method: c.method });
  const { first, landing } = await decideInBrowser(tg, url);
  const reachedConsent = first.url.pathname.startsWith('/interaction/');
  const landedAt = `${landing.url.origin}${landing.url.pathname}`;
  const code = landing.url.searchParams.get('code');
  if (!code) return { reachedConsent, landedAt, status: 0, body: { error: landing.url.searchParams.get('error') ?? undefined } as Record<string, string | undefined> };
  const token = await tokenRequest(tg, { grant_type: 'authorization_code', code, code_verifier: c.verifier(verifier), redirect_uri: REDIRECT, client_id: clientId, resource: tg.gateway.mcpUrl });
  return { reachedConsent, landedAt, status: token.status, body: token.body };
}

describe('the PKCE matrix', () => {
  it.each(PKCE_ATTACKS.map((c) => [c.name, c] as const))('%s: no token', async (_name, c) => {
    const clientId = await registerClient(tg);
    const result = await attempt(c, clientId);
    expect(result.body.access_token).toBeUndefined();
    expect(result.body.refresh_token).toBeUndefined();
    if (result.status === 0) {
      // Refused at /authorize before the owner is asked: invalid_request at the client's redirect_uri (RFC 7636 §4.4.1).
      expect(result.reachedConsent).toBe(false);
      expect(result.landedAt).toBe(REDIRECT);
      expect(result.body.error).toBe('invalid_request');
    } else {
      // Refused at the token endpoint: a malformed verifier is invalid_request, one that does not match is invalid_grant (§4.6).
      expect(result.status).toBe(400);
      expect(['invalid_request', 'invalid_grant']).toContain(result.body.error);
    }
  });

  it('issues a token for the one correct S256 pair (the control case: the matrix can fail)', async () => {
    const result = await attempt({ name: 'correct', challenge: s256, method: 'S256', verifier: (v) => v }, await registerClient(tg));
    expect(result.status).toBe(200);
    expect(result.body.access_token).toEqual(expect.any(String));
  });
});

const NATIVE = ['http://127.0.0.1:52345/callback', 'com.example.agent:/oauth2redirect'];
const WEB = 'https://agent.example.com/oauth/cb';

/** [redirect_uri, allowed] for the native client (NATIVE) unless the URI is https (then the web client, WEB). */
const REDIRECTS: [string, boolean][] = [
  ['http://127.0.0.1:52345/callback', true],
  ['http://127.0.0.1:61000/callback', true], // loopback port change, RFC 8252 §7.3
  ['http://127.0.0.1/callback', true], // loopback, default port
  ['com.example.agent:/oauth2redirect', true],
  [WEB, true],
  ['http://127.0.0.1:52345/Callback', false],
  ['http://127.0.0.1:52345/callback/', false],
  ['http://127.0.0.1:52345/callback?x=1', false],
  ['http://127.0.0.1:52345/callback#frag', false],
  ['http://user@127.0.0.1:52345/callback', false],
  ['http://user:pw@127.0.0.1:52345/callback', false],
  ['http://127.0.0.1.evil.com:52345/callback', false],
  ['http://127.0.0.1:52345@evil.com/callback', false],
  ['http://localhost:52345/callback', false],
  ['http://[::1]:52345/callback', false],
  ['http://127.0.0.2:52345/callback', false],
  ['http://2130706433:52345/callback', false],
  ['http://0x7f.0.0.1:52345/callback', false],
  ['http://127.1:52345/callback', false],
  ['https://127.0.0.1:52345/callback', false],
  ['http://127.0.0.1:52345//callback', false],
  ['http://127.0.0.1:52345/callback/../callback', false],
  ['http://127.0.0.1:52345/%63allback', false],
  [' http://127.0.0.1:52345/callback', false],
  ['http://１２７.０.０.１:52345/callback', false],
  ['com.example.agent:/oauth2redirect/evil', false],
  ['com.example.evil:/oauth2redirect', false],
  ['com.example.agent://oauth2redirect', false],
  ['javascript:alert(1)', false],
  ['data:text/html,<script>alert(1)</script>', false],
  ['/callback', false],
  ['', false],
  ['https://agent.example.com/oauth/cb?next=https://evil.com', false],
  ['https://agent.example.com:8443/oauth/cb', false],
  ['https://evil.agent.example.com/oauth/cb', false],
  ['https://agent.example.com.evil.com/oauth/cb', false],
  ['https://agent.example.com/oauth/cb/', false],
  ['https://agent.example.com/oauth/CB', false],
  ['http://agent.example.com/oauth/cb', false],
];

describe('the redirect_uri corpus: only exact matches or a loopback port change pass', () => {
  let native: string;
  let web: string;
  beforeAll(async () => {
    native = await registerClient(tg, { client_name: 'Native agent', redirect_uris: NATIVE });
    web = await registerClient(tg, { client_name: 'Web agent', redirect_uris: [WEB] });
  });

  it.each(REDIRECTS)('%s → allowed: %s', async (redirectUri, allowed) => {
    const clientId = redirectUri.startsWith('https://agent') || redirectUri.startsWith('http://agent') ? web : native;
    const { challenge } = pkcePair();
    const url = authorizeUrl(tg, { response_type: 'code', client_id: clientId, redirect_uri: redirectUri, scope: 'mcp:tools', code_challenge: challenge, code_challenge_method: 'S256', state: 'st' });
    const answer = await rawRequest(tg.gateway.port, { path: `${url.pathname}${url.search}` });
    const location = String(answer.headers.location ?? '');
    if (allowed) {
      // On to the owner's consent (at the gateway); nothing is sent to the client yet.
      expect(answer.status).toBe(303);
      expect(location).toMatch(/^\/interaction\//);
    } else {
      // A bad redirect never redirects: an error page at the gateway (RFC 6749 §4.1.2.1).
      expect(answer.status).toBe(400);
      expect(location).toBe('');
      expect(answer.body).toMatch(/redirect_uri|invalid_request/);
    }
  });

  it('an unknown client, or a client without the redirect, never redirects', async () => {
    for (const clientId of ['no-such-client', '', 'x'.repeat(500)]) {
      const url = authorizeUrl(tg, { response_type: 'code', client_id: clientId, redirect_uri: NATIVE[0], scope: 'mcp:tools', code_challenge: pkcePair().challenge, code_challenge_method: 'S256' });
      const answer = await rawRequest(tg.gateway.port, { path: `${url.pathname}${url.search}` });
      expect(answer.status, clientId).toBe(400);
      expect(answer.headers.location, clientId).toBeUndefined();
    }
    const url = authorizeUrl(tg, { response_type: 'code', client_id: native, scope: 'mcp:tools', code_challenge: pkcePair().challenge, code_challenge_method: 'S256' });
    const missing = await rawRequest(tg.gateway.port, { path: `${url.pathname}${url.search}` });
    expect(missing.status).toBe(400); // two registered redirects: redirect_uri is required
    expect(missing.headers.location).toBeUndefined();
  });

  it('answers a refused redirect without following it even in a browser', async () => {
    const url = authorizeUrl(tg, { response_type: 'code', client_id: native, redirect_uri: 'http://127.0.0.1.evil.com:52345/callback', scope: 'mcp:tools', code_challenge: pkcePair().challenge, code_challenge_method: 'S256' });
    const landing = await new TestBrowser(tg.gateway.issuer).navigate(url);
    expect(landing.url.origin).toBe(tg.gateway.issuer);
  });
});
