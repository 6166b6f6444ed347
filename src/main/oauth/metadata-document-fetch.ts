import { lookup } from 'node:dns/promises';
import type { IncomingMessage } from 'node:http';
import { request } from 'node:https';
import { isIP } from 'node:net';
import { systemClock, type Clock } from '../../shared/clock.ts';
import { LIMITS } from '../limits.ts';
import { specialUseKind } from './special-use-addresses.ts';

/**
 * Why the gateway would not use a client metadata document: each message names the problem and what the app's
 * developer can do about it. oidc-provider wraps it (invalid_client "client_id metadata document fetch failed");
 * authorization-server.ts puts this message back in front of the owner and the app.
 */
export class MetadataDocumentRefused extends Error {
  readonly code = 'metadata_document_refused';
  constructor(url: string, reason: string) {
    super(`the client metadata document ${url} ${reason}`);
    this.name = 'MetadataDocumentRefused';
  }
}

/**
 * The description to give for an oidc-provider error about a client metadata document, when it hides the reason:
 * oidc-provider wraps every failed fetch (and an unparsable body) in one generic invalid_client.
 */
export function refusalDescription(err: unknown): string | undefined {
  const { cause, error_description: description } = (err ?? {}) as { cause?: unknown; error_description?: unknown };
  if (cause instanceof MetadataDocumentRefused) return cause.message;
  if (cause instanceof SyntaxError && typeof description === 'string' && description.startsWith('client_id metadata document')) {
    return 'the client metadata document is not valid JSON';
  }
  return undefined;
}

/**
 * Only in-process tests set this (GatewayOptions.metadataDocumentsForTests): nothing reachable over HTTP, no
 * environment variable, CLI flag or control call can. The test serves documents from its own https server on
 * 127.0.0.1, which the production guard refuses (a loopback address, a certificate from no public CA).
 */
export interface MetadataDocumentTestSetting {
  /** Host names the test serves, each with the loopback address it listens on: resolved here, never by DNS. */
  hosts: Readonly<Record<string, string>>;
  /** PEM of the test's CA: trusted for those hosts alone, in place of the system's roots. */
  ca: string;
}

/** Host name → every address it resolves to. */
export type Resolver = (hostname: string) => Promise<string[]>;

/** Where documents may come from: how names resolve, which addresses are refused (and why), which CA to trust. */
export interface FetchRules {
  resolve: Resolver;
  /** Why this address of `hostname` is refused, or undefined. */
  refusal(address: string, hostname: string): string | undefined;
  /** PEM of the CA to trust for this host instead of the system's roots; undefined: the system's roots. */
  caFor(hostname: string): string | undefined;
}

const systemResolver: Resolver = async (hostname) => (await lookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);

/** Production: the system's resolver and roots, public addresses only. */
const PUBLIC_INTERNET: FetchRules = { resolve: systemResolver, refusal: specialUseKind, caFor: () => undefined };

/** The test setting's hosts resolve to their loopback addresses and trust the test's CA; every other host as in production. */
function testRules(test: MetadataDocumentTestSetting): FetchRules {
  const hosts = new Map(Object.entries(test.hosts));
  return {
    resolve: async (hostname) => {
      const address = hosts.get(hostname);
      return address ? [address] : systemResolver(hostname);
    },
    refusal: (address, hostname) => (hosts.get(hostname) === address ? undefined : specialUseKind(address)),
    caFor: (hostname) => (hosts.has(hostname) ? test.ca : undefined),
  };
}

/** A refused URL is answered with the same refusal for this long, without fetching it again. */
const REFUSAL_MEMORY_MS = 10_000;
const REFUSALS_REMEMBERED = 100;

/** The draft's media types: application/json, or a more specific application/…+json. */
function isJsonType(contentType: string | undefined): boolean {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return type === 'application/json' || /^application\/[a-z0-9!#$&^_.-]+\+json$/.test(type);
}

/** Resolves `promise` unless `signal` aborts first. */
function beforeAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return Promise.race([promise, new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true }))]);
}

/**
 * The only way the authorization server reaches out (oidc-provider's `fetch` option, used for every request it makes;
 * here that is client metadata documents alone: clients are public, so no jwks_uri is read, and the registration
 * policy refuses a sector_identifier_uri before oidc-provider would fetch it): a GET over https, to a public address only, within a size and time limit, with
 * no redirect followed. The draft's "Client Information Discovery" and its SSRF and response-size considerations:
 *
 * - The host is resolved once; every address it resolves to must be public (special-use-addresses.ts), and the
 *   connection goes to the address that was checked, with the host name kept for SNI, the certificate check and the
 *   Host header. A DNS answer that changes between check and connect (rebinding) therefore changes nothing.
 * - TLS is verified against the system's roots; no redirect is followed (the draft: MUST NOT); only 200 with a JSON
 *   media type is a document; the body stops at LIMITS.metadataDocumentBytes and the whole fetch, resolution
 *   included, at LIMITS.metadataDocumentFetchMs.
 */
export function createMetadataDocumentFetch(test: MetadataDocumentTestSetting | undefined, clock: Clock) {
  return createGuardedFetch(test ? testRules(test) : PUBLIC_INTERNET, clock);
}

/**
 * The guarded fetch under given rules (exported for its own tests). A refusal is remembered for REFUSAL_MEMORY_MS:
 * oidc-provider looks a client up a second time after an authorization error, and a slow or oversize URL asked for
 * again and again costs one fetch per period, not one per request.
 */
