import * as oidc from 'openid-client';
import { httpFailure, NotConnectedError, PROVIDER_LABELS, ProviderError, unreachable } from '../provider-error.ts';
import type { Vault } from '../vault/vault.ts';
import { oauthConfiguration, type OAuthApps, type OAuthProvider } from './oauth-app.ts';

/** What the vault keeps of a provider grant. Times are epoch seconds. */
export interface StoredTokens {
  accessToken: string;
  refreshToken: string;
  expiresAt: number;
}

/** A token is refreshed this long before it expires, so a request never starts with one about to die. */
const EARLY_REFRESH_SECONDS = 60;

export function tokensFrom(provider: OAuthProvider, response: oidc.TokenEndpointResponse, previous: StoredTokens | undefined, now: number): StoredTokens {
  const refreshToken = response.refresh_token ?? previous?.refreshToken;
  if (!refreshToken) throw new ProviderError(provider, 'no_refresh_token', `${PROVIDER_LABELS[provider]} issued no refresh token, so the connection could not last. Connect again.`, { retryable: false });
  return { accessToken: response.access_token, refreshToken, expiresAt: now + (response.expires_in ?? 3600) };
}

/** Maps what openid-client throws at the token endpoint to a provider error (never with the provider's text). */
export function tokenEndpointFailure(provider: OAuthProvider, err: unknown): ProviderError | 'invalid_grant' {
  if (err instanceof oidc.ResponseBodyError) {
    if (err.error === 'invalid_grant') return 'invalid_grant';
    // error_description can echo what was sent (Zoom puts the code in `reason`): only the error code is kept.
    return httpFailure(provider, err.status, `${err.error}`);
  }
  return unreachable(provider, err);
}

/**
 * Access tokens for one provider, refreshed when they are about to expire or are refused. One refresh at a
 * time: Zoom rotates the refresh token on every use (developers.zoom.us "Refreshing an access token"), so two
 * at once would burn the grant. A rotated refresh token is sealed and committed before the new access token is
 * handed out: a crash after that point keeps a working grant.
 */
export function createTokenSource(deps: {
  provider: OAuthProvider;
  vault: Vault;
  apps: OAuthApps;
  now: () => number;
  /** The provider refused the saved grant: the connection is over until the owner reconnects. */
  onRevoked: (reason: string) => void;
}) {
  const { provider, vault } = deps;
  let refreshing: Promise<string> | undefined;

  async function stored(): Promise<StoredTokens> {
    const tokens = await vault.get<StoredTokens>(provider);
    if (!tokens) throw new NotConnectedError(provider);
    return tokens;
  }

  async function refresh(): Promise<string> {
    const previous = await stored();
    const app = await deps.apps.require(provider);
    let response: oidc.TokenEndpointResponse;
    try {
      response = await oidc.refreshTokenGrant(oauthConfiguration(provider, app), previous.refreshToken);
    } catch (err) {
      const failure = tokenEndpointFailure(provider, err);
      if (failure !== 'invalid_grant') throw failure;
      const reason = `${PROVIDER_LABELS[provider]} refused the saved access (it was revoked or has expired). Reconnect ${PROVIDER_LABELS[provider]}.`;
      deps.onRevoked(reason);
      throw new NotConnectedError(provider, reason);
    }
    const next = tokensFrom(provider, response, previous, deps.now());
    await vault.put(provider, next); // committed before the new access token is used
    return next.accessToken;
  }

  /** Refreshes now (one at a time), e.g. after the API answered 401. */
  function refreshed(): Promise<string> {
    refreshing ??= refresh().finally(() => {
      refreshing = undefined;
    });
    return refreshing;
  }

  return {
    async accessToken(): Promise<string> {
      if (refreshing) return refreshing;
      const tokens = await stored();
      return tokens.expiresAt - EARLY_REFRESH_SECONDS > deps.now() ? tokens.accessToken : refreshed();
    },
    refreshed,
  };
}
export type TokenSource = ReturnType<typeof createTokenSource>;
