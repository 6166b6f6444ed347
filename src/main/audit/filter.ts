import { z } from 'zod';
import { AUDIT_OUTCOMES } from '../../shared/audit-outcome.ts';
import { AUDIT_KINDS, AUDIT_STATUSES } from '../../shared/audit-row.ts';
import { instantText, parseInstantMs } from '../../shared/instant.ts';
import type { AuditFilter } from '../storage/audit-repo.ts';

/**
 * Which audit rows: by client, tool, endpoint, kind, status or outcome, which events, time range and free text (the
 * panel, the CLI, exports).
 */
export const auditFilterInput = z
  .object({
    clientId: z.string().min(1).max(200).optional(),
    tool: z.string().max(100).optional(),
    endpoint: z.string().max(100).optional(),
    kind: z.enum(AUDIT_KINDS).optional(),
    status: z.enum(AUDIT_STATUSES).optional(),
    /** How it ended, in the owner's words (shared/audit-outcome.ts). */
    outcome: z.enum(AUDIT_OUTCOMES).optional(),
    /**
     * `activity`: what agents did and the owner decided, no technical events (sign-in, tokens, tools/list…); `all`
     * (the default): every row. A word, not a boolean, so a URL's query says it as JSON does.
     */
    events: z.enum(['activity', 'all']).optional(),
    /** Inclusive, ISO 8601 date or date-time. */
    from: instantText.optional(),
    /** Exclusive, ISO 8601 date or date-time. */
    to: instantText.optional(),
    /** Full-text search over tool names, endpoints, redacted arguments and what a call did in words (names of clients, classes…). */
    query: z.string().max(200).optional(),
  })
  .strict();

/** The panel's (and the CLI's) audit filter, with ISO times, as the repository's filter in ms. */
export function auditFilter(input: z.output<typeof auditFilterInput>): AuditFilter {
  const ms = (value: string | undefined) => (value === undefined ? undefined : parseInstantMs(value));
  return {
    clientId: input.clientId,
    tool: input.tool,
    endpoint: input.endpoint,
    kind: input.kind,
    status: input.status,
    outcome: input.outcome,
    activityOnly: input.events === 'activity',
    fromMs: ms(input.from),
    toMs: ms(input.to),
    text: input.query,
  };
}
