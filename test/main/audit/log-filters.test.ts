import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuditLog } from '../../../src/main/audit/audit-log.ts';
import type { Storage } from '../../../src/main/storage/index.ts';
import { AUDIT_OUTCOMES, auditOutcome, OUTCOME_RULES } from '../../../src/shared/audit-outcome.ts';
import { AUDIT_STATUSES } from '../../../src/shared/audit-row.ts';
import type { AuditRowView } from '../../../src/shared/control-api.ts';
import { startTestGateway, type TestGateway } from '../../support/gateway.ts';
import { INITIALIZE, postMcp, tokenWithScopes, toolCall } from '../../support/mcp-agent.ts';
import { registerClient } from '../../support/oauth.ts';
import { agentWith, call } from '../../support/tools.ts';

// The log's outcome and "what agents did" filters, run by SQLite, against the outcome the panel computes for each row
// and against what real requests write.

let tg: TestGateway;
let all: AuditRowView[];

/** Every status × every reason code the rules name (bare and with a text) × every HTTP status they name, and none. */
function seedEveryCombination(storage: Storage): void {
  const audit = createAuditLog(storage);
  const codes = [...new Set(OUTCOME_RULES.flatMap((rule) => rule.codes ?? []))];
  const reasons = [null, 'something else', 'paused by the owner', ...codes, ...codes.map((code) => `${code}: with a text`), 'denied_by_owner_later'];
  const httpStatuses = [null, 200, ...new Set(OUTCOME_RULES.flatMap((rule) => rule.httpStatuses ?? [])), 409, 500];
  storage.transaction(() => {
    for (const status of AUDIT_STATUSES) {
      for (const reason of reasons) {
        for (const httpStatus of httpStatuses) audit.record({ kind: 'mcp', endpoint: 'tools/call', tool: 'get_profile', clientId: 'cli_seed', status, reason, httpStatus, durationMs: 1 });
      }
    }
  });
}

