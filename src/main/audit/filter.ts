import type { z } from 'zod';
import type { auditFilterInput } from '../../shared/control-api.ts';
import type { AuditFilter } from '../storage/audit-repo.ts';

/** The panel's (and the CLI's) audit filter, with ISO times, as the repository's filter in ms. */
export function auditFilter(input: z.output<typeof auditFilterInput>): AuditFilter {
  const ms = (value: string | undefined) => (value === undefined ? undefined : Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value));
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
