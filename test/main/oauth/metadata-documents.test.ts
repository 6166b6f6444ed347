import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { TestBrowser } from '../../support/browser.ts';
import { startTestGateway, type TestGateway } from '../../support/gateway.ts';
import { connectWithConsent, mcpClient, TestAgent, transportFor } from '../../support/mcp-agent.ts';
import { DocumentServer, makeTestPki, metadataDocument, MetadataDocumentAgent, type TestPki } from '../../support/metadata-documents.ts';
import { authorizeUrl, decisionFor, pkcePair, register, tokenRequest } from '../../support/oauth.ts';

/** The host names the test serves documents from; `wrong-name.test` reaches the same server but is not on its certificate. */
const HOSTS = { 'agent.test': '127.0.0.1', 'wrong-name.test': '127.0.0.1', 'other-ca.test': '127.0.0.1' };
const REDIRECT = 'http://127.0.0.1:47123/callback';

let pki: TestPki;
let server: DocumentServer;
/** A server whose certificate comes from a CA the gateway does not trust. */
let otherCaServer: DocumentServer;
let tg: TestGateway;

beforeAll(async () => {
  pki = makeTestPki(['agent.test']);
  server = await DocumentServer.start(pki);
  otherCaServer = await DocumentServer.start(makeTestPki(['other-ca.test']));
});
afterAll(async () => {
  await server.close();
  await otherCaServer.close();
});
beforeEach(async () => {
  tg = await startTestGateway({ manyFlows: true, metadataDocuments: { hosts: HOSTS, ca: pki.ca } });
});
afterEach(async () => {
  vi.restoreAllMocks();
  await tg.close();
});

let paths = 0;
/** A path no other test used: a refused URL is remembered for a few seconds, and documents are cached. */
const freshPath = (name: string) => `/${name}-${++paths}.json`;

/** Serves a valid document at a new path and returns its URL (the client_id). */
function publish(overrides: Record<string, unknown> = {}, headers: Record<string, string> = {}): { url: string; path: string } {
  const path = freshPath('client');
  const url = server.url('agent.test', path);
  server.serveJson(path, metadataDocument(url, overrides), headers);
  return { url, path };
}

/** Moves oidc-provider's clock (its document cache reads Date.now) forward by `seconds`. */
function advanceClock(seconds: number) {
  const now = Date.now();
  vi.spyOn(Date, 'now').mockReturnValue(now + seconds * 1000);
}

/** Rows that would show anything was kept of a client: its own, grants, consent requests, tokens. */
function storedRows(): Record<string, number> {
  const db = tg.gateway.services.storage.db;
  const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  return { clients: count('clients'), grants: count('grants'), consent: count('consent_requests'), tokens: count('tokens') };
}

/** The authorization request an agent's browser opens, with PKCE; where the browser ends up. */
async function authorize(clientId: string, redirectUri = REDIRECT) {
  const { challenge } = pkcePair();
  const url = authorizeUrl(tg, {
    response_type: 'code',
    client_id: clientId,
    redirect_uri: redirectUri,
    scope: 'mcp:tools read:profile',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    resource: tg.gateway.mcpUrl,
  });
  return new TestBrowser(tg.gateway.issuer).navigate(url);
}

