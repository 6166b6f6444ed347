import { z } from 'zod';
import type { AuditRowView, ChainReport, ConnectionTimeline, DailyCount, ToolTitle } from '../../../shared/control-api.ts';
import { auditFilter, auditFilterInput } from '../../audit/filter.ts';
import { createAuditQueries } from '../../audit/queries.ts';
import { verifyChain } from '../../audit/verify.ts';
import { TOOLS } from '../../mcp/tools/index.ts';
import { call, read, returns } from './define.ts';
import { id } from './fields.ts';

const TOOL_NAMES: ReadonlySet<string> = new Set(TOOLS.map((tool) => tool.name));
const TOOL_TITLES: ToolTitle[] = TOOLS.map((tool) => ({ name: tool.name, title: tool.title }));

/** The audit log: rows, counts, a connection's timeline, daily activity, the tools' titles, the chain check. */
export const auditCalls = {
  'audit.list': call({
    input: auditFilterInput.extend({ limit: z.number().int().min(1).max(500).default(50), cursor: z.string().max(40).optional() }).strict(),
    output: returns<{ rows: AuditRowView[]; nextCursor: string | null }>(),
    audit: false,
    handler: ({ limit, cursor, ...filter }, { services }) => createAuditQueries(services.storage.audit).page(auditFilter(filter), limit, cursor),
  }),

  'audit.count': call({
    input: auditFilterInput,
    output: returns<{ count: number }>(),
    audit: false,
    handler: (filter, { services }) => ({ count: createAuditQueries(services.storage.audit).count(auditFilter(filter)) }),
  }),

  'audit.timeline': call({
    input: z.object({ clientId: id }).strict(),
    output: returns<ConnectionTimeline>(),
    audit: false,
    handler: ({ clientId }, { services }) => createAuditQueries(services.storage.audit).timeline(clientId),
  }),

  'audit.activity': call({
    input: z
      .object({
        days: z.number().int().min(1).max(366).default(30),
        clientId: id.optional(),
        /** `activity`: tool calls and the owner's decisions only, as the log's filter of the same name. */
        events: z.enum(['activity', 'all']).optional(),
      })
      .strict(),
    output: returns<DailyCount[]>(),
    audit: false,
    handler: ({ days, clientId, events }, { services }) => {
      const today = new Date(services.now() * 1000).toISOString().slice(0, 10);
      const from = new Date((services.now() - (days - 1) * 86_400) * 1000).toISOString().slice(0, 10);
      return createAuditQueries(services.storage.audit).activity(from, today, clientId, events === 'activity' ? TOOL_NAMES : undefined);
    },
  }),

  /** Each tool's name and title, for the log's sentences and its tool filter. */
  'audit.tools': read<ToolTitle[]>(() => TOOL_TITLES),

  'audit.verify': read<ChainReport>(({ services }) => verifyChain(services.storage.audit)),
};
