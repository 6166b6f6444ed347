import { z } from 'zod';
import { AUDIT_KINDS, AUDIT_STATUSES } from '../../shared/audit-row.ts';
import { instantText, parseInstantMs } from '../../shared/instant.ts';
import type { AuditFilter } from '../storage/audit-repo.ts';

/** Which audit rows: by client, tool, endpoint, kind, status, time range and free text (the panel, the CLI, exports). */
export const auditFilterInput = z
  .object({
    clientId: z.string().min(1).max(200).optional(),
    tool: z.string().max(100).optional(),
    endpoint: z.string().max(100).optional(),
    kind: z.enum(AUDIT_KINDS).optional(),
    status: z.enum(AUDIT_STATUSES).optional(),
    /** Inclusive, ISO 8601 date or date-time. */
    from: instantText.optional(),
    /** Exclusive, ISO 8601 date or date-time. */
    to: instantText.optional(),
    /** Full-text search over tool names, endpoints and redacted arguments. */
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
    fromMs: ms(input.from),
    toMs: ms(input.to),
    text: input.query,
  };
}