export function createGuardedFetch(rules: FetchRules, clock: Clock = systemClock) {
  const refused = new Map<string, { error: MetadataDocumentRefused; untilMs: number }>();

  async function checkedAddress(url: URL, hostname: string, signal: AbortSignal): Promise<string> {
    const refuse = (reason: string) => new MetadataDocumentRefused(url.href, reason);
    let addresses: string[];
    if (isIP(hostname)) addresses = [hostname];
    else {
      try {
        addresses = await beforeAbort(rules.resolve(hostname), signal);
      } catch (err) {
        if (signal.aborted) throw refuse(`was not found within ${LIMITS.metadataDocumentFetchMs / 1000} s`);
        throw refuse(`cannot be reached: ${hostname} was not found (${(err as NodeJS.ErrnoException).code ?? 'no address'})`);
      }
    }
    const [first] = addresses;
    if (!first) throw refuse(`cannot be reached: ${hostname} has no address`);
    for (const address of addresses) {
      const kind = rules.refusal(address, hostname);
      if (kind) {
        const where = address === hostname ? `is at ${address}` : `is at ${hostname}, which resolves to ${address}`;
        throw refuse(`${where}, ${kind}: documents are fetched only from public internet addresses`);
      }
    }
    return first;
  }

  function get(url: URL, address: string, hostname: string, ca: string | undefined, signal: AbortSignal): Promise<Response> {
    const refuse = (reason: string) => new MetadataDocumentRefused(url.href, reason);
    const seconds = LIMITS.metadataDocumentFetchMs / 1000;
    return new Promise((resolve, reject) => {
      const fail = (err: unknown) => {
        if (signal.aborted) reject(refuse(`did not answer within ${seconds} s`));
        else if (err instanceof MetadataDocumentRefused) reject(err);
        else {
          const { code, message } = err as NodeJS.ErrnoException;
          reject(refuse(`could not be fetched: ${code ? `${code}, ` : ''}${message}`));
        }
        req.destroy();
      };
      const req = request(
        {
          host: address,
          port: url.port || 443,
          path: `${url.pathname}${url.search}`,
          method: 'GET',
          // RFC 6066 §3: SNI carries host names only, never an address.
          ...(isIP(hostname) ? {} : { servername: hostname }),
          headers: { host: url.host, accept: 'application/json', 'accept-encoding': 'identity', 'user-agent': 'Studio Gateway' },
          ...(ca ? { ca } : {}),
          // A fresh connection to the checked address every time: no pooled socket outlives its check.
          agent: false,
          maxHeaderSize: 8 * 1024,
          signal,
        },
        (res: IncomingMessage) => {
          res.on('error', fail);
          res.on('close', () => res.complete || fail(new Error('the connection closed before the document was complete')));
          const status = res.statusCode ?? 0;
          let problem: string | undefined;
          if (status >= 300 && status < 400) problem = `answered with a redirect (HTTP ${status}); redirects are not followed, so serve the document at the client_id URL itself`;
          else if (status !== 200) problem = `answered HTTP ${status}; it must answer 200 with the document`;
          else if (!isJsonType(res.headers['content-type'])) problem = `is served as ${res.headers['content-type'] ?? 'no content type'}; it must be application/json`;
          else if ((res.headers['content-encoding'] ?? 'identity') !== 'identity') problem = 'is compressed; serve it uncompressed';
          else if (Number(res.headers['content-length'] ?? 0) > LIMITS.metadataDocumentBytes) problem = `is larger than ${LIMITS.metadataDocumentBytes} bytes`;
          if (problem) return fail(refuse(problem));
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > LIMITS.metadataDocumentBytes) fail(refuse(`is larger than ${LIMITS.metadataDocumentBytes} bytes`));
            else chunks.push(chunk);
          });
          res.on('end', () => {
            // oidc-provider reads the caching headers (the draft's "Metadata Caching") and the body; nothing else.
            const headers = new Headers();
            for (const name of ['content-type', 'cache-control', 'expires']) {
              const value = res.headers[name];
              if (typeof value === 'string') headers.set(name, value);
            }
            resolve(new Response(Buffer.concat(chunks), { status: 200, headers }));
          });
        },
      );
      req.on('error', fail);
      req.end();
    });
  }

  async function fetchOnce(url: URL, init: RequestInit): Promise<Response> {
    if (url.protocol !== 'https:') throw new MetadataDocumentRefused(url.href, 'is not an https URL; documents are fetched only over https');
    if ((init.method ?? 'GET') !== 'GET') throw new MetadataDocumentRefused(url.href, `cannot be fetched with ${init.method}`);
    const signal = AbortSignal.any([AbortSignal.timeout(LIMITS.metadataDocumentFetchMs), ...(init.signal ? [init.signal] : [])]);
    const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1');
    const address = await checkedAddress(url, hostname, signal);
    return get(url, address, hostname, rules.caFor(hostname), signal);
  }

  /** fetch()'s shape, for oidc-provider's `fetch` option. */
  return async function fetchMetadataDocument(input: string | URL | Request, init: RequestInit = {}): Promise<Response> {
    const url = new URL(input instanceof Request ? input.url : input);
    const remembered = refused.get(url.href);
    if (remembered && remembered.untilMs > clock.nowMs()) throw remembered.error;
    refused.delete(url.href);
    try {
      return await fetchOnce(url, init);
    } catch (err) {
      if (err instanceof MetadataDocumentRefused) {
        if (refused.size >= REFUSALS_REMEMBERED) refused.delete(refused.keys().next().value ?? '');
        refused.set(url.href, { error: err, untilMs: clock.nowMs() + REFUSAL_MEMORY_MS });
      }
      throw err;
    }
  };
}
