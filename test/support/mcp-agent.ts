import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { UnauthorizedError, type OAuthClientProvider } from '@modelcontextprotocol/sdk/client/auth.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { OAuthClientInformationMixed, OAuthClientMetadata, OAuthTokens } from '@modelcontextprotocol/sdk/shared/auth.js';
import type { ConsentRequestView } from '../../src/shared/control-api.ts';
import { TestBrowser, type Landing } from './browser.ts';
import type { TestGateway } from './gateway.ts';

/**
 * The agent side of the MCP SDK's own OAuth support: an OAuthClientProvider that keeps what the SDK gives it
 * in memory and records where the SDK wants to send the owner's browser. Nothing here speaks OAuth itself.
 */
export class TestAgent implements OAuthClientProvider {
  readonly name: string;
  readonly redirectPort: number;
  authorizationUrl: URL | undefined;
  #client: OAuthClientInformationMixed | undefined;
  #tokens: OAuthTokens | undefined;
  #verifier = '';

  constructor(name = 'Test agent', redirectPort = 47_123) {
    this.name = name;
    this.redirectPort = redirectPort;
  }

  get redirectUrl(): string {
    return `http://127.0.0.1:${this.redirectPort}/callback`;
  }

  get clientMetadata(): OAuthClientMetadata {
    return {
      client_name: this.name,
      client_uri: 'https://agent.example',
      redirect_uris: [this.redirectUrl],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
      software_id: 'studio-gateway-test-agent',
      software_version: '1.0.0',
    };
  }

  clientInformation() {
    return this.#client;
  }
  saveClientInformation(info: OAuthClientInformationMixed) {
    this.#client = info;
  }
  tokens() {
    return this.#tokens;
  }
  saveTokens(tokens: OAuthTokens) {
    this.#tokens = tokens;
  }
  redirectToAuthorization(url: URL) {
    this.authorizationUrl = url;
  }
  saveCodeVerifier(verifier: string) {
    this.#verifier = verifier;
  }
  codeVerifier() {
    return this.#verifier;
  }
  invalidateCredentials(scope: 'all' | 'client' | 'tokens' | 'verifier' | 'discovery') {
    if (scope === 'all' || scope === 'tokens') this.#tokens = undefined;
    if (scope === 'all' || scope === 'client') this.#client = undefined;
  }
}

export function mcpClient(): Client {
  return new Client({ name: 'studio-gateway-tests', version: '1.0.0' });
}

export function transportFor(tg: TestGateway, agent: TestAgent): StreamableHTTPClientTransport {
  return new StreamableHTTPClientTransport(new URL(tg.gateway.mcpUrl), { authProvider: agent });
}

/**
 * The owner's browser: opens the authorization URL the SDK produced, sees the waiting page, lets the owner
 * decide in the panel, then follows the page on to the agent's redirect_uri. Returns where it landed.
 */
export async function consentInBrowser(
  tg: TestGateway,
  authorizationUrl: URL,
  decide: (request: ConsentRequestView) => Promise<void>,
): Promise<{ waiting: Landing; landing: Landing }> {
  const browser = new TestBrowser(tg.gateway.issuer);
  const waiting = await browser.navigate(authorizationUrl);
  const pending = await tg.owner.ok('consent.list');
  const request = pending.at(-1);
  if (!request) throw new Error(`no consent request appeared; the browser got ${waiting.status}: ${waiting.body.slice(0, 300)}`);
  await decide(request);
  const landing = await browser.navigate(waiting.url);
  return { waiting, landing };
}

/** Runs the whole SDK flow for an agent: 401 → discovery → registration → consent → code → tokens. */
export async function connectWithConsent(
  tg: TestGateway,
  agent: TestAgent,
  decide: (request: ConsentRequestView) => Promise<void>,
): Promise<Client> {
  const first = transportFor(tg, agent);
  await mcpClient().connect(first).then(
    () => {
      throw new Error('connected without authorization');
    },
    (err: unknown) => {
      if (!(err instanceof UnauthorizedError)) throw err;
    },
  );
  if (!agent.authorizationUrl) throw new Error('the SDK did not ask for authorization');
  const { landing } = await consentInBrowser(tg, agent.authorizationUrl, decide);
  const code = landing.url.searchParams.get('code');
  if (!code) throw new Error(`no code at the redirect: ${landing.url.href} ${landing.status} ${landing.body.slice(0, 500)}`);
  await first.finishAuth(code);
  const client = mcpClient();
  await client.connect(transportFor(tg, agent));
  return client;
}

/** A setup-snippet token carrying exactly these scopes (plus mcp:tools), minted through the owner's panel. */
export async function tokenWithScopes(tg: TestGateway, scopes: string[]): Promise<string> {
  const minted = await tg.owner.ok('tokens.mint', { bundle: 'custom', scopes, clientName: `scopes ${scopes.join(' ')}`.slice(0, 80), expiresInDays: 1 });
  return minted.token;
}

/** An MCP SDK client that presents a fixed bearer token, as a setup snippet's config does. */
export async function bearerClient(mcpUrl: string, token: string): Promise<Client> {
  const client = mcpClient();
  await client.connect(new StreamableHTTPClientTransport(new URL(mcpUrl), { requestInit: { headers: { Authorization: `Bearer ${token}` } } }));
  return client;
}

/** One raw JSON-RPC POST to /mcp, for asserting on status codes and headers the SDK hides. */
export async function postMcp(mcpUrl: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(mcpUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'mcp-protocol-version': '2025-06-18', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

export const INITIALIZE = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
};

export function toolCall(name: string, args: Record<string, unknown> = {}, id: number | string = 2) {
  return { jsonrpc: '2.0', id, method: 'tools/call', params: { name, arguments: args } };
}
