import { auditOutcome, OUTCOME_LOOK, reasonCode, type AuditOutcome } from '../audit-outcome.ts';
import type { AuditFields } from '../audit-row.ts';
import { scopeInfo } from '../scopes.ts';
import { ownerSentence } from './owner-sentence.ts';
import { technicalSentence } from './technical-sentence.ts';
import { infinitive, pastTense } from './tool-words.ts';

/** What a row's sentence is made of: the panel passes whole rows, the CSV export these columns (what_happened). */
export type SentenceRow = Pick<AuditFields, 'kind' | 'endpoint' | 'tool' | 'clientId' | 'clientName' | 'args' | 'argsTruncated' | 'status' | 'reason' | 'httpStatus' | 'summary'>;

/** What a sentence needs besides the row: names the row may not carry. */
export interface SentenceNames {
  /** The connected app's name for a client id, when the row does not name it. */
  app: (clientId: string) => string | undefined;
  /** A tool's title ("Cancel a booking") for its name. */
  toolTitle: (tool: string) => string;
}

/** Why a call could not be done, in words, for the studio's rules an agent meets most (src/main/errors.ts). */
const NOT_DONE: Record<string, string> = {
  session_full: 'the session is full',
  already_booked: 'that client is already booked',
  already_cancelled: 'it was already cancelled',
  already_paid: 'it was already paid',
  booking_cancelled: 'the booking is cancelled',
  session_cancelled: 'the session is cancelled',
  session_in_past: 'the session is in the past',
  class_has_bookings: 'the class still has bookings',
  client_has_bookings: 'the client still has bookings',
  capacity_below_bookings: 'more people are booked than the new capacity allows',
  reschedule_drops_bookings: 'rescheduling would drop bookings',
  agent_went_away: 'the agent stopped waiting for your answer',
  gateway_stopping: 'Studio Gateway was shutting down',
  internal_error: 'something went wrong in Studio Gateway',
};

/** The app a row is about, by name; "An agent" when the request came without a valid key. */
export function appOf(row: SentenceRow, names: SentenceNames): string {
  return row.clientName ?? (row.clientId ? (names.app(row.clientId) ?? 'An app') : 'An agent');
}

/** "Claude Desktop was blocked: it may not create and change classes, …" and the other ways a tool call ends. */
function toolCallSentence(row: SentenceRow, tool: string, outcome: AuditOutcome, app: string, names: SentenceNames): string {
  const title = names.toolTitle(tool);
  const does = infinitive(title);
  const code = reasonCode(row.reason);
  switch (outcome) {
    case 'done':
      return `${app} ${pastTense(title)}`;
    case 'blocked': {
      if (code === 'insufficient_scope') {
        const meaning = scopeInfo(row.reason?.split('needs ')[1]?.trim() ?? '')?.meaning;
        if (meaning) return `${app} was blocked: it may not ${meaning.charAt(0).toLowerCase()}${meaning.slice(1)}`;
      }
      if (code === 'access_revoked_while_waiting') return `${app} was blocked from trying to ${does}: you revoked its access while it waited`;
      if (code === 'upgrade_required') return `${app} could not ${does}: your plan does not include it`;
      return `${app} was blocked from trying to ${does}`;
    }
    case 'denied':
      return `${app} asked to ${does}; you said no`;
    case 'timed_out':
      return `${app} asked to ${does}; nobody answered in time`;
    case 'paused':
      return `${app} could not ${does}: agents were paused`;
    case 'rate_limited':
      return code === 'too_many_calls_waiting' ? `${app} could not ${does}: too many of its requests were already waiting for you` : `${app} was slowed down trying to ${does}`;
    case 'invalid':
      return code === 'not_found' ? `${app} tried to ${does}, but what it named does not exist` : `${app} tried to ${does} with incomplete or wrong details`;
    case 'failed':
      return `${app} tried to ${does}, but ${(code && NOT_DONE[code]) ?? 'it could not be done'}`;
  }
}

/**
 * A row of the log as one sentence with names: "Cursor added a note to Anna Nilsson" (the sentence the gateway
 * recorded with the call), "Claude Desktop was blocked: it may not change classes", "You revoked Cursor's access".
 */
export function auditSentence(row: SentenceRow, names: SentenceNames): string {
  const outcome = auditOutcome(row);
  const app = appOf(row, names);
  if (row.kind === 'control') return ownerSentence(row, outcome, app);
  if (row.tool === null) return technicalSentence(row, outcome, app);
  // A call outside its permissions says which permission it lacks (what it tried is in its details).
  if (row.summary && !(outcome === 'blocked' && reasonCode(row.reason) === 'insufficient_scope')) return `${app} ${row.summary}`;
  return toolCallSentence(row, row.tool, outcome, app, names);
}

/**
 * Why a row ended as it did, for its details: a tool call's own account when the sentence above it does not give it
 * ("… asked to delete a client; nobody answered in time"), what it tried when the sentence says why it was blocked,
 * and what the owner can do about a missing permission; else what the outcome means.
 */
export function outcomeExplanation(row: SentenceRow, names: SentenceNames): string {
  const outcome = auditOutcome(row);
  const meaning = OUTCOME_LOOK[outcome].meaning;
  if (row.kind !== 'mcp' || row.tool === null || outcome === 'done') return meaning;
  const sentence = auditSentence(row, names);
  const account = toolCallSentence(row, row.tool, outcome, appOf(row, names), names);
  const parts = [account === sentence ? meaning : `${account}.`];
  if (row.summary && !sentence.endsWith(row.summary)) parts.push(`It ${row.summary}.`);
  if (reasonCode(row.reason) === 'insufficient_scope') parts.push('If it should be allowed to, change its permissions in Connected apps.');
  return parts.join(' ');
}
