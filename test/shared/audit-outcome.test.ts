import { describe, expect, it } from 'vitest';
import { AUDIT_OUTCOMES, auditOutcome, OUTCOME_LOOK, reasonCode, type AuditOutcome, type OutcomeFields } from '../../src/shared/audit-outcome.ts';
import { scopeRefusal } from '../../src/main/mcp/scope-guard.ts';

// What the writers record today (mcp/mcp-server.ts, mcp/endpoint.ts, oauth/audit-middleware.ts, control/registry.ts),
// and the outcome the owner reads for it.

const row = (status: OutcomeFields['status'], reason: string | null, httpStatus: number | null = null): OutcomeFields => ({ status, reason, httpStatus });

describe('the outcome of an audit row', () => {
  it.each<[string, OutcomeFields, AuditOutcome]>([
    ['a tool call that ran', row('ok', null), 'done'],
    ['a consent approved by the owner', row('ok', null, 303), 'done'],
    ['a call outside the grant (setup snippet: answered by the tool)', row('refused', scopeRefusal({ scopes: ['write:classes'] }).reason), 'blocked'],
    ['a call outside the grant (OAuth client: 403 step-up)', row('refused', scopeRefusal({ scopes: ['write:classes'] }).reason, 403), 'blocked'],
    ['a call whose app was revoked while it waited', row('refused', 'access_revoked_while_waiting'), 'blocked'],
    ['a Pro tool on the Free plan', row('refused', 'upgrade_required'), 'blocked'],
    ['a request without a token', row('refused', 'invalid_request: no access token', 401), 'blocked'],
    ['a refresh with a used refresh token', row('refused', 'invalid_grant: grant request is invalid', 400), 'blocked'],
    ['a held call the owner denied', row('refused', 'denied_by_owner'), 'denied'],
    ['an authorization the owner denied', row('refused', 'access_denied: the owner denied this request', 303), 'denied'],
    ['a held call nobody answered', row('refused', 'approval_timeout'), 'timed_out'],
    ['a held call ended by Pause all agents', row('refused', 'paused_while_waiting'), 'paused'],
    ['a request while agents are paused', row('refused', 'paused by the owner', 503), 'paused'],
    ['a request over the rate limit', row('refused', 'rate_limited: over 20 at once or 120 a minute', 429), 'rate_limited'],
    ['a held call over the waiting limit', row('refused', 'too_many_calls_waiting'), 'rate_limited'],
    ['a tool call with bad arguments', row('refused', 'invalid_arguments'), 'invalid'],
    ['a panel call with bad input', row('refused', 'invalid_input: decision: Invalid option'), 'invalid'],
    ['a tool call naming a missing record', row('refused', 'not_found'), 'invalid'],
    ['a GET on the MCP endpoint', row('refused', 'method GET not allowed', 405), 'invalid'],
    ['a body that is no JSON', row('refused', 'Unexpected token', 400), 'invalid'],
    ['a registration with a bad redirect', row('refused', 'invalid_redirect_uri: redirect_uris must be http', 400), 'invalid'],
    ['a booking on a full session', row('refused', 'session_full'), 'failed'],
    ['an internal error', row('error', 'internal_error'), 'failed'],
    ['an OAuth server error', row('error', 'server_error', 500), 'failed'],
    ['a refusal with no reason', row('refused', null), 'failed'],
  ])('%s', (_name, fields, outcome) => {
    expect(auditOutcome(fields)).toBe(outcome);
  });

  it('reads the reason code up to the first colon, and only there', () => {
    expect(reasonCode('insufficient_scope: needs write:classes')).toBe('insufficient_scope');
    expect(reasonCode('approval_timeout')).toBe('approval_timeout');
    expect(reasonCode(null)).toBeNull();
    // A reason that merely starts like a code is not that code.
    expect(auditOutcome(row('refused', 'denied_by_owner_later'))).toBe('failed');
    expect(auditOutcome(row('refused', 'the approval_timeout passed'))).toBe('failed');
  });

  it('gives every outcome its own label', () => {
    const labels = AUDIT_OUTCOMES.map((o) => OUTCOME_LOOK[o].label);
    expect(new Set(labels).size).toBe(AUDIT_OUTCOMES.length);
    expect(OUTCOME_LOOK.denied.label).toBe('Denied by you');
  });
});
