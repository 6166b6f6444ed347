import { z } from 'zod';
import type { ConnectedApp, RevokedApp } from '../../../shared/control-api.ts';
import type { PermissionsEdited } from '../../oauth/connected-apps.ts';
import { DomainError } from '../../errors.ts';
import { call, read, returns } from './define.ts';
import { id, scopeList } from './fields.ts';

/** The app a call about one app concerns: the answer names it, else the input (a refused call is recorded too). */
const appOf = (input: Readonly<Record<string, unknown>>, result: { clientId: string; clientName: string } | undefined) =>
  result ? { clientId: result.clientId, clientName: result.clientName } : { clientId: input.clientId as string | undefined };

/** Connected apps: what each may do and did, Revoke, and Edit permissions. */
export const appsCalls = {
  'apps.list': read<ConnectedApp[]>(({ apps }) => apps.list()),

  /** Apps the owner revoked: their timeline and activity stay one click away. */
  'apps.listRevoked': read<RevokedApp[]>(({ apps }) => apps.listRevoked()),

  /**
   * Pause or resume one app (the panel's "Deny and pause this app" pauses it from an approval): while paused, its
   * very next request and every one after it is refused, and its calls waiting for the owner end, refused.
   */
  'apps.setPaused': call({
    input: z.object({ clientId: id, paused: z.boolean() }).strict(),
    output: returns<{ clientId: string; paused: boolean }>(),
    audit: { client: (input) => ({ clientId: input.clientId as string | undefined }) },
    handler: ({ clientId, paused }, { services, pause, approvals }) => {
      if (!services.storage.apps.find(clientId)) throw new DomainError('not_found', 'There is no such app. Nothing was changed.');
      pause.setApp(clientId, paused);
      if (paused) approvals.endForClient(clientId, 'app_paused');
      return { clientId, paused };
    },
  }),

  'apps.revoke': call({
    input: z.object({ clientId: id }).strict(),
    output: returns<{ revoked: boolean }>(),
    audit: { client: (input) => ({ clientId: input.clientId as string | undefined }) },
    handler: ({ clientId }, { apps, approvals }) => {
      const result = apps.revoke(clientId);
      // A held call of this app was allowed by the grant that is now gone: it ends refused, not approvable.
      approvals.endForClient(clientId);
      return result;
    },
  }),

  /**
   * What an app may do, from its very next request on, without revoking it: `scopes` is everything it may do afterwards
   * (its connection and sign-in scopes stay as they are). Taking permissions away is the owner's at any time; giving
   * more is a consent she confirmed (`confirmedWidening`, sent by the panel's consent step), recorded like one.
   */
  'apps.editPermissions': call({
    input: z.object({ clientId: id, scopes: scopeList, confirmedWidening: z.literal(true).optional() }).strict(),
    output: returns<PermissionsEdited>(),
    audit: { client: appOf },
    // A call already waiting for the owner is checked against the new permissions before it runs (mcp/still-allowed.ts).
    handler: (input, { apps }) => apps.editPermissions(input),
  }),
};
