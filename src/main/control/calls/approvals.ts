import { z } from 'zod';
import type { ApprovalRequestView } from '../../../shared/control-api.ts';
import { call, read, returns } from './define.ts';
import { id } from './fields.ts';

/** Approvals: tool calls that wait for the owner. */
export const approvalsCalls = {
  'approvals.list': read<ApprovalRequestView[]>(({ approvals }) => approvals.list()),

  'approvals.decide': call({
    input: z.object({ id, decision: z.enum(['approve', 'deny']) }).strict(),
    output: returns<{ decided: 'approved' | 'denied' }>(),
    audit: {},
    handler: ({ id, decision }, { approvals }) => approvals.decide(id, decision),
  }),
};
