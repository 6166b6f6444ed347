import * as oidc from 'openid-client';
import { DomainError } from '../../errors.ts';
import { PROVIDER_LABELS, ProviderError } from '../provider-error.ts';
import type { Vault } from '../vault/vault.ts';
import { oauthConfiguration, PROVIDER_SCOPES, type OAuthApps, type OAuthProvider } from './oauth-app.ts';
import { tokenEndpointFailure, tokensFrom, type StoredTokens } from './token-source.ts';

/** How long the owner has to finish at the provider. */
const PENDING_MS = 10 * 60_000;

interface Pending {
  provider: OAuthProvider;
  verifier: string;
  authorizeUrl: string;
  expiresAt: number;
}

export const callbackPath = (provider: OAuthProvider) => `/connections/${provider}/callback`;

/**
 * Connecting Google or Zoom: the authorization code flow for an installed app (RFC 8252) with a loopback
 * redirect to the gateway itself (§7.3), PKCE S256 (RFC 7636) and a single-use state bound to this attempt
 * (RFC 6749 §10.12). The owner's browser goes to the provider; the provider sends it back to the callback.
 */
export function createOAuthConnect(deps: {
  apps: OAuthApps;
  vault: Vault;
  issuer: string;
  now: () => number;
  /** Reads who it is connected as and marks the connection; tokens are in the vault already. */
  onTokens: (provider: OAuthProvider) => Promise<string>;
}) {
  const pending = new Map<string, Pending>();
  const redirectUri = (provider: OAuthProvider) => `${deps.issuer}${callbackPath(provider)}`;

  function dropExpired(): void {
    for (const [state, p] of pending) if (p.expiresAt < deps.now() * 1000) pending.delete(state);
  }

  return {
    redirectUri,

    /** The provider's authorization URL for the owner's browser. */
    async begin(provider: OAuthProvider): Promise<string> {
      await deps.vault.ready(); // no keychain: refuse now, not after the owner has signed in at the provider
      const app = await deps.apps.require(provider);
      dropExpired();
      const verifier = oidc.randomPKCECodeVerifier();
      const state = oidc.randomState();
      const params: Record<string, string> = {
        redirect_uri: redirectUri(provider),
        response_type: 'code',
        code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        state,
      };
      // Google: both calendar scopes, a refresh token, and the consent screen again on reconnect so one is issued.
      // Zoom: scopes live on the app (Marketplace), not in the request.
      if (provider === 'google') Object.assign(params, { scope: PROVIDER_SCOPES.google.join(' '), access_type: 'offline', prompt: 'consent' });
      const authorizeUrl = oidc.buildAuthorizationUrl(oauthConfiguration(provider, app), params).href;
      pending.set(state, { provider, verifier, authorizeUrl, expiresAt: deps.now() * 1000 + PENDING_MS });
      return authorizeUrl;
    },

    /** An authorization URL this gateway just made (the desktop app opens only those in the system browser). */
    isPendingUrl(url: string): boolean {
      dropExpired();
      return [...pending.values()].some((p) => p.authorizeUrl === url);
    },

    /**
     * The provider sent the browser back: check the state, trade the code (with the PKCE verifier) for tokens,
     * seal them, and read who it is. Returns the account it is connected as.
     */
    async complete(provider: OAuthProvider, callbackUrl: URL): Promise<string> {
      const state = callbackUrl.searchParams.get('state') ?? '';
      const attempt = pending.get(state);
      if (!attempt || attempt.provider !== provider || attempt.expiresAt < deps.now() * 1000) {
        throw new DomainError('connect_expired', `This ${PROVIDER_LABELS[provider]} sign-in is not one Studio Gateway started, or it took longer than 10 minutes. Start again from the Connections page.`);
      }
      pending.delete(state); // single use
      const error = callbackUrl.searchParams.get('error');
      if (error) {
        throw new DomainError('connect_denied', error === 'access_denied' ? `You cancelled at ${PROVIDER_LABELS[provider]}; nothing was connected.` : `${PROVIDER_LABELS[provider]} answered "${error.slice(0, 60)}"; nothing was connected.`);
      }
      const app = await deps.apps.require(provider);
      let response: oidc.TokenEndpointResponse;
      try {
        response = await oidc.authorizationCodeGrant(oauthConfiguration(provider, app), callbackUrl, { pkceCodeVerifier: attempt.verifier, expectedState: state });
      } catch (err) {
        const failure = tokenEndpointFailure(provider, err);
        if (failure !== 'invalid_grant' && !(err instanceof oidc.AuthorizationResponseError)) throw failure;
        throw new DomainError('connect_failed', `${PROVIDER_LABELS[provider]} did not accept the sign-in (${failure === 'invalid_grant' ? 'the code was refused' : 'the answer was not valid'}); nothing was connected. Try again.`);
      }
      const granted = (response.scope ?? '').split(' ');
      const missing = response.scope === undefined ? [] : PROVIDER_SCOPES[provider].filter((s) => !granted.includes(s));
      if (missing.length) {
        throw new ProviderError(provider, 'connect_scopes_missing', `${PROVIDER_LABELS[provider]} did not grant ${missing.join(', ')}; Studio Gateway needs ${PROVIDER_SCOPES[provider].length === 2 ? 'both permissions' : 'all three permissions'}. Connect again and allow them${provider === 'zoom' ? ' (add them to your Zoom app in the Marketplace first)' : ''}.`, { retryable: false });
      }
      const tokens: StoredTokens = tokensFrom(provider, response, undefined, deps.now());
      await deps.vault.put(provider, tokens);
      try {
        return await deps.onTokens(provider);
      } catch (err) {
        deps.vault.delete(provider); // nothing half-connected stays behind
        throw err;
      }
    },
  };
}
export type OAuthConnect = ReturnType<typeof createOAuthConnect>;