describe('client metadata documents: discovery and a whole authorization', () => {
  it('advertises client_id_metadata_document_supported, and still offers registration', async () => {
    const metadata = (await (await fetch(`${tg.gateway.issuer}/.well-known/oauth-authorization-server`)).json()) as Record<string, unknown>;
    expect(metadata.client_id_metadata_document_supported).toBe(true);
    expect(metadata.registration_endpoint).toBe(`${tg.gateway.issuer}/register`);
  });

  it('an unmodified MCP SDK client with an https client_id: verified by its domain, approved, tokens, a tool call', async () => {
    const { url, path } = publish();
    const agent = new MetadataDocumentAgent(url);
    let seen: { verified: boolean; verifiedDomain: string | null; name: string; clientId: string } | undefined;
    let storedWhileWaiting: Record<string, number> | undefined;
    const client = await connectWithConsent(tg, agent, async (request) => {
      seen = { verified: request.verified, verifiedDomain: request.verifiedDomain, name: request.clientName, clientId: request.clientId };
      storedWhileWaiting = storedRows();
      await tg.owner.ok('consent.decide', decisionFor(request, { decision: 'approve', scopes: ['read:profile', 'offline_access'] }));
    });

    // The SDK skipped registration and used the URL as its client_id; the gateway fetched the document.
    expect(agent.authorizationUrl?.searchParams.get('client_id')).toBe(url);
    expect(server.hits(path)).toBeGreaterThanOrEqual(1);
    expect(seen).toEqual({ verified: true, verifiedDomain: `agent.test:${server.port}`, name: 'Document Agent', clientId: url });

    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual(['get_profile']);
    const profile = await client.callTool({ name: 'get_profile', arguments: {} });
    expect(profile.isError).toBeFalsy();
    expect(profile.structuredContent).toMatchObject({ name: 'Maya Lindqvist' });
    await client.close();

    // The access token dies; the SDK refreshes on its own, the client authenticating by its URL again.
    const before = agent.tokens();
    tg.gateway.services.storage.db.prepare("DELETE FROM tokens WHERE kind = 'AccessToken'").run();
    const again = mcpClient();
    await again.connect(transportFor(tg, agent));
    expect(agent.tokens()?.refresh_token).not.toBe(before?.refresh_token);
    expect((await again.listTools()).tools.map((t) => t.name)).toEqual(['get_profile']);
    await again.close();

    // The client's row came with its grant, not before (grants.client_id references it).
    expect(storedWhileWaiting?.clients).toBe(storedRows().clients - 1);
    const row = tg.gateway.services.storage.apps.find(url);
    expect(row).toMatchObject({ origin: 'metadata-document', clientName: 'Document Agent' });
    const [connected] = await tg.owner.ok('apps.list');
    expect(connected).toMatchObject({ clientId: url, name: 'Document Agent', origin: 'metadata-document', verifiedDomain: `agent.test:${server.port}`, website: 'https://agent.test' });
  });
});

/** The error page's text, entities decoded. */
const pageText = (html: string) => html.replace(/<style>[\s\S]*<\/style>/, '').replace(/<[^>]+>/g, ' ').replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));

/** Authorizes with `clientId` and expects the error page (never a redirect to the app), with nothing stored. */
async function expectRefused(clientId: string, error: string, description: RegExp, redirectUri = REDIRECT) {
  const before = storedRows();
  const landing = await authorize(clientId, redirectUri);
  const text = pageText(landing.body);
  expect(landing.url.origin + landing.url.pathname, text).toBe(`${tg.gateway.issuer}/authorize`);
  expect(landing.status, text).toBe(400);
  expect(text).toContain(error);
  expect(text).toMatch(description);
  expect(storedRows()).toEqual(before);
}

