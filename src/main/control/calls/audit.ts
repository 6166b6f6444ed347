import { z } from 'zod';
import type { AuditRowView, ChainReport, ConnectionTimeline, DailyCount } from '../../../shared/control-api.ts';
import { auditFilter, auditFilterInput } from '../../audit/filter.ts';
import { createAuditQueries } from '../../audit/queries.ts';
import { verifyChain } from '../../audit/verify.ts';
import { call, read, returns } from './define.ts';
import { id } from './fields.ts';

/** The audit log: rows, counts, a connection's timeline, daily activity, the chain check. */
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
    input: z.object({ days: z.number().int().min(1).max(366).default(30), clientId: id.optional() }).strict(),
    output: returns<DailyCount[]>(),
    audit: false,
    handler: ({ days, clientId }, { services }) => {
      const today = new Date(services.now() * 1000).toISOString().slice(0, 10);
      const from = new Date((services.now() - (days - 1) * 86_400) * 1000).toISOString().slice(0, 10);
      return createAuditQueries(services.storage.audit).activity(from, today, clientId);
    },
  }),

  'audit.verify': read<ChainReport>(({ services }) => verifyChain(services.storage.audit)),
};
