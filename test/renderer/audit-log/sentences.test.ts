import { describe, expect, it } from 'vitest';
import { chartDayRange, presetRange } from '../../../src/renderer/src/pages/audit-log/date-range.ts';
import { withDayHeadings } from '../../../src/renderer/src/pages/audit-log/day-groups.ts';
import { auditSentence, outcomeExplanation, type SentenceNames } from '../../../src/shared/audit-sentence/sentence.ts';
import { pastTense } from '../../../src/shared/audit-sentence/tool-words.ts';
import type { AuditRowView } from '../../../src/shared/control-api.ts';
import { TOOLS } from '../../../src/main/mcp/tools/index.ts';

// The log's sentences for rows without a recorded summary (written before there was one, or naming nothing), the
// owner's own decisions and the technical events; and the log's days.

const names: SentenceNames = { app: (id) => (id === 'cli_cursor' ? 'Cursor' : undefined), toolTitle: (tool) => TOOLS.find((t) => t.name === tool)?.title ?? tool };

function row(fields: Partial<AuditRowView>): AuditRowView {
  return {
    id: 1,
    time: '2026-03-04T10:00:00.000Z',
    kind: 'mcp',
    endpoint: 'tools/call',
    tool: null,
    clientId: 'cli_cursor',
    clientName: null,
    grantId: null,
    actor: null,
    args: '{}',
    argsTruncated: false,
    status: 'ok',
    reason: null,
    httpStatus: null,
    durationMs: 1,
    summary: null,
    hash: '00',
    ...fields,
  };
}

describe('a tool call as a sentence', () => {
  it.each<[string, Partial<AuditRowView>, string]>([
    ['done', { tool: 'cancel_booking' }, 'Cursor cancelled a booking'],
    ['done, said to the owner', { tool: 'get_profile' }, 'Cursor looked up your profile'],
    ['blocked by a missing permission', { tool: 'create_class', status: 'refused', reason: 'insufficient_scope: needs write:classes', httpStatus: 403 }, 'Cursor was blocked: it may not create and change classes, schedules, capacity and prices'],
    ['denied by the owner', { tool: 'delete_client', status: 'refused', reason: 'denied_by_owner' }, 'Cursor asked to delete a client; you said no'],
    ['timed out', { tool: 'delete_client', status: 'refused', reason: 'approval_timeout' }, 'Cursor asked to delete a client; nobody answered in time'],
    ['ended by a pause', { tool: 'delete_client', status: 'refused', reason: 'paused_while_waiting' }, 'Cursor could not delete a client: agents were paused'],
    ['over the waiting limit', { tool: 'delete_client', status: 'refused', reason: 'too_many_calls_waiting' }, 'Cursor could not delete a client: too many of its requests were already waiting for you'],
    ['with bad arguments', { tool: 'get_class', status: 'refused', reason: 'invalid_arguments' }, 'Cursor tried to get a class with incomplete or wrong details'],
    ['naming nothing', { tool: 'get_class', status: 'refused', reason: 'not_found' }, 'Cursor tried to get a class, but what it named does not exist'],
    ['against a studio rule', { tool: 'create_booking', status: 'refused', reason: 'session_full' }, 'Cursor tried to book a client on a session, but the session is full'],
    ['of a tool no longer offered', { tool: 'old_tool', clientName: 'Old App' }, 'Old App used “old_tool”'],
  ])('%s', (_name, fields, sentence) => {
    expect(auditSentence(row(fields), names)).toBe(sentence);
  });

  it('says what the gateway recorded, with its names, and keeps the missing permission first when blocked', () => {
    expect(auditSentence(row({ tool: 'update_client_notes', summary: 'added a note to Anna Nilsson' }), names)).toBe('Cursor added a note to Anna Nilsson');
    const blocked = row({ tool: 'create_class', status: 'refused', reason: 'insufficient_scope: needs write:classes', summary: 'tried to create class Sunrise Flow' });
    expect(auditSentence(blocked, names)).toMatch(/^Cursor was blocked: it may not create/);
    expect(outcomeExplanation(blocked, names)).toBe(
      'The app does not have your permission for this, so nothing was done. It tried to create class Sunrise Flow. If it should be allowed to, change its permissions in Connected apps.',
    );
  });

  it('has a past tense for the first word of every tool’s title', () => {
    expect(TOOLS.filter((tool) => pastTense(tool.title).startsWith('used ')).map((tool) => tool.title)).toEqual([]);
  });
});