describe('each guard on the document refuses with a clear error, and nothing is stored', () => {
  it('an http client_id, and URLs the draft forbids (no path, fragment, user name, dot segments)', async () => {
    const path = freshPath('http');
    server.serveJson(path, metadataDocument(server.url('agent.test', path).replace('https:', 'http:')));
    await expectRefused(`http://agent.test:${server.port}${path}`, 'invalid_client', /must start with https:\/\//);
    await expectRefused(`https://agent.test:${server.port}/`, 'invalid_client', /must have a path/);
    await expectRefused(`https://agent.test:${server.port}/a.json#x`, 'invalid_client', /must not contain a fragment/);
    await expectRefused(`https://me:pw@agent.test:${server.port}/a.json`, 'invalid_client', /must not contain a user name or password/);
    await expectRefused(`https://agent.test:${server.port}/a/../b.json`, 'invalid_client', /must not contain \. or \.\. path segments/);
    expect(server.hits(path)).toBe(0);
  });

  it('a loopback, private or link-local address, as an address or after resolving a name: never contacted', async () => {
    const path = freshPath('internal');
    server.serveJson(path, metadataDocument('unused'));
    await expectRefused(`https://127.0.0.1:${server.port}${path}`, 'invalid_client', /is at 127\.0\.0\.1, a loopback address: documents are fetched only from public internet addresses/);
    await expectRefused(`https://[::1]:${server.port}${path}`, 'invalid_client', /is at ::1, a loopback address/);
    // The system resolver answers for localhost: the check runs on what the name resolves to.
    await expectRefused(`https://localhost:${server.port}${path}`, 'invalid_client', /is at localhost, which resolves to (127\.0\.0\.1|::1), a loopback address/);
    await expectRefused('https://10.20.30.40/client.json', 'invalid_client', /is at 10\.20\.30\.40, a private network address/);
    await expectRefused('https://169.254.169.254/latest/meta-data/client.json', 'invalid_client', /is at 169\.254\.169\.254, a link-local address/);
    await expectRefused('https://[fd00::1]/client.json', 'invalid_client', /is at fd00::1, a private network address/);
    expect(server.hits(path)).toBe(0);
  });

  it('a document over 5 KB, with or without Content-Length', async () => {
    const big = freshPath('big');
    const url = server.url('agent.test', big);
    server.serveJson(big, metadataDocument(url, { client_uri: `https://agent.test/${'x'.repeat(6000)}` }));
    await expectRefused(url, 'invalid_client', /is larger than 5120 bytes/);

    const streamed = freshPath('streamed');
    const streamedUrl = server.url('agent.test', streamed);
    server.route(streamed, (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      for (let i = 0; i < 8; i++) res.write(' '.repeat(1000));
      res.end(JSON.stringify(metadataDocument(streamedUrl)));
    });
    await expectRefused(streamedUrl, 'invalid_client', /is larger than 5120 bytes/);
  });

  it('a document that takes longer than 2.5 s, to answer or to finish', async () => {
    const slow = freshPath('slow');
    const url = server.url('agent.test', slow);
    server.route(slow, (_req, res) => void setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(metadataDocument(url))), 4000));
    await expectRefused(url, 'invalid_client', /did not answer within 2\.5 s/);
    // oidc-provider looks the client up again after the error: the refusal is remembered, not fetched twice.
    expect(server.hits(slow)).toBe(1);

    const trickle = freshPath('trickle');
    const trickleUrl = server.url('agent.test', trickle);
    server.route(trickle, (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{');
      setTimeout(() => res.end(JSON.stringify(metadataDocument(trickleUrl)).slice(1)), 4000);
    });
    await expectRefused(trickleUrl, 'invalid_client', /did not answer within 2\.5 s/);
  });

  it('a document whose client_id is not its URL exactly', async () => {
    const path = freshPath('mismatch');
    const url = server.url('agent.test', path);
    for (const other of [`${url}?v=2`, url.replace('agent.test', 'AGENT.test'), server.url('agent.test', '/someone-else.json')]) {
      server.serveJson(path, metadataDocument(other));
      await expectRefused(url, 'invalid_client_metadata', /client_id does not match/);
    }
  });

  it('a redirect_uri the document does not list (a loopback port may change, nothing else)', async () => {
    const { url } = publish();
    await expectRefused(url, 'invalid_redirect_uri', /redirect_uri did not match/, 'http://127.0.0.1:47123/other');
    await expectRefused(url, 'invalid_redirect_uri', /redirect_uri did not match/, 'http://localhost:47123/callback');
    await expectRefused(url, 'invalid_redirect_uri', /redirect_uri did not match/, 'https://evil.example/callback');
    // The same path on another loopback port is the listed redirect (RFC 8252 §7.3): the authorization goes on.
    const landing = await authorize(url, 'http://127.0.0.1:50999/callback');
    expect(landing.url.pathname).toMatch(/^\/interaction\//);
  });

  it('a redirect, another status, another content type, or not JSON', async () => {
    const target = publish();
    const moved = freshPath('moved');
    server.route(moved, (_req, res) => res.writeHead(302, { location: target.url }).end());
    await expectRefused(server.url('agent.test', moved), 'invalid_client', /answered with a redirect \(HTTP 302\); redirects are not followed/);
    expect(server.hits(target.path)).toBe(0);

    await expectRefused(server.url('agent.test', freshPath('missing')), 'invalid_client', /answered HTTP 404; it must answer 200/);
    const html = freshPath('html');
    server.serveJson(html, metadataDocument(server.url('agent.test', html)), { 'content-type': 'text/html' });
    await expectRefused(server.url('agent.test', html), 'invalid_client', /is served as text\/html; it must be application\/json/);
    const broken = freshPath('broken');
    server.serveJson(broken, '{"client_id": ');
    await expectRefused(server.url('agent.test', broken), 'invalid_client', /is not valid JSON/);
  });

  it('a certificate for another name, or from a CA the gateway does not trust', async () => {
    const { path } = publish();
    await expectRefused(`https://wrong-name.test:${server.port}${path}`, 'invalid_client', /could not be fetched: ERR_TLS_CERT_ALTNAME_INVALID/);
    const other = freshPath('other-ca');
    const otherUrl = otherCaServer.url('other-ca.test', other);
    otherCaServer.serveJson(other, metadataDocument(otherUrl));
    await expectRefused(otherUrl, 'invalid_client', /could not be fetched: (UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_GET_ISSUER_CERT_LOCALLY)/);
  });

  it('the registration policy: a name, a public client, limits on what is kept', async () => {
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ client_name: undefined }, 'invalid_client_metadata', /client_name is required/],
      [{ client_name: 'Claude\u202e edoC' }, 'invalid_client_metadata', /client_name must not contain control, invisible or bidirectional characters/],
      [{ client_name: 'A'.repeat(101) }, 'invalid_client_metadata', /client_name must be at most 100 characters/],
      [{ token_endpoint_auth_method: 'private_key_jwt' }, 'invalid_client_metadata', /token_endpoint_auth_method must be none/],
      [{ token_endpoint_auth_method: 'client_secret_basic' }, 'invalid_client_metadata', /must not use shared-secret token endpoint authentication methods/],
      [{ client_secret: 'shh' }, 'invalid_client_metadata', /must not contain client_secret/],
      [{ redirect_uris: Array.from({ length: 11 }, (_, i) => `http://127.0.0.1/cb${i}`) }, 'invalid_redirect_uri', /redirect_uris must list at most 10 values/],
      [{ redirect_uris: ['http://agent.test/callback'] }, 'invalid_redirect_uri', /uses http on a host that is not loopback/],
    ];
    for (const [overrides, error, description] of cases) {
      const { url } = publish(overrides);
      await expectRefused(url, error, description);
    }
  });
});

