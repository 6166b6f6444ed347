import { generateKeyPairSync } from 'node:crypto';
import Provider, { errors, type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import { OIDC_SCOPES, RESOURCE_SERVER_SCOPES, SCOPE_NAMES } from '../../shared/scopes.ts';
import type { Storage } from '../storage/index.ts';
import type { Clock } from '../../shared/clock.ts';
import { randomSecret } from '../storage/secrets.ts';
import { createAdapterFactory } from './adapter.ts';
import { LIFETIMES } from './lifetimes.ts';
import { renderErrorPage } from './pages.ts';
import { EXTRA_CLIENT_METADATA, registrationPolicy } from './registration-policy.ts';
import { isLoopbackOrigin } from '../http/origin.ts';
import { LIMITS } from '../limits.ts';
import { createMetadataDocumentFetch, refusalDescription, type MetadataDocumentTestSetting } from './metadata-document-fetch.ts';

export interface AuthorizationServerOptions {
  /** Pathless issuer, e.g. http://127.0.0.1:8787 (RFC 8414 §2; the PRM's authorization_servers[0]). */
  issuer: string;
  /** The one protected resource: the MCP endpoint's URL, exactly (RFC 8707, RFC 9728 §3.3). */
  mcpUrl: string;
  storage: Storage;
  /** Only in-process tests (GatewayOptions.metadataDocumentsForTests): their own https hosts and CA. */
  metadataDocumentsForTests?: MetadataDocumentTestSetting | undefined;
  clock: Clock;
  /**
   * Where oidc-provider keeps its models: the gateway's SQLite adapter (adapter.ts), always, except in the
   * benchmark's reference server, which passes 'library-memory' to measure oidc-provider with its own in-memory
   * adapter under this very configuration (bench/servers/token-reference.ts).
   */
  adapter?: 'sqlite' | 'library-memory';
}

/** The routes oidc-provider serves, named as agent developers expect them. */
export const OAUTH_ROUTES = {
  authorization: '/authorize',
  token: '/token',
  registration: '/register',
  revocation: '/revoke',
  userinfo: '/userinfo',
  jwks: '/jwks',
} as const;

/**
 * ID tokens are signed with a key made at start-up and never written anywhere: an ID token is checked by its
 * client when it arrives, so nothing needs the key after a restart, and no private key sits on disk.
 */
function ephemeralSigningKey() {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { ...privateKey.export({ format: 'jwk' }), use: 'sig', alg: 'ES256', kid: randomSecret(8) };
}

/** Configures node-oidc-provider as this gateway's OAuth 2.1 authorization server. */
export function createAuthorizationServer({ issuer, mcpUrl, storage, metadataDocumentsForTests, clock, adapter = 'sqlite' }: AuthorizationServerOptions): Provider {
  const configuration: Configuration = {
    ...(adapter === 'sqlite' ? { adapter: createAdapterFactory(storage, clock) } : {}),
    jwks: { keys: [ephemeralSigningKey()] },
    cookies: { keys: [randomSecret()] },

    clientAuthMethods: ['none'],
    clientDefaults: {
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
      id_token_signed_response_alg: 'ES256',
    },
    responseTypes: ['code'],
    // OAuth 2.1 §4.1.1: redirect_uri is always sent, even when only one is registered.
    allowOmittingSingleRegisteredRedirectUri: false,
    // OAuth 2.1 §4.1.1 / RFC 9700 §2.1.1: PKCE for every client; oidc-provider v9 supports S256 only.
    pkce: { required: () => true },
    // RFC 9700 §4.14.2: public clients' refresh tokens rotate on every use; reuse revokes the grant.
    rotateRefreshToken: true,
    acceptQueryParamAccessTokens: false,
    // An agent's access outlives the browser tab that approved it: tokens end with their grant, never with
    // the (in-memory) browser session.
    expiresWithSession: () => false,

    // oidc-provider's own scopes are the OpenID Connect ones; the MCP resource's scopes come from
    // getResourceServerInfo below (its docs: resource server scopes do not belong here).
    scopes: [...OIDC_SCOPES],
    claims: { openid: ['sub'], profile: ['name'], email: ['email', 'email_verified'] },
    async findAccount(_ctx, sub) {
      const owner = storage.owner.get();
      if (!owner || owner.id !== sub) return undefined;
      return {
        accountId: owner.id,
        claims: () => ({ sub: owner.id, name: owner.name, email: owner.email, email_verified: owner.emailVerified }),
      };
    },

    ttl: {
      AccessToken: LIFETIMES.accessToken,
      AuthorizationCode: LIFETIMES.authorizationCode,
      IdToken: LIFETIMES.accessToken,
      Interaction: LIFETIMES.interactionSession,
      Session: LIFETIMES.browserSession,
      Grant: LIFETIMES.grantDefault,
      RefreshToken: LIFETIMES.refreshToken,
    },

    // Consent is given by a person in the control panel, every time: no grant is ever reused silently
    // (docs/product.md#connected-apps: authorising the same client again starts fresh). The interaction handler creates the
    // grant once the owner has approved, and hands its id back here.
    async loadExistingGrant(ctx: KoaContextWithOIDC) {
      const grantId = ctx.oidc.result?.consent?.grantId;
      return grantId ? ctx.oidc.provider.Grant.find(grantId) : undefined;
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },

    extraClientMetadata: { properties: EXTRA_CLIENT_METADATA, validator: registrationPolicy },

    // CORS for browser-based clients on loopback only (never `*`), and only on the routes
    // oidc-provider opens to CORS (discovery, token, registration, revocation, userinfo, jwks).
    clientBasedCORS: (_ctx, origin) => isLoopbackOrigin(origin),

    routes: OAUTH_ROUTES,
    renderError: (ctx, out, err) => {
      ctx.type = 'html';
      ctx.body = renderErrorPage(out.error, refusalDescription(err) ?? out.error_description);
    },

    // Client ID Metadata Documents: the one outgoing request oidc-provider makes here goes through the guarded fetch
    // (https, public addresses only, no redirects, JSON, size and time limits: metadata-document-fetch.ts).
    fetch: createMetadataDocumentFetch(metadataDocumentsForTests, clock),
    fetchResponseBodyLimits: { 'client_id metadata document': LIMITS.metadataDocumentBytes },

    features: {
      devInteractions: { enabled: false },
      // MCP authorization 2025-11-25 (Client ID Metadata Documents, SHOULD): a client_id that is an https URL is
      // resolved by fetching that URL (no registration); discovery then says client_id_metadata_document_supported.
      // The document is checked by oidc-provider (its client_id is the URL exactly, no secret, no shared-secret
      // method, https web URIs; redirect URIs matched as a registered client's, RFC 8252 §7.3 for native apps) and
      // by the registration policy (registration-policy.ts). It is kept in memory only, for its Cache-Control max-age
      // within these bounds (the draft's "Metadata Caching"); a client's row is stored only with its first grant.
      clientIdMetadataDocument: { enabled: true, ack: 'draft-02', cacheDuration: { ...LIMITS.metadataDocumentCacheSeconds } },
      registration: { enabled: true, initialAccessToken: false, issueRegistrationAccessToken: false },
      // RFC 7009 §2.1: a client revokes only its own tokens. For another's token the answer is still 200
      // (§2.2: the client learns nothing) but nothing is revoked.
      revocation: { enabled: true, allowedPolicy: (_ctx, client, token) => token.clientId === client.clientId },
      userinfo: { enabled: true },
      introspection: { enabled: false },
      rpInitiatedLogout: { enabled: false },
      // Not offered: MCP clients do not use them, and each would be a path around the checks above
      // (DPoP-bound tokens are not verified at /mcp; PAR would be a second way into authorization).
      pushedAuthorizationRequests: { enabled: false },
      dPoP: { enabled: false },
      resourceIndicators: {
        enabled: true,
        // "resource omitted" means this gateway's MCP endpoint.
        defaultResource: () => mcpUrl,
        // A token request that names no resource but asks for openid gets a UserInfo token; otherwise the
        // granted resource. Every access token has exactly one audience.
        useGrantedResource: () => false,
        getResourceServerInfo: (_ctx, resource) => {
          // RFC 8707 §2: a resource this server does not protect is invalid_target.
          if (resource !== mcpUrl) throw new errors.InvalidTarget(`unknown resource; this gateway protects ${mcpUrl}`);
          return {
            scope: RESOURCE_SERVER_SCOPES.join(' '),
            audience: mcpUrl,
            accessTokenTTL: LIFETIMES.accessToken,
            accessTokenFormat: 'opaque',
          };
        },
      },
    },
  };

  const provider = new Provider(issuer, configuration);
  provider.proxy = false;
  // oidc-provider answers a document it would not use with invalid_client "client_id metadata document fetch failed";
  // the app's developer needs the reason (HTML answers get it through renderError above).
  const explain = (ctx: KoaContextWithOIDC, err: unknown) => {
    const description = refusalDescription(err);
    if (description && ctx.body && typeof ctx.body === 'object') (ctx.body as Record<string, unknown>).error_description = description;
  };
  provider.on('grant.error', explain);
  provider.on('revocation.error', explain);
  provider.on('userinfo.error', explain);
  // No browser-session cookie. oidc-provider would set `_session` on the last redirect of an authorization, and
  // browsers send cookies to every port of a host (RFC 6265 §8.5: "cookies do not provide isolation by port"), so
  // the agent's own loopback listener would receive it. Nothing needs it: every authorization asks the owner
  // (loadExistingGrant above), and tokens do not end with the browser session (expiresWithSession).
  provider.use(async (ctx, next) => {
    await next();
    const cookies = ctx.response.get('Set-Cookie') as string[] | string | undefined;
    if (!cookies) return;
    const sessionCookie = new RegExp(`^${provider.cookieName('session')}(?:\\.sig|\\.legacy)*=`);
    const kept = (Array.isArray(cookies) ? cookies : [cookies]).filter((cookie) => !sessionCookie.test(cookie));
    if (kept.length) ctx.set('Set-Cookie', kept);
    else ctx.remove('Set-Cookie');
  });
  // RFC 8414 §2 scopes_supported: every scope a client may ask for, resource scopes included (admin:*
  // never: it is not in the catalogue).
  provider.use(async (ctx, next) => {
    await next();
    if (ctx.oidc?.route === 'discovery' && ctx.body && typeof ctx.body === 'object') {
      (ctx.body as Record<string, unknown>).scopes_supported = [...SCOPE_NAMES];
    }
  });
  return provider;
}
