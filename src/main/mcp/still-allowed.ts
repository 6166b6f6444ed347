import { scopesOfGrant } from '../oauth/grant-scopes.ts';
import type { Storage } from '../storage/index.ts';
import { scopeCheck } from './scope-guard.ts';
import type { Caller, ToolDefinition } from './tool.ts';

/**
 * Checks again, after a held call was approved and before it runs, what let it in when it arrived: agents are not
 * paused, the caller's grant is still alive and still allows the tool. The owner's approval is of this call under
 * that state, never a way around a revocation or a pause that came in between.
 */
export function createStillAllowed(deps: { storage: Storage; isPaused: () => boolean; isAppPaused: (clientId: string) => boolean; now: () => number }) {
  return (caller: Caller, tool: Pick<ToolDefinition, 'scopes'>): 'paused' | 'app_paused' | 'revoked' | null => {
    if (deps.isPaused()) return 'paused';
    if (deps.isAppPaused(caller.clientId)) return 'app_paused';
    const grant = deps.storage.grants.find(caller.grantId);
    if (!grant || grant.expiresAt < deps.now() || grant.clientId !== caller.clientId) return 'revoked';
    return scopeCheck(scopesOfGrant(grant.payload)).allows(tool) ? null : 'revoked';
  };
}
export type StillAllowed = ReturnType<typeof createStillAllowed>;
