import type { IncomingHttpHeaders } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientIdUrlProblem, metadataDocumentDomain } from '../../../src/main/oauth/client-id-url.ts';
import { createGuardedFetch, MetadataDocumentRefused, type FetchRules } from '../../../src/main/oauth/metadata-document-fetch.ts';
import { specialUseKind } from '../../../src/main/oauth/special-use-addresses.ts';
import { movableClock } from '../../support/clock.ts';
import { DocumentServer, makeTestPki, type TestPki } from '../../support/metadata-documents.ts';

describe('special-use addresses (RFC 6890 and the IANA registries)', () => {
  it('names what is refused, and lets public addresses through', () => {
    const kinds = Object.fromEntries(
      ['127.0.0.1', '127.8.8.8', '10.0.0.1', '172.16.5.4', '192.168.1.1', '100.64.0.1', '169.254.169.254', '0.0.0.0', '224.0.0.1', '255.255.255.255', '198.18.0.1'].map((a) => [a, specialUseKind(a)]),
    );
    expect(kinds).toEqual({
      '127.0.0.1': 'a loopback address',
      '127.8.8.8': 'a loopback address',
      '10.0.0.1': 'a private network address',
      '172.16.5.4': 'a private network address',
      '192.168.1.1': 'a private network address',
      '100.64.0.1': 'a shared (carrier-grade NAT) address',
      '169.254.169.254': 'a link-local address',
      '0.0.0.0': 'a "this network" address',
      '224.0.0.1': 'a multicast address',
      '255.255.255.255': 'a reserved address',
      '198.18.0.1': 'a benchmarking address',
    });
    expect(specialUseKind('::1')).toBe('a loopback address');
    expect(specialUseKind('::')).toBe('the unspecified address');
    expect(specialUseKind('::ffff:127.0.0.1')).toBe('an IPv4-mapped address');
    expect(specialUseKind('fd12:3456::1')).toBe('a private network address');
    expect(specialUseKind('fe80::1')).toBe('a link-local address');
    expect(specialUseKind('2001:db8::1')).toBe('a documentation address');
    expect(specialUseKind('64:ff9b::a00:1')).toBe('a NAT64 address');
    expect(specialUseKind('not-an-address')).toBe('not an IP address');
    for (const address of ['8.8.8.8', '1.1.1.1', '172.32.0.1', '2606:4700:4700::1111', '2a00:1450:4001::200e']) expect(specialUseKind(address), address).toBeUndefined();
  });
});

describe('client_id URLs (the draft: "Client Identifier URL")', () => {
  it('accepts https URLs with a path and names their domain', () => {
    expect(clientIdUrlProblem('https://claude.ai/oauth/claude-code-client-metadata')).toBeUndefined();
    expect(metadataDocumentDomain('https://claude.ai/oauth/claude-code-client-metadata')).toBe('claude.ai');
    expect(metadataDocumentDomain('https://agent.test:8443/c.json?v=1')).toBe('agent.test:8443');
    expect(metadataDocumentDomain('https://Agent.TEST/c.json')).toBe('agent.test');
    // A look-alike domain (a Cyrillic "а") shows as its ASCII (punycode) form, not as "claude.ai".
    expect(metadataDocumentDomain('https://cl\u0430ude.ai/c.json')).toBe('xn--clude-5ve.ai');
  });

  it('refuses what cannot name a document, and registered ids are never domains', () => {
    const problems = Object.fromEntries(
      ['http://claude.ai/c.json', 'https://claude.ai', 'https://claude.ai/', 'https://claude.ai/c.json#x', 'https://a:b@claude.ai/c.json', 'https://claude.ai/%2e%2e/c.json', 'https://claude.ai/c json', 'https:/claude.ai/c.json'].map((id) => [id, clientIdUrlProblem(id)]),
    );
    expect(problems).toEqual({
      'http://claude.ai/c.json': 'must start with https:// (the document is fetched only over https)',
      'https://claude.ai': 'must have a path, e.g. https://example.com/client.json',
      'https://claude.ai/': 'must have a path, e.g. https://example.com/client.json',
      'https://claude.ai/c.json#x': 'must not contain a fragment',
      'https://a:b@claude.ai/c.json': 'must not contain a user name or password',
      'https://claude.ai/%2e%2e/c.json': 'must not contain . or .. path segments',
      'https://claude.ai/c json': 'must not contain spaces, backslashes or control characters',
      'https:/claude.ai/c.json': 'must start with https:// (the document is fetched only over https)',
    });
    for (const id of ['Zx3_abcDEF-12', 'setup-abcdef', 'http://claude.ai/c.json', undefined, 42]) expect(metadataDocumentDomain(id), String(id)).toBeUndefined();
  });
});