describe('without the test setting (as the CLI and the desktop app run)', () => {
  it('reaches neither the test host nor loopback: the name is not found, loopback refused', async () => {
    const plain = await startTestGateway();
    try {
      const path = freshPath('plain');
      server.serveJson(path, metadataDocument(server.url('agent.test', path)));
      for (const [clientId, description] of [
        [server.url('agent.test', path), /agent\.test was not found/],
        [server.url('localhost', path), /which resolves to (127\.0\.0\.1|::1), a loopback address/],
        [server.url('127.0.0.1', path), /is at 127\.0\.0\.1, a loopback address/],
      ] as const) {
        const { challenge } = pkcePair();
        const landing = await new TestBrowser(plain.gateway.issuer).navigate(
          authorizeUrl(plain, { response_type: 'code', client_id: clientId, redirect_uri: REDIRECT, scope: 'mcp:tools', code_challenge: challenge, code_challenge_method: 'S256' }),
        );
        expect(landing.status).toBe(400);
        expect(pageText(landing.body)).toMatch(description);
      }
      expect(server.hits(path)).toBe(0);
    } finally {
      await plain.close();
    }
  });
});

describe('dynamic registration next to documents', () => {
  it('a registered client still connects, and stays unverified', async () => {
    const agent = new TestAgent('Registered Agent');
    let seen: { verified: boolean; verifiedDomain: string | null } | undefined;
    const client = await connectWithConsent(tg, agent, async (request) => {
      seen = { verified: request.verified, verifiedDomain: request.verifiedDomain };
      await tg.owner.ok('consent.decide', decisionFor(request));
    });
    expect(seen).toEqual({ verified: false, verifiedDomain: null });
    expect(agent.clientInformation()?.client_id).not.toMatch(/^https:/);
    expect((await client.listTools()).tools.length).toBeGreaterThan(0);
    await client.close();
    const [connected] = await tg.owner.ok('apps.list');
    expect(connected).toMatchObject({ name: 'Registered Agent', origin: 'registration', verifiedDomain: null });
  });

  it('refuses a sector_identifier_uri (no pairwise subjects here) before oidc-provider would fetch it', async () => {
    const path = freshPath('sector');
    server.serveJson(path, ['http://127.0.0.1/callback']);
    const sector = server.url('agent.test', path);
    const registration = await register(tg, { client_name: 'Sector', redirect_uris: ['http://127.0.0.1/callback'], sector_identifier_uri: sector });
    expect(registration.status).toBe(400);
    expect(registration.body.error_description).toBe('sector_identifier_uri is not supported: this gateway issues public subject identifiers only');
    await expectRefused(publish({ sector_identifier_uri: sector }).url, 'invalid_client_metadata', /sector_identifier_uri is not supported/);
    expect(server.hits(path)).toBe(0);
  });
});

