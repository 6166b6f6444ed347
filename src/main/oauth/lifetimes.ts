/**
 * How long each OAuth artifact lives, in seconds. One place, so docs and code cannot drift apart (the web panel's
 * sign-in links and sessions: PANEL_LIFETIMES in src/shared/panel-auth.ts).
 */
export const LIFETIMES = {
  /** docs/product.md#connecting-an-agent: access tokens live 1 hour. */
  accessToken: 60 * 60,
  /** RFC 6749 §4.1.2 recommends at most 10 minutes; a client exchanges its code at once. */
  authorizationCode: 60,
  /** Each rotation issues a fresh refresh token with this lifetime, never beyond the grant. */
  refreshToken: 30 * 24 * 60 * 60,
  /** A rotated refresh token used again within this window fails without revoking (concurrent refresh). */
  concurrentRefreshGrace: 2,
  /**
   * A grant the owner gave "until I revoke it" (no expiry chosen): oidc-provider needs an end, so it is one no owner
   * meets (100 years). Every expiry she can choose is at most a year (consent.ts, tokens.ts), so a grant this long is
   * known to be "until revoked", and the panel shows no date for it.
   */
  grantDefault: 100 * 365 * 24 * 60 * 60,
  /** How long an authorization request waits for the owner's decision in the panel. */
  interaction: 30 * 60,
  /**
   * How long oidc-provider keeps the request's browser interaction: longer than the wait, so that the app's tab, still
   * open when the owner's time runs out, is sent back to the app with access_denied (RFC 6749 §4.1.2.1; consent.ts)
   * instead of stopping on an "expired" page while the app waits on.
   */
  interactionSession: 40 * 60,
  /** oidc-provider's browser session (kept in memory only). */
  browserSession: 24 * 60 * 60,
} as const;
