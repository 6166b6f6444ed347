import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { tempDir } from './gateway.ts';
import { TestAgent } from './mcp-agent.ts';

/**
 * Client metadata documents served the way an app's website serves them: https with a certificate for its host name.
 * The CA is made for this run (openssl from the OS: node:crypto makes keys but no certificates) and trusted only by
 * the gateway under test, for the host names its test setting lists.
 */

export interface TestPki {
  /** PEM of the CA. */
  ca: string;
  /** The server's key and certificate (PEM), for `hostnames`. */
  key: string;
  cert: string;
}

/** A new CA, and a server certificate it signed for these host names (valid one day). */
export function makeTestPki(hostnames: string[]): TestPki {
  const dir = tempDir('sg-pki-');
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  const ecKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
  try {
    openssl('req', '-x509', ...ecKey, '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '1', '-subj', '/CN=Studio Gateway test CA');
    openssl('req', ...ecKey, '-keyout', 'server.key', '-out', 'server.csr', '-subj', `/CN=${hostnames[0] ?? 'test'}`);
    writeFileSync(join(dir, 'server.ext'), `subjectAltName=${hostnames.map((h) => `DNS:${h}`).join(',')}\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n`);
    openssl('x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.pem', '-days', '1', '-extfile', 'server.ext');
    const read = (file: string) => readFileSync(join(dir, file), 'utf8');
    return { ca: read('ca.pem'), key: read('server.key'), cert: read('server.pem') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

type Route = (req: IncomingMessage, res: ServerResponse) => void;

/** An https server on 127.0.0.1 that answers each path as told, and counts what it was asked. */
export class DocumentServer {
  readonly #server: Server;
  readonly #routes = new Map<string, Route>();
  readonly #hits = new Map<string, number>();

  private constructor(pki: Pick<TestPki, 'key' | 'cert'>) {
    this.#server = createServer({ key: pki.key, cert: pki.cert }, (req, res) => this.#handle(req, res));
  }

  static async start(pki: Pick<TestPki, 'key' | 'cert'>): Promise<DocumentServer> {
    const documents = new DocumentServer(pki);
    await new Promise<void>((resolve) => documents.#server.listen(0, '127.0.0.1', resolve));
    return documents;
  }

  #handle(req: IncomingMessage, res: ServerResponse): void {
    const path = new URL(req.url ?? '/', 'https://x').pathname;
    this.#hits.set(path, (this.#hits.get(path) ?? 0) + 1);
    const route = this.#routes.get(path);
    if (route) route(req, res);
    else res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
  }

  get port(): number {
    return (this.#server.address() as AddressInfo).port;
  }

  /** The https URL of `path` on `host` (which the gateway's test setting maps to this server). */
  url(host: string, path: string): string {
    return `https://${host}:${this.port}${path}`;
  }

  route(path: string, route: Route): void {
    this.#routes.set(path, route);
  }

  /** Serves `body` as JSON (application/json unless `headers` says otherwise). */
  serveJson(path: string, body: unknown, headers: Record<string, string> = {}): void {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    this.route(path, (_req, res) => res.writeHead(200, { 'content-type': 'application/json', ...headers }).end(text));
  }

  /** How many times `path` was requested. */
  hits(path: string): number {
    return this.#hits.get(path) ?? 0;
  }

  close(): Promise<void> {
    this.#server.closeAllConnections();
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }
}

/** A valid client metadata document for `url`: a native app with a loopback redirect whose port varies per run. */
export function metadataDocument(url: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    client_id: url,
    client_name: 'Document Agent',
    client_uri: 'https://agent.test',
    redirect_uris: ['http://127.0.0.1/callback'],
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    token_endpoint_auth_method: 'none',
    ...overrides,
  };
}

/** The MCP SDK's own client, identifying itself by its metadata document URL (SDK: OAuthClientProvider.clientMetadataUrl). */
export class MetadataDocumentAgent extends TestAgent {
  readonly clientMetadataUrl: string;

  constructor(clientMetadataUrl: string, redirectPort?: number) {
    super('Document Agent', redirectPort);
    this.clientMetadataUrl = clientMetadataUrl;
  }
}
