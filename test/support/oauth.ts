import { createHash, randomBytes } from 'node:crypto';
import { TestBrowser, type Landing } from './browser.ts';
import type { ConsentRequestView } from '../../src/shared/control-api.ts';
import type { TestGateway } from './gateway.ts';

/** Raw OAuth requests for the negative cases: what a hostile or sloppy client could send. */

export const REDIRECT = 'http://127.0.0.1:52345/callback';

export function pkcePair() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export async function register(tg: TestGateway, metadata: Record<string, unknown>) {
  const response = await fetch(`${tg.gateway.issuer}/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(metadata),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

export async function registerClient(tg: TestGateway, metadata: Record<string, unknown> = {}): Promise<string> {
  const { status, body } = await register(tg, { client_name: 'Raw client', redirect_uris: [REDIRECT], ...metadata });
  if (status !== 201) throw new Error(`registration failed: ${JSON.stringify(body)}`);
  return String(body.client_id);
}

export function authorizeUrl(tg: TestGateway, params: Record<string, string | undefined>): URL {
  const url = new URL(`${tg.gateway.issuer}/authorize`);
  for (const [key, value] of Object.entries(params)) if (value !== undefined) url.searchParams.set(key, value);
  return url;
}

export async function tokenRequest(tg: TestGateway, params: Record<string, string | undefined>) {
  const form = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined) form.set(key, value);
  const response = await fetch(`${tg.gateway.issuer}/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, string | undefined> };
}

/**
 * The owner's answer to a consent request as the panel sends it: approving names the scopes to grant (all that
 * were requested unless `scopes` says otherwise), denying names none.
 */
export function decisionFor(request: ConsentRequestView, decision: { decision: 'approve' | 'deny'; scopes?: string[] } = { decision: 'approve' }) {
  if (decision.decision === 'deny') return { requestId: request.id, decision: 'deny' as const };
  return { requestId: request.id, decision: 'approve' as const, scopes: decision.scopes ?? request.requestedScopes.map((s) => s.name) };
}

/** Opens the authorization URL in a fresh browser, lets the owner decide, and returns where the browser lands. */
export async function decideInBrowser(
  tg: TestGateway,
  url: URL,
  decision: { decision: 'approve' | 'deny'; scopes?: string[] } = { decision: 'approve' },
): Promise<{ first: Landing; landing: Landing }> {
  const browser = new TestBrowser(tg.gateway.issuer);
  const first = await browser.navigate(url);
  if (first.url.origin !== tg.gateway.issuer || !first.url.pathname.startsWith('/interaction/')) return { first, landing: first };
  const pending = await tg.owner.ok('consent.list');
  const request = pending.at(-1);
  if (!request) throw new Error('no consent request');
  await tg.owner.ok('consent.decide', decisionFor(request, decision));
  return { first, landing: await browser.navigate(first.url) };
}

export interface CodeFlow {
  clientId: string;
  verifier: string;
  code: string;
}

/** Register, authorize with PKCE, owner approves: the code at the redirect, ready to exchange. */
/** `resource: null` leaves the resource parameter out. */
export async function codeFlow(tg: TestGateway, options: { scope?: string; approve?: string[]; clientId?: string; resource?: string | null } = {}): Promise<CodeFlow> {
  const clientId = options.clientId ?? (await registerClient(tg));
  const { verifier, challenge } = pkcePair();
  const url = authorizeUrl(tg, {
    response_type: 'code',
    client_id: clientId,
    redirect_uri: REDIRECT,
    scope: options.scope ?? 'mcp:tools read:profile offline_access',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    prompt: 'consent',
    resource: options.resource === null ? undefined : (options.resource ?? tg.gateway.mcpUrl),
  });
  const { landing } = await decideInBrowser(tg, url, { decision: 'approve', ...(options.approve ? { scopes: options.approve } : {}) });
  const code = landing.url.searchParams.get('code');
  if (!code) throw new Error(`no code: ${landing.url.href}`);
  return { clientId, verifier, code };
}

export async function exchange(tg: TestGateway, flow: CodeFlow, extra: Record<string, string | undefined> = {}) {
  return tokenRequest(tg, {
    grant_type: 'authorization_code',
    code: flow.code,
    code_verifier: flow.verifier,
    redirect_uri: REDIRECT,
    client_id: flow.clientId,
    resource: tg.gateway.mcpUrl,
    ...extra,
  });
}

/** A refresh-token exchange for the MCP resource. */
export function refresh(tg: TestGateway, clientId: string, refreshToken: string | undefined, extra: Record<string, string> = {}) {
  return tokenRequest(tg, { grant_type: 'refresh_token', refresh_token: refreshToken, client_id: clientId, resource: tg.gateway.mcpUrl, ...extra });
}

/** RFC 7009 revocation by a public client: the HTTP status. */
export async function revoke(tg: TestGateway, clientId: string, token: string | undefined): Promise<number> {
  const response = await fetch(`${tg.gateway.issuer}/revoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token: token ?? '', client_id: clientId }),
  });
  await response.body?.cancel();
  return response.status;
}

/** What /mcp answers an initialize with this access token. */
export async function mcpStatus(tg: TestGateway, accessToken: string | undefined): Promise<number> {
  const response = await fetch(tg.gateway.mcpUrl, {
    method: 'POST',
    headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'status', version: '1' } } }),
  });
  await response.body?.cancel();
  return response.status;
}

/** What UserInfo answers this access token. */
export async function userinfoStatus(tg: TestGateway, accessToken: string | undefined): Promise<number> {
  const response = await fetch(`${tg.gateway.issuer}/userinfo`, { headers: { authorization: `Bearer ${accessToken}` } });
  await response.body?.cancel();
  return response.status;
}
