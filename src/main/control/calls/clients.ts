import { z } from 'zod';
import type { ConnectedClient } from '../../../shared/control-api.ts';
import { call, read, returns } from './define.ts';
import { id } from './fields.ts';

/** Connected apps: what each may do, and Revoke. */
export const clientsCalls = {
  'clients.list': read<ConnectedClient[]>(({ clients }) => clients.list()),

  'clients.revoke': call({
    input: z.object({ clientId: id }).strict(),
    output: returns<{ revoked: boolean }>(),
    audit: { client: (input) => ({ clientId: input.clientId as string | undefined }) },
    handler: ({ clientId }, { clients, approvals }) => {
      const result = clients.revoke(clientId);
      // A held call of this app was allowed by the grant that is now gone: it ends refused, not approvable.
      approvals.endForClient(clientId);
      return result;
    },
  }),
};