describe('the owner’s decisions and the technical events as sentences', () => {
  it.each<[string, Partial<AuditRowView>, string]>([
    ['a revocation', { kind: 'control', endpoint: 'apps.revoke', clientName: 'Cursor', actor: 'owner (desktop)' }, "You revoked Cursor's access"],
    ['a revocation of an app no longer listed', { kind: 'control', endpoint: 'apps.revoke', clientId: 'cli_gone' }, "You revoked an app's access"],
    ['a revocation of an app without a name', { kind: 'control', endpoint: 'apps.revoke', clientName: 'Unnamed app' }, "You revoked an unnamed app's access"],
    ['a pause', { kind: 'control', endpoint: 'gateway.setPaused', clientId: null, args: '{"paused":true}' }, 'You paused all agents'],
    ['an approval', { kind: 'control', endpoint: 'approvals.decide', clientId: null, args: '{"id":"x","decision":"approve"}' }, 'You approved a request that waited for you'],
    ['a denial naming the app', { kind: 'control', endpoint: 'approvals.decide', clientName: 'Cursor', args: '{"id":"x","decision":"deny"}' }, "You denied Cursor's request that waited for you"],
    ['a resume', { kind: 'control', endpoint: 'gateway.setPaused', clientId: null, args: '{"paused":false}' }, 'You let agents work again'],
    ['a consent turned down', { kind: 'control', endpoint: 'consent.decide', clientName: 'Claude Desktop', args: '{"decision":"deny"}' }, "You turned down Claude Desktop's request to connect"],
    ['a refused panel call', { kind: 'control', endpoint: 'connections.connect', clientId: null, args: '{"provider":"zoom"}', status: 'refused', reason: 'provider_unreachable' }, 'You tried to connect Zoom'],
    ['a panel call this list does not know', { kind: 'control', endpoint: 'apps.editScopes', clientId: null }, 'You used “apps: edit scopes”'],
    ['a token', { kind: 'oauth', endpoint: 'token', httpStatus: 200 }, 'Cursor got an access key'],
    ['a request for access turned down', { kind: 'oauth', endpoint: 'authorize', status: 'refused', reason: 'access_denied: the owner denied this request', httpStatus: 303 }, 'Cursor tried to ask you for access; the answer was no'],
    ['a request for access nobody answered', { kind: 'oauth', endpoint: 'authorize', status: 'refused', reason: 'consent_timeout: the owner did not decide in time', httpStatus: 303 }, 'Cursor asked you for access; nobody answered in time'],
    ['a connection', { endpoint: 'initialize' }, 'Cursor connected'],
    ['a request over the limit', { endpoint: 'mcp', status: 'refused', reason: 'rate_limited: over 1 at once', httpStatus: 429 }, 'Cursor was slowed down: too many requests at once'],
    ['a request while paused', { endpoint: 'mcp', clientId: null, status: 'refused', reason: 'paused by the owner', httpStatus: 503 }, 'An agent was turned away: agents are paused'],
    ['a request without a key', { endpoint: 'mcp', clientId: null, status: 'refused', reason: 'invalid_request: no token', httpStatus: 401 }, 'An agent was turned away: no valid access key'],
  ])('%s', (_name, fields, sentence) => {
    expect(auditSentence(row(fields), names)).toBe(sentence);
  });
});

describe('the log’s days', () => {
  // 2026-03-04 15:30 in the test's time zone.
  const now = new Date(2026, 2, 4, 15, 30).getTime();
  const local = (day: number) => new Date(2026, 2, day).toISOString();

  it('has presets in the owner’s own days', () => {
    expect(presetRange('today', now)).toEqual({ from: local(4) });
    expect(presetRange('yesterday', now)).toEqual({ from: local(3), to: local(4) });
    expect(presetRange('7d', now)).toEqual({ from: local(4 - 6) });
    expect(presetRange('30d', now)).toEqual({ from: local(4 - 29) });
  });

  it('filters a chart day by its UTC day, as the chart counts it', () => {
    expect(chartDayRange('2026-03-01')).toEqual({ from: '2026-03-01T00:00:00.000Z', to: '2026-03-02T00:00:00.000Z' });
  });

  it('heads each day once, newest first', () => {
    const rows = [row({ id: 3, time: new Date(2026, 2, 4, 9).toISOString() }), row({ id: 2, time: new Date(2026, 2, 4, 8).toISOString() }), row({ id: 1, time: new Date(2026, 2, 3, 20).toISOString() })];
    expect(withDayHeadings(rows, now).map((item) => (item.type === 'day' ? item.label : item.row.id))).toEqual(['Today', 3, 2, 'Yesterday', 1]);
  });
});
