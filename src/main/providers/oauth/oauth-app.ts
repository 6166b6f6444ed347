import * as oidc from 'openid-client';
import type { ProviderEndpoints } from '../../../shared/control-api.ts';
import { DomainError } from '../../errors.ts';
import type { Vault } from '../vault/vault.ts';
import { PROVIDER_LABELS } from '../provider-error.ts';

export type OAuthProvider = 'google' | 'zoom';

/** The provider's documented endpoints; tests and self-hosted proxies point them elsewhere (Settings). */
export const DEFAULT_ENDPOINTS: Record<OAuthProvider, ProviderEndpoints> = {
  // developers.google.com/identity/protocols/oauth2/native-app; developers.google.com/calendar/api/v3/reference
  google: {
    authorizeUrl: 'https://accounts.google.com/o/oauth2/v2/auth',
    tokenUrl: 'https://oauth2.googleapis.com/token',
    revokeUrl: 'https://oauth2.googleapis.com/revoke',
    apiBase: 'https://www.googleapis.com/calendar/v3',
  },
  // developers.zoom.us/docs/integrations/oauth/; developers.zoom.us/docs/api/meetings/
  zoom: {
    authorizeUrl: 'https://zoom.us/oauth/authorize',
    tokenUrl: 'https://zoom.us/oauth/token',
    revokeUrl: 'https://zoom.us/oauth/revoke',
    apiBase: 'https://api.zoom.us/v2',
  },
};

/** The scopes asked for, and nothing more (Connections seed: two calendar scopes; three Zoom scopes). */
export const PROVIDER_SCOPES: Record<OAuthProvider, string[]> = {
  google: ['https://www.googleapis.com/auth/calendar.readonly', 'https://www.googleapis.com/auth/calendar.events'],
  zoom: ['meeting:write:meeting', 'meeting:read:meeting', 'user:read:user'],
};

/** The OAuth client the owner registered with the provider: id and secret, and where the provider answers. */
export interface OAuthApp extends ProviderEndpoints {
  clientId: string;
  clientSecret: string;
}

const appEntry = (provider: OAuthProvider) => (provider === 'google' ? 'google_app' : 'zoom_app');

/** The provider apps, sealed in the vault as a whole (the secret never leaves it but for the token endpoint). */
export function createOAuthApps(vault: Vault) {
  async function get(provider: OAuthProvider): Promise<OAuthApp | undefined> {
    return vault.get<OAuthApp>(appEntry(provider));
  }
  return {
    get,
    async require(provider: OAuthProvider): Promise<OAuthApp> {
      const app = await get(provider);
      if (!app) {
        throw new DomainError('provider_app_missing', `Enter the client ID and client secret of your ${PROVIDER_LABELS[provider]} OAuth app first (Connections → ${PROVIDER_LABELS[provider]} → App credentials).`);
      }
      return app;
    },
    /** Saves the app; an omitted secret keeps the saved one. */
    async save(provider: OAuthProvider, input: { clientId: string; clientSecret?: string | undefined } & Partial<ProviderEndpoints>): Promise<OAuthApp> {
      const previous = await get(provider);
      const clientSecret = input.clientSecret ?? previous?.clientSecret;
      if (!clientSecret) throw new DomainError('invalid_input', `clientSecret: enter the client secret of your ${PROVIDER_LABELS[provider]} OAuth app.`);
      const defaults = previous ?? DEFAULT_ENDPOINTS[provider];
      const app: OAuthApp = {
        clientId: input.clientId,
        clientSecret,
        authorizeUrl: input.authorizeUrl ?? defaults.authorizeUrl,
        tokenUrl: input.tokenUrl ?? defaults.tokenUrl,
        revokeUrl: input.revokeUrl ?? defaults.revokeUrl,
        apiBase: input.apiBase ?? defaults.apiBase,
      };
      await vault.put(appEntry(provider), app);
      return app;
    },
  };
}
export type OAuthApps = ReturnType<typeof createOAuthApps>;

/**
 * Zoom's documented client authentication: `Authorization: Basic base64(client_id:client_secret)` with the values
 * as they are (developers.zoom.us "Request an access token"), not form-encoded first as RFC 6749 §2.3.1 asks.
 */
const zoomBasic = (clientId: string, clientSecret: string): oidc.ClientAuth => (_as, _client, _body, headers) => {
  headers.set('authorization', `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`);
};

/**
 * openid-client's view of the provider: the client authentication each provider documents (Google: the secret in
 * the form body; Zoom: Basic), a 15-second timeout, and plain http only where the control API let it in (loopback).
 */
export function oauthConfiguration(provider: OAuthProvider, app: OAuthApp): oidc.Configuration {
  const server: oidc.ServerMetadata = {
    issuer: new URL(app.authorizeUrl).origin,
    authorization_endpoint: app.authorizeUrl,
    token_endpoint: app.tokenUrl,
    revocation_endpoint: app.revokeUrl,
  };
  const auth = provider === 'zoom' ? zoomBasic(app.clientId, app.clientSecret) : oidc.ClientSecretPost(app.clientSecret);
  const config = new oidc.Configuration(server, app.clientId, undefined, auth);
  config.timeout = 15;
  if ([app.authorizeUrl, app.tokenUrl, app.revokeUrl].some((u) => new URL(u).protocol === 'http:')) oidc.allowInsecureRequests(config);
  return config;
}
