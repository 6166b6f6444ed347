import { z } from 'zod';
import type { ConnectedApp, RevokedApp } from '../../../shared/control-api.ts';
import { DomainError } from '../../errors.ts';
import { call, read, returns } from './define.ts';
import { id } from './fields.ts';

/** Connected apps: what each may do and did, Pause and Revoke. */
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

};
