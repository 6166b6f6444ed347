import { createHash, randomBytes } from 'node:crypto';
import { TestBrowser } from './browser.ts';
import type { OwnerPanel } from './owner-panel.ts';

// An agent with offline_access against a gateway reached only by URL (another process, as the crash loop runs it).

/** An agent that went through OAuth with offline_access and keeps the last refresh token it received. */
export interface Refresher {
  clientId: string;
  /** The MCP endpoint its tokens are for (RFC 8707), whatever URL the refresh is sent to. */
  resource: string;
  refreshToken: string;
  refreshes: number;
}

async function tokenRequest(base: string, form: Record<string, string>): Promise<{ status: number; body: Record<string, string> }> {
  const response = await fetch(`${base}/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form) });
  return { status: response.status, body: (await response.json()) as Record<string, string> };
}

/** Registers an agent, sends it through authorization, the owner approves, and it trades the code for tokens. */
export async function authorizeRefresher(owner: OwnerPanel, base: string): Promise<Refresher> {
  const redirectUri = 'http://127.0.0.1:47999/cb';
  const registered = (await (await fetch(`${base}/register`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ client_name: 'Crash loop refresher', redirect_uris: [redirectUri] }) })).json()) as { client_id: string };
  const verifier = randomBytes(32).toString('base64url');
  const authorize = new URL(`${base}/authorize`);
  for (const [key, value] of Object.entries({ response_type: 'code', client_id: registered.client_id, redirect_uri: redirectUri, scope: 'mcp:tools read:profile offline_access', code_challenge: createHash('sha256').update(verifier).digest('base64url'), code_challenge_method: 'S256', resource: `${base}/mcp` })) {
    authorize.searchParams.set(key, value);
  }
  const browser = new TestBrowser(base);
  const waiting = await browser.navigate(authorize);
  const [request] = await owner.ok('consent.list');
  await owner.ok('consent.decide', { requestId: request?.id ?? '', decision: 'approve', scopes: request?.requestedScopes.map((scope) => scope.name) ?? [] });
  const code = (await browser.navigate(waiting.url)).url.searchParams.get('code') ?? '';
  const tokens = await tokenRequest(base, { grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: redirectUri, client_id: registered.client_id, resource: `${base}/mcp` });
  if (!tokens.body.refresh_token) throw new Error(`no refresh token: ${JSON.stringify(tokens.body)}`);
  return { clientId: registered.client_id, resource: `${base}/mcp`, refreshToken: tokens.body.refresh_token, refreshes: 0 };
}

/**
 * One refresh-token exchange; on success the agent keeps the new refresh token (only answers that arrive count).
 * Rejects when the connection fails (the gateway died before answering).
 */
export async function refreshOnce(base: string, agent: Refresher): Promise<{ status: number; body: Record<string, string> }> {
  const answer = await tokenRequest(base, { grant_type: 'refresh_token', refresh_token: agent.refreshToken, client_id: agent.clientId, resource: agent.resource });
  if (answer.status === 200 && answer.body.refresh_token) {
    agent.refreshToken = answer.body.refresh_token;
    agent.refreshes++;
  }
  return answer;
}
