import * as oidc from 'openid-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TestBrowser } from '../../support/browser.ts';
import { startTestGateway, type TestGateway } from '../../support/gateway.ts';
import { bearerClient, INITIALIZE, postMcp } from '../../support/mcp-agent.ts';

let tg: TestGateway;
beforeEach(async () => {
  tg = await startTestGateway();
});
afterEach(async () => {
  await tg.close();
});

const REDIRECT = 'http://127.0.0.1:51234/cb';

/** Registers with openid-client's own DCR, then runs its authorization code flow with the owner approving. */
async function authorize(scope: string, approve: string[] | 'all') {
  const config = await oidc.dynamicClientRegistration(
    new URL(tg.gateway.issuer),
    { client_name: 'openid-client conformance', redirect_uris: [REDIRECT], token_endpoint_auth_method: 'none', response_types: ['code'], grant_types: ['authorization_code', 'refresh_token'] },
    oidc.None(),
    { execute: [oidc.allowInsecureRequests] },
  );
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: REDIRECT,
    scope,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    // No prompt=consent: a generic client does not send it, and still gets a refresh token once the owner grants
    // offline_access (docs/authorization.md).
  });
  const browser = new TestBrowser(tg.gateway.issuer);
  const waiting = await browser.navigate(url);
  expect(waiting.body).toContain('Waiting for your approval');
  const [request] = await tg.owner.ok('consent.list');
  await tg.owner.ok('consent.decide', { requestId: request?.id ?? '', decision: 'approve', scopes: approve === 'all' ? (request?.requestedScopes.map((s) => s.name) ?? []) : approve });
  const landing = await browser.navigate(waiting.url);
  const tokens = await oidc.authorizationCodeGrant(config, landing.url, { pkceCodeVerifier: verifier, expectedState: state, idTokenExpected: scope.includes('openid') });
  return { config, tokens };
}

describe('openid-client as an independent OAuth/OIDC client', () => {
  it('discovers the issuer with its RFC 8414 and OIDC metadata', async () => {
    const config = await oidc.discovery(new URL(tg.gateway.issuer), 'unused', undefined, oidc.None(), { execute: [oidc.allowInsecureRequests] });
    const meta = config.serverMetadata();
    expect(meta.issuer).toBe(tg.gateway.issuer);
    expect(meta.code_challenge_methods_supported).toEqual(['S256']);
    expect(meta.token_endpoint_auth_methods_supported).toContain('none');
    expect(meta.scopes_supported).toContain('mcp:tools');
    expect(meta.scopes_supported?.some((s) => s.startsWith('admin:'))).toBe(false);
    const rfc8414 = (await (await fetch(`${tg.gateway.issuer}/.well-known/oauth-authorization-server`)).json()) as Record<string, unknown>;
    expect(rfc8414.issuer).toBe(tg.gateway.issuer);
    expect(rfc8414.scopes_supported).toEqual(meta.scopes_supported);
  });

  it('registers, runs code + PKCE without prompt=consent, gets a refresh token, verifies the ID token, reads UserInfo, refreshes for the MCP resource and revokes', async () => {
    const { config, tokens } = await authorize('openid profile email offline_access mcp:tools read:profile', 'all');
    const owner = tg.gateway.services.owner.get();
    expect(tokens.claims()?.sub).toBe(owner.id);
    expect(tokens.refresh_token).toBeTruthy();

    // No resource at the token endpoint and openid granted: a UserInfo token (one audience per token).
    const userinfo = await oidc.fetchUserInfo(config, tokens.access_token, owner.id);
    expect(userinfo).toMatchObject({ sub: owner.id, name: 'Maya Lindqvist', email: 'maya@lotusloft.example', email_verified: true });
    const wrongAudience = await postMcp(tg.gateway.mcpUrl, INITIALIZE, { authorization: `Bearer ${tokens.access_token}` });
    expect(wrongAudience.status).toBe(401);
    expect(wrongAudience.headers.get('www-authenticate')).toContain('error="invalid_token"');

    // Refresh naming the MCP endpoint (RFC 8707): a token for /mcp with the resource scopes only.
    const refreshed = await oidc.refreshTokenGrant(config, tokens.refresh_token as string, { resource: tg.gateway.mcpUrl });
    expect(refreshed.refresh_token).not.toBe(tokens.refresh_token);
    expect(refreshed.scope?.split(' ').sort()).toEqual(['mcp:tools', 'read:profile']);
    const client = await bearerClient(tg.gateway.mcpUrl, refreshed.access_token);
    expect((await client.callTool({ name: 'get_profile', arguments: {} })).isError).toBeFalsy();
    await client.close();

    // RFC 7009: revoking the refresh token ends the grant, so its access tokens die too.
    await oidc.tokenRevocation(config, refreshed.refresh_token as string);
    const after = await postMcp(tg.gateway.mcpUrl, INITIALIZE, { authorization: `Bearer ${refreshed.access_token}` });
    expect(after.status).toBe(401);
    await expect(oidc.refreshTokenGrant(config, refreshed.refresh_token as string)).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  it('gives UserInfo only the claims of the granted identity scopes', async () => {
    const { config, tokens } = await authorize('openid profile email mcp:tools', ['openid', 'mcp:tools']);
    const sub = tokens.claims()?.sub as string;
    const userinfo = await oidc.fetchUserInfo(config, tokens.access_token, sub);
    expect(userinfo).toEqual({ sub });
    expect(tokens.refresh_token).toBeUndefined();
  });
});