describe('caching of documents', () => {
  it('uses a document for its max-age, held between 5 minutes and a day', async () => {
    const fresh = publish({}, { 'cache-control': 'max-age=3600' });
    const uncached = publish({}, { 'cache-control': 'no-cache, max-age=0' });
    const forever = publish({}, { 'cache-control': 'max-age=31536000' });
    for (const { url } of [fresh, uncached, forever]) {
      await authorize(url);
      await authorize(url);
    }
    expect([fresh, uncached, forever].map(({ path }) => server.hits(path))).toEqual([1, 1, 1]);

    advanceClock(301);
    for (const { url } of [fresh, uncached, forever]) await authorize(url);
    expect([fresh, uncached, forever].map(({ path }) => server.hits(path))).toEqual([1, 2, 1]);

    advanceClock(24 * 60 * 60 + 1);
    for (const { url } of [fresh, forever]) await authorize(url);
    expect([fresh, forever].map(({ path }) => server.hits(path))).toEqual([2, 2]);
  });

  it('keeps a bounded number of documents: the oldest is fetched again after 250 others', async () => {
    const first = publish({}, { 'cache-control': 'max-age=3600' });
    await authorize(first.url);
    await authorize(first.url);
    expect(server.hits(first.path)).toBe(1);
    for (let i = 0; i < 250; i++) await authorize(publish({}, { 'cache-control': 'max-age=3600' }).url);
    await authorize(first.url);
    expect(server.hits(first.path)).toBe(2);
  }, 60_000);
});

describe('a document refused later, at the token endpoint', () => {
  it('answers invalid_client in JSON with the reason', async () => {
    const { url, path } = publish();
    const { verifier, challenge } = pkcePair();
    const browser = new TestBrowser(tg.gateway.issuer);
    const waiting = await browser.navigate(
      authorizeUrl(tg, { response_type: 'code', client_id: url, redirect_uri: REDIRECT, scope: 'mcp:tools', code_challenge: challenge, code_challenge_method: 'S256', resource: tg.gateway.mcpUrl }),
    );
    const [request] = await tg.owner.ok('consent.list');
    if (!request) throw new Error('no consent request');
    await tg.owner.ok('consent.decide', decisionFor(request));
    const code = (await browser.navigate(waiting.url)).url.searchParams.get('code') ?? '';
    expect(code).not.toBe('');

    // The app's site now redirects, and the cached copy ran out (the code's 60 s are moved past too: the client is
    // checked first).
    server.route(path, (_req, res) => res.writeHead(301, { location: 'https://elsewhere.example/' }).end());
    advanceClock(301);
    const answer = await tokenRequest(tg, { grant_type: 'authorization_code', code, code_verifier: verifier, client_id: url, redirect_uri: REDIRECT, resource: tg.gateway.mcpUrl });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toBe('invalid_client');
    expect(answer.body.error_description).toMatch(/answered with a redirect \(HTTP 301\)/);
  });
});
