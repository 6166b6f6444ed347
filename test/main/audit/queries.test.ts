import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditRowView } from '../../../src/shared/control-api.ts';
import { createAuditLog } from '../../../src/main/audit/audit-log.ts';
import { seededRandom } from '../../../src/main/studio/demo/random.ts';
import type { Storage } from '../../../src/main/storage/index.ts';
import { startTestGateway, type TestGateway } from '../../support/gateway.ts';

// Filters and keyset paging checked against a brute-force scan of the same rows.

let tg: TestGateway;
let all: AuditRowView[];
const T0 = Date.parse('2026-10-01T00:00:00Z');

beforeAll(async () => {
  // The rows are written before the owner signs in: the log's time order is its id order.
  tg = await startTestGateway({ demo: false, beforeSignIn: (gateway) => seed(gateway.services.storage) });
  all = [];
  let cursor: string | undefined;
  do {
    const page = await tg.owner.ok('audit.list', { limit: 500, ...(cursor ? { cursor } : {}) });
    all.push(...page.rows);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
});
afterAll(async () => {
  await tg.close();
});

function seed(storage: Storage): void {
  const random = seededRandom(7);
  let t = T0;
  const audit = createAuditLog(storage, () => t);
  const tools = ['list_classes', 'create_booking', 'get_profile', 'send_message'];
  storage.transaction(() => {
    for (let i = 0; i < 1500; i++) {
      t += random.int(1, 600_000);
      const tool = random.pick(tools);
      audit.record({
        kind: 'mcp',
        endpoint: 'tools/call',
        tool,
        clientId: random.pick(['cli_a', 'cli_b', 'cli_c']),
        clientName: 'Agent',
        args: { session_id: `ses_${random.int(1, 40)}`, note: random.pick(['yoga', 'pilates', 'barre studio']) },
        status: random.pick(['ok', 'ok', 'ok', 'refused', 'error'] as const),
        durationMs: random.next() * 5,
      });
    }
  });
}

async function pagedIds(filter: Record<string, unknown>, limit = 37): Promise<number[]> {
  const ids: number[] = [];
  let cursor: string | undefined;
  do {
    const page = await tg.owner.ok('audit.list', { ...filter, limit, ...(cursor ? { cursor } : {}) });
    ids.push(...page.rows.map((r) => r.id));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return ids;
}

describe('audit filters and keyset paging', () => {
  it('holds every row, newest first', () => {
    expect(all.length).toBeGreaterThanOrEqual(1500);
    expect(all.map((r) => r.id)).toEqual([...all.map((r) => r.id)].sort((a, b) => b - a));
  });

  const from = new Date(T0 + 1 * 86_400_000).toISOString();
  const to = new Date(T0 + 3 * 86_400_000).toISOString();
  it.each([
    ['client', { clientId: 'cli_b' }, (r: AuditRowView) => r.clientId === 'cli_b'],
    ['tool', { tool: 'create_booking' }, (r: AuditRowView) => r.tool === 'create_booking'],
    ['status', { status: 'error' }, (r: AuditRowView) => r.status === 'error'],
    ['time range', { from, to }, (r: AuditRowView) => r.time >= from && r.time < to],
    ['everything at once', { clientId: 'cli_a', tool: 'send_message', status: 'ok', from }, (r: AuditRowView) => r.clientId === 'cli_a' && r.tool === 'send_message' && r.status === 'ok' && r.time >= from],
    ['text', { query: 'barre' }, (r: AuditRowView) => r.args.includes('barre')],
    ['text in an id', { query: 'ses_17' }, (r: AuditRowView) => r.args.includes('"ses_17"')],
    ['text and client', { query: 'pilates', clientId: 'cli_c' }, (r: AuditRowView) => r.args.includes('pilates') && r.clientId === 'cli_c'],
  ])('filters by %s exactly like a scan, across pages', async (_name, filter, predicate) => {
    const expected = all.filter(predicate).map((r) => r.id);
    expect(expected.length).toBeGreaterThan(0);
    expect(await pagedIds(filter)).toEqual(expected);
    expect((await tg.owner.ok('audit.count', filter)).count).toBe(expected.length);
  });

  it('counts activity per day, client and tool that adds up to the rows', async () => {
    const activity = await tg.owner.ok('audit.activity', { days: 366 });
    const total = activity.filter((d) => d.name === 'create_booking' && d.clientId === 'cli_a').reduce((sum, d) => sum + d.count, 0);
    expect(total).toBe(all.filter((r) => r.tool === 'create_booking' && r.clientId === 'cli_a').length);
  });

  it('refuses a cursor it did not issue and a malformed time', async () => {
    expect(await tg.owner.call('audit.list', { cursor: 'zzz' })).toMatchObject({ ok: false, error: { code: 'invalid_cursor' } });
    expect(await tg.owner.call('audit.list', { from: 'yesterday' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('treats search syntax as plain words', async () => {
    const result = await tg.owner.call('audit.list', { query: '"unbalanced AND (' });
    expect(result.ok).toBe(true);
  });
});
