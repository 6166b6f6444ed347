import { z } from 'zod';
import type { ConsentRequestView } from '../../../shared/control-api.ts';
import { call, clientOfResult, read, returns } from './define.ts';
import { id, scopeList } from './fields.ts';

const DAY = 24 * 60 * 60;

/** Consent requests: agents asking for access, and the owner's answer. */
export const consentCalls = {
  'consent.list': read<ConsentRequestView[]>(({ consent }) => consent.pending()),

  /**
   * The owner's answer to one consent request, as shown: approving names every scope to grant (a subset of what
   * that request asked for; nothing is granted by default), denying names none.
   */
  'consent.decide': call({
    input: z.discriminatedUnion('decision', [
      z
        .object({
          requestId: id,
          decision: z.literal('approve'),
          scopes: scopeList,
          /** Time-boxed access: the grant ends after this many seconds. Omitted: the default lifetime. */
          expiresInSeconds: z.number().int().min(60).max(365 * DAY).optional(),
        })
        .strict(),
      z.object({ requestId: id, decision: z.literal('deny') }).strict(),
    ]),
    output: returns<{ status: 'approved' | 'denied'; grantedScopes: string[]; clientId: string; clientName: string }>(),
    audit: { client: clientOfResult },
    handler: (input, { consent, caller }) => consent.decide(input, `owner (${caller.channel})`),
  }),
};
