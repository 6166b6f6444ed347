import { z } from 'zod';
import type { ApprovalRequestView } from '../../../shared/control-api.ts';
import { call, read, returns } from './define.ts';
import { id } from './fields.ts';

/** Approvals: tool calls that wait for the owner. */
export const approvalsCalls = {
  'approvals.list': read<ApprovalRequestView[]>(({ approvals }) => approvals.list()),

  /**
   * Approve, Deny, or Deny and pause this app: the call is denied, the app is paused from its very next request on
   * (resumed on Connected apps), and its other calls waiting for the owner end, refused.
   */
  'approvals.decide': call({
    input: z.object({ id, decision: z.enum(['approve', 'deny', 'deny_and_pause']) }).strict(),
    output: returns<{ decided: 'approved' | 'denied' | 'denied_and_paused'; clientId: string }>(),
    audit: { client: (_input, result) => (result ? { clientId: result.clientId } : {}) },
    handler: ({ id, decision }, { approvals, pause }) => {
      const decided = approvals.decide(id, decision);
      if (decision === 'deny_and_pause') {
        pause.setApp(decided.clientId, true);
        approvals.endForClient(decided.clientId, 'app_paused');
      }
      return decided;
    },
  }),
};