async function every(filter: Record<string, unknown>): Promise<AuditRowView[]> {
  const rows: AuditRowView[] = [];
  let cursor: string | undefined;
  do {
    const page = await tg.owner.ok('audit.list', { ...filter, limit: 500, ...(cursor ? { cursor } : {}) });
    rows.push(...page.rows);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return rows;
}

beforeAll(async () => {
  tg = await startTestGateway({ beforeSignIn: (gateway) => seedEveryCombination(gateway.services.storage) });

  // Real requests, each ending its own way.
  await registerClient(tg); // OAuth: a technical event
  const reader = await agentWith(tg, ['read:profile', 'read:classes']); // initialize: a technical event
  await reader.listTools(); // a technical event
  await call(reader, 'get_profile'); // done
  await call(reader, 'get_class', {}); // invalid: no class_id
  await reader.close();
  const outsider = await tokenWithScopes(tg, ['read:classes']);
  await postMcp(tg.gateway.mcpUrl, toolCall('update_profile', { name: 'x' }), { authorization: `Bearer ${outsider}` }); // blocked
  await postMcp(tg.gateway.mcpUrl, INITIALIZE); // no token: 401, technical

  await tg.owner.ok('settings.update', { toolCallLimit: { burst: 1, perMinute: 1 } });
  const hasty = await tokenWithScopes(tg, ['read:profile']);
  await postMcp(tg.gateway.mcpUrl, toolCall('get_profile'), { authorization: `Bearer ${hasty}` });
  expect((await postMcp(tg.gateway.mcpUrl, toolCall('get_profile'), { authorization: `Bearer ${hasty}` })).status).toBe(429);
  await tg.owner.ok('settings.update', { toolCallLimit: { burst: 100, perMinute: 1000 } });

  await tg.owner.ok('gateway.setPaused', { paused: true });
  expect((await postMcp(tg.gateway.mcpUrl, toolCall('get_profile'), { authorization: `Bearer ${hasty}` })).status).toBe(503);
  await tg.owner.ok('gateway.setPaused', { paused: false });

  await tg.owner.ok('settings.update', { approvals: { enabled: true, timeoutSeconds: 60 } });
  const deleter = await agentWith(tg, ['delete:financials']);
  const [expense] = tg.gateway.services.storage.expenses.list({}, { limit: 1 }).items;
  const held = call(deleter, 'delete_expense', { expense_id: expense?.id });
  let waiting;
  while (!(waiting = (await tg.owner.ok('approvals.list'))[0])) await new Promise((resolve) => setTimeout(resolve, 20));
  await tg.owner.ok('approvals.decide', { id: waiting.id, decision: 'deny' });
  expect((await held).isError).toBe(true);
  await deleter.close();

  all = await every({});
});
afterAll(async () => {
  await tg.close();
});

/** The rows written after the seeded ones: the real requests above. */
const real = () => all.filter((row) => row.clientId !== 'cli_seed');

describe('filtering the log by outcome', () => {
  it.each(AUDIT_OUTCOMES)('finds exactly the rows whose outcome is %s, across pages and in the count', async (outcome) => {
    const expected = all.filter((row) => auditOutcome(row) === outcome).map((row) => row.id);
    expect(expected.length).toBeGreaterThan(0);
    expect((await every({ outcome })).map((row) => row.id)).toEqual(expected);
    expect((await tg.owner.ok('audit.count', { outcome })).count).toBe(expected.length);
  });

  it('gives the real requests their outcomes', () => {
    const of = (predicate: (row: AuditRowView) => boolean) => real().filter(predicate).map(auditOutcome);
    expect(of((r) => r.tool === 'get_profile' && r.status === 'ok')).toContain('done');
    expect(of((r) => r.tool === 'get_class')).toEqual(['invalid']);
    expect(of((r) => r.tool === 'update_profile')).toEqual(['blocked']);
    expect(of((r) => r.httpStatus === 429)).toEqual(['rate_limited']);
    expect(of((r) => r.httpStatus === 503)).toEqual(['paused']);
    expect(of((r) => r.tool === 'delete_expense')).toEqual(['denied']);
    expect(of((r) => r.endpoint === 'mcp' && r.httpStatus === 401)).toEqual(['blocked']);
  });
});

describe('what agents did, without technical events', () => {
  it('keeps tool calls, the owner’s decisions and the refusals she caused, and leaves out the protocol', async () => {
    const shown = new Set((await every({ events: 'activity' })).map((row) => row.id));
    const expectShown = (row: AuditRowView) =>
      row.kind === 'control' || row.tool !== null || (row.kind === 'mcp' && row.endpoint === 'mcp' && (row.httpStatus === 429 || row.httpStatus === 503));
    expect(all.filter((row) => shown.has(row.id) !== expectShown(row))).toEqual([]);

    const endpoints = (rows: AuditRowView[]) => new Set(rows.map((row) => `${row.kind} ${row.endpoint}`));
    const hidden = real().filter((row) => !shown.has(row.id));
    expect(endpoints(hidden)).toEqual(new Set(['oauth register', 'mcp initialize', 'mcp tools/list', 'mcp mcp']));
    // The request without a token, and the SDK client's GET for an event stream this stateless endpoint does not offer.
    expect(new Set(hidden.filter((row) => row.endpoint === 'mcp').map((row) => row.httpStatus))).toEqual(new Set([401, 405]));
    const kept = real().filter((row) => shown.has(row.id));
    expect(endpoints(kept)).toEqual(new Set(['mcp tools/call', 'mcp mcp', 'control panel.signIn', 'control tokens.mint', 'control settings.update', 'control gateway.setPaused', 'control approvals.decide']));
    expect((await tg.owner.ok('audit.count', { events: 'activity' })).count).toBe(shown.size);
  });

  it('combines with the outcome, the app and the search', async () => {
    const blocked = await every({ events: 'activity', outcome: 'blocked' });
    expect(blocked.length).toBeGreaterThan(0);
    expect(blocked.every((row) => auditOutcome(row) === 'blocked' && (row.kind === 'control' || row.tool !== null))).toBe(true);
    const denied = real().find((row) => row.tool === 'delete_expense');
    expect((await every({ events: 'activity', clientId: denied?.clientId ?? '', outcome: 'denied' })).map((row) => row.id)).toEqual([denied?.id]);
    expect((await every({ events: 'activity', query: 'delete_expense' })).map((row) => row.id)).toEqual([denied?.id]);
  });

  it('counts on the activity chart only tool calls and the owner’s decisions', async () => {
    const names = (counts: { name: string }[]) => new Set(counts.map((c) => c.name));
    const activity = names(await tg.owner.ok('audit.activity', { days: 2, events: 'activity' }));
    const everything = names(await tg.owner.ok('audit.activity', { days: 2 }));
    expect(everything).toContain('initialize');
    expect(everything).toContain('register');
    expect(activity).not.toContain('initialize');
    expect(activity).not.toContain('register');
    expect(activity).not.toContain('mcp');
    expect(activity).toContain('delete_expense');
    expect(activity).toContain('gateway.setPaused');
  });

  it('refuses an events or outcome word it does not know, and changes nothing', async () => {
    const before = (await tg.owner.ok('audit.count', {})).count;
    const bad = await tg.owner.call('audit.list', { events: 'some' });
    expect(bad.ok).toBe(false);
    expect((await tg.owner.call('audit.count', { outcome: 'refused' })).ok).toBe(false);
    expect((await tg.owner.ok('audit.count', {})).count).toBe(before);
  });
});