describe('the guarded fetch', () => {
  let pki: TestPki;
  let server: DocumentServer;
  let lastHeaders: IncomingHttpHeaders | undefined;

  beforeAll(async () => {
    pki = makeTestPki(['rebind.test']);
    server = await DocumentServer.start(pki);
    server.route('/doc.json', (req, res) => {
      lastHeaders = req.headers;
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'max-age=60', 'x-other': 'dropped' }).end('{"client_id":"x"}');
    });
  });
  afterAll(() => server.close());

  /** Rules where only 127.0.0.1 counts as public (standing in for a real public address) and the test CA is trusted. */
  function rules(resolve: FetchRules['resolve']): FetchRules {
    return { resolve, refusal: (address) => (address === '127.0.0.1' ? undefined : `${address} is refused`), caFor: () => pki.ca };
  }

  it('connects to the address it checked: a name that resolves elsewhere afterwards (DNS rebinding) changes nothing', async () => {
    let lookups = 0;
    const fetchDocument = createGuardedFetch(rules(async () => (++lookups === 1 ? ['127.0.0.1'] : ['10.0.0.1'])));
    const response = await fetchDocument(`https://rebind.test:${server.port}/doc.json`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('{"client_id":"x"}');
    expect(lookups).toBe(1);
    // The name, not the address, went into the Host header (and SNI and the certificate check, or TLS would fail).
    expect(lastHeaders?.host).toBe(`rebind.test:${server.port}`);
    // Only what oidc-provider reads is handed on.
    expect([...response.headers.keys()].sort()).toEqual(['cache-control', 'content-type']);
  });

  it('checks every address a name resolves to, not only the first', async () => {
    const fetchDocument = createGuardedFetch(rules(async () => ['127.0.0.1', '10.0.0.1']));
    await expect(fetchDocument(`https://rebind.test:${server.port}/doc.json`)).rejects.toThrow(/resolves to 10\.0\.0\.1, 10\.0\.0\.1 is refused/);
  });

  it('remembers a refusal for 10 s, then fetches again', async () => {
    const clock = movableClock();
    const fetchDocument = createGuardedFetch(rules(async () => ['127.0.0.1']), clock);
    const missing = `https://rebind.test:${server.port}/missing.json`;
    const first = await fetchDocument(missing).catch((err: unknown) => err);
    expect(first).toBeInstanceOf(MetadataDocumentRefused);
    await expect(fetchDocument(missing)).rejects.toBe(first);
    expect(server.hits('/missing.json')).toBe(1);
    clock.advance(9_000);
    await expect(fetchDocument(missing)).rejects.toBe(first);
    clock.advance(2_000);
    await expect(fetchDocument(missing)).rejects.toThrow(/answered HTTP 404/);
    expect(server.hits('/missing.json')).toBe(2);
  });

  it('only GETs over https', async () => {
    const fetchDocument = createGuardedFetch(rules(async () => ['127.0.0.1']));
    await expect(fetchDocument(`http://rebind.test:${server.port}/doc.json`)).rejects.toThrow(/is not an https URL/);
    await expect(fetchDocument(`https://rebind.test:${server.port}/doc.json`, { method: 'POST' })).rejects.toThrow(/cannot be fetched with POST/);
  });
});
