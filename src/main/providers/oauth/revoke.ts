import * as oidc from 'openid-client';
import type { Logger } from '../../log.ts';
import { oauthConfiguration, type OAuthApp, type OAuthProvider } from './oauth-app.ts';

/**
 * Asks the provider to revoke a token (RFC 7009 §2.1). Best effort, after the credentials are already deleted: a
 * provider that cannot be reached leaves nothing usable here, and the owner can revoke at the provider too.
 */
export async function revokeQuietly(provider: OAuthProvider, app: OAuthApp, token: string, log: Logger): Promise<void> {
  try {
    await oidc.tokenRevocation(oauthConfiguration(provider, app), token);
  } catch (err) {
    log.warn(`token revocation at ${new URL(app.revokeUrl).host} failed (${err instanceof Error ? err.name : 'error'}); the credentials were deleted here anyway`);
  }
}
