/**
 * How a request on the record ended, in the owner's words: one list of outcomes, the rules that derive a row's
 * outcome from its stored status, reason and HTTP status, and each outcome's label and tone. The log, approvals and
 * the connected apps' cards all show outcomes through this module, so colour and wording agree across pages; the
 * gateway filters the log by the same rules (src/main/audit/outcome-sql.ts turns them into SQL).
 */
import type { AuditFields, AuditStatus } from './audit-row.ts';

export const AUDIT_OUTCOMES = ['done', 'blocked', 'denied', 'timed_out', 'paused', 'rate_limited', 'invalid', 'failed'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/** The badge colours of the panel (styles.css `.badge.<tone>`); neutral is the plain badge. */
export type OutcomeTone = 'ok' | 'warn' | 'danger' | 'neutral';

export interface OutcomeLook {
  /** The badge's text. */
  label: string;
  tone: OutcomeTone;
  /** One sentence for the owner: what it means that a request ended this way. */
  meaning: string;
}

export const OUTCOME_LOOK: Record<AuditOutcome, OutcomeLook> = {
  done: { label: 'Done', tone: 'ok', meaning: 'It was carried out.' },
  blocked: { label: 'Blocked', tone: 'danger', meaning: 'The app does not have your permission for this, so nothing was done.' },
  denied: { label: 'Denied by you', tone: 'neutral', meaning: 'You said no, so nothing was done.' },
  timed_out: { label: 'Timed out', tone: 'warn', meaning: 'It waited for your answer and nobody answered in time, so nothing was done.' },
  paused: { label: 'Paused', tone: 'warn', meaning: 'Agents were paused, so nothing was done.' },
  rate_limited: { label: 'Too many requests', tone: 'warn', meaning: 'The app asked more often than its limit allows, so this one was turned away.' },
  invalid: { label: 'Invalid input', tone: 'warn', meaning: 'The request was incomplete or named something that does not exist, so nothing was done.' },
  failed: { label: 'Failed', tone: 'danger', meaning: 'It could not be done.' },
};

/**
 * One way to recognise an outcome. Every condition given must hold: the row's status, its HTTP status (one of), its
 * reason code (the reason is the code, or starts with `code:`).
 */
export interface OutcomeRule {
  outcome: AuditOutcome;
  status?: AuditStatus;
  httpStatuses?: readonly number[];
  codes?: readonly string[];
}

/**
 * The rules in order: the first that matches names the outcome, and a row that none matches failed. Statuses and
 * HTTP statuses come first (a 401 is "blocked" whatever its OAuth error says), then the reason codes the writers
 * record: the approval outcomes (mcp/mcp-server.ts), the scope guard, the error codes of src/main/errors.ts, the
 * OAuth errors (RFC 6749 §5.2, RFC 6750 §3.1, RFC 7591 §3.2.2).
 */
export const OUTCOME_RULES: readonly OutcomeRule[] = [
  { outcome: 'done', status: 'ok' },
  { outcome: 'failed', status: 'error' },
  { outcome: 'blocked', httpStatuses: [401, 403] },
  { outcome: 'rate_limited', httpStatuses: [429] },
  // Only agents_paused is answered 503 (errors.ts).
  { outcome: 'paused', httpStatuses: [503] },
  { outcome: 'denied', codes: ['denied_by_owner', 'access_denied'] },
  { outcome: 'timed_out', codes: ['approval_timeout', 'consent_timeout'] },
  { outcome: 'paused', codes: ['paused_while_waiting', 'agents_paused'] },
  { outcome: 'rate_limited', codes: ['rate_limited', 'too_many_calls_waiting', 'temporarily_unavailable'] },
  {
    outcome: 'blocked',
    codes: [
      'insufficient_scope',
      'access_revoked_while_waiting',
      'upgrade_required',
      'token_missing',
      'token_malformed',
      'token_invalid',
      'invalid_token',
      'invalid_grant',
      'invalid_client',
      'unauthorized_client',
      'login_required',
      'consent_required',
      'forbidden',
      'not_signed_in',
      'session_ended',
      'bad_signature',
      'stale_signature',
      'replayed_request',
      'login_link_used',
    ],
  },
  {
    outcome: 'invalid',
    codes: [
      'invalid_arguments',
      'invalid_input',
      'invalid_request',
      'invalid_cursor',
      'not_found',
      'unknown_call',
      'parse_error',
      'request_too_large',
      'method_not_allowed',
      'not_acceptable',
      'unsupported_media_type',
      'unsupported_protocol_version',
      'invalid_scope',
      'invalid_redirect_uri',
      'invalid_client_metadata',
      'unsupported_grant_type',
      'unsupported_response_type',
      'invalid_target',
    ],
  },
  { outcome: 'invalid', httpStatuses: [400, 404, 405, 406, 413, 415] },
];

/** What the rules read of a row. */
export type OutcomeFields = Pick<AuditFields, 'status' | 'reason' | 'httpStatus'>;

/** The code a reason starts with: all of it up to the first colon (`insufficient_scope: needs write:classes`). */
export function reasonCode(reason: string | null): string | null {
  return reason === null ? null : (reason.split(':', 1)[0] ?? reason);
}

function matches(rule: OutcomeRule, row: OutcomeFields): boolean {
  if (rule.status !== undefined && row.status !== rule.status) return false;
  if (rule.httpStatuses && (row.httpStatus === null || !rule.httpStatuses.includes(row.httpStatus))) return false;
  if (rule.codes) {
    const code = reasonCode(row.reason);
    if (code === null || !rule.codes.includes(code)) return false;
  }
  return true;
}

/** How a row ended, by the first rule that matches it. */
export function auditOutcome(row: OutcomeFields): AuditOutcome {
  return OUTCOME_RULES.find((rule) => matches(rule, row))?.outcome ?? 'failed';
}

/** The outcome's label and tone, for any page that shows one. */
export function outcomeLook(outcome: AuditOutcome): OutcomeLook {
  return OUTCOME_LOOK[outcome];
}
