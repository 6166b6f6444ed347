import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditRowView } from '../../../src/shared/control-api.ts';
import { createAuditLog } from '../../../src/main/audit/audit-log.ts';
import { startGateway } from '../../../src/main/gateway.ts';
import { memoryLogger, OwnerPanel, startTestGateway, tempDir, type TestGateway } from '../../support/gateway.ts';

let tg: TestGateway;
beforeEach(async () => {
  tg = await startTestGateway();
  const audit = createAuditLog(tg.gateway.services.storage);
  for (let i = 0; i < 40; i++) {
    audit.record({ kind: 'mcp', endpoint: 'tools/call', tool: 'send_message', clientId: 'cli_x', clientName: i === 3 ? '=HYPERLINK("http://evil")' : 'Agent, "the" one', args: { subject: `line one\nline "two", ${i}` }, status: i % 7 ? 'ok' : 'refused', reason: i % 7 ? null : 'not_found', durationMs: i / 3 });
  }
});
afterEach(async () => {
  await tg.close();
});

async function download(query: string): Promise<Response> {
  return tg.owner.request('GET', `/api/audit/export?${query}`);
}

async function allRows(): Promise<AuditRowView[]> {
  return (await tg.owner.ok('audit.list', { limit: 500 })).rows.reverse();
}

/** A small RFC 4180 reader, enough to read the export back. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && (c === ',' || c === '\n')) {
      row.push(field);
      field = '';
      if (c === '\n') {
        rows.push(row);
        row = [];
      }
    } else {
      field += c;
    }
  }
  return rows;
}

describe('audit export', () => {
  it('round-trips as JSONL: every row, oldest first, field for field', async () => {
    const response = await download('format=jsonl');
    expect(response.headers.get('content-disposition')).toMatch(/attachment; filename="studio-gateway-audit-.*\.jsonl"/);
    const lines = (await response.text()).trim().split('\n').map((l) => JSON.parse(l) as AuditRowView & { args: unknown });
    const rows = await allRows();
    expect(Number(response.headers.get('x-total-rows'))).toBe(rows.length);
    expect(lines.map((l) => ({ ...l, args: JSON.stringify(l.args) }))).toEqual(rows);
  });

  it('round-trips as CSV, quoting commas, quotes and newlines, and defusing formulas', async () => {
    const [header, ...records] = parseCsv(await (await download('format=csv&status=refused')).text());
    const refused = (await allRows()).filter((r) => r.status === 'refused');
    expect(header?.slice(0, 6)).toEqual(['id', 'time', 'local_time', 'what_happened', 'kind', 'endpoint']);
    expect(records.map((r) => Number(r[0]))).toEqual(refused.map((r) => r.id));
    const argsAt = header?.indexOf('args') ?? -1;
    expect(records.map((r) => r[argsAt])).toEqual(refused.map((r) => r.args));
    const all = parseCsv(await (await download('format=csv')).text());
    const nameAt = header?.indexOf('client_name') ?? -1;
    expect(all.some((r) => r[nameAt] === '\'=HYPERLINK("http://evil")')).toBe(true);
    expect(all.some((r) => r[nameAt] === 'Agent, "the" one')).toBe(true);
  });

  it('says what happened in the words the panel uses, for an owner reading the file in a spreadsheet', async () => {
    const audit = createAuditLog(tg.gateway.services.storage);
    audit.record({ kind: 'mcp', endpoint: 'tools/call', tool: 'add_client_note', clientId: 'cli_x', clientName: 'Cursor', args: {}, summary: 'added a note to Anna Nilsson', status: 'ok', durationMs: 1 });
    audit.record({ kind: 'mcp', endpoint: 'tools/call', tool: 'delete_class', clientId: 'cli_x', clientName: 'Cursor', args: {}, status: 'refused', reason: 'insufficient_scope: needs write:classes', httpStatus: 403, durationMs: 1 });
    audit.record({ kind: 'mcp', endpoint: 'tools/call', tool: 'retired_tool', clientId: 'cli_x', clientName: 'Cursor', args: {}, status: 'ok', durationMs: 1 });
    await tg.owner.ok('gateway.setPaused', { paused: true });
    const [header, ...records] = parseCsv(await (await download('format=csv')).text());
    const said = records.map((r) => r[header?.indexOf('what_happened') ?? -1]);
    expect(said).toContain('Agent, "the" one sent a message');
    expect(said).toContain('Agent, "the" one tried to send a message, but what it named does not exist');
    expect(said).toContain('\'=HYPERLINK("http://evil") sent a message');
    expect(said).toContain('Cursor added a note to Anna Nilsson');
    expect(said).toContain('Cursor was blocked: it may not create and change classes, schedules, capacity and prices');
    expect(said).toContain('Cursor used “Retired tool”');
    expect(said.at(-1)).toBe('You paused all agents');
  });

  it('is for the owner only, and refuses a bad filter', async () => {
    expect((await fetch(`${tg.gateway.panelOrigin}/api/audit/export?format=csv`)).status).toBe(401);
    const other = await OwnerPanel.signIn(tg.gateway.issueLoginLink());
    await tg.owner.ok('browsers.signOut', { id: other.sessionId });
    expect((await other.request('GET', '/api/audit/export?format=csv')).status).toBe(401);
    const bad = await download('format=xml');
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('format');
  });
});

describe('the audit CLI', () => {
  it('exports with filters, verifies an intact chain, and reports a broken one by row', async () => {
    const dataDir = tempDir();
    const gateway = await startGateway({ dataDir, port: 0, log: memoryLogger() });
    const audit = createAuditLog(gateway.services.storage);
    for (let i = 0; i < 25; i++) audit.record({ kind: 'oauth', endpoint: i % 2 ? 'token' : 'register', status: 'ok', durationMs: 1 });
    audit.record({ kind: 'mcp', endpoint: 'tools/call', tool: 'get_profile', clientId: 'cli_x', clientName: 'Cursor', args: {}, status: 'ok', durationMs: 1 });
    audit.record({ kind: 'mcp', endpoint: 'tools/call', tool: 'delete_class', clientId: 'cli_x', clientName: 'Cursor', args: {}, status: 'refused', reason: 'insufficient_scope: needs delete:classes', httpStatus: 403, durationMs: 1 });
    await gateway.close();

    const bin = new URL('../../../bin/studio-gateway.js', import.meta.url).pathname;
    const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args, '--data-dir', dataDir], { encoding: 'utf8', env: { ...process.env, TZ: 'Asia/Kolkata' } });
    const out = join(tempDir(), 'audit.jsonl');
    const exported = run('audit', 'export', '--format', 'jsonl', '--endpoint', 'token', '--out', out);
    expect(exported.status).toBe(0);
    expect(readFileSync(out, 'utf8').trim().split('\n')).toHaveLength(12);
    expect(run('audit', 'verify').stdout).toContain('Audit chain intact: 27 rows');
    // The panel's Outcome filter and its view without technical events (sign-ins and tokens).
    const lines = (...filters: string[]) => run('audit', 'export', '--format', 'jsonl', ...filters).stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as AuditRowView);
    expect(lines('--outcome', 'blocked').map((row) => row.tool)).toEqual(['delete_class']);
    expect(lines('--events', 'activity').map((row) => row.tool)).toEqual(['get_profile', 'delete_class']);
    // A mistyped filter is refused before the data folder is opened: nothing is created.
    const nowhere = join(tempDir(), 'not-yet');
    const mistyped = spawnSync(process.execPath, [bin, 'audit', 'export', '--format', 'csv', '--outcome', 'refused', '--data-dir', nowhere], { encoding: 'utf8' });
    expect(mistyped.status).toBe(1);
    expect(mistyped.stderr).toContain('--outcome');
    expect(existsSync(nowhere)).toBe(false);
    // The CSV gives each time twice: in UTC, and by the computer's clock (here India, UTC+05:30) as the panel shows it.
    const [header, first] = parseCsv(run('audit', 'export', '--format', 'csv', '--endpoint', 'register').stdout);
    const utc = Date.parse(first?.[header?.indexOf('time') ?? -1] ?? '');
    expect(first?.[header?.indexOf('local_time') ?? -1]).toBe(new Date(utc + 5.5 * 3_600_000).toISOString().slice(0, 19).replace('T', ' '));
    expect(first?.[header?.indexOf('what_happened') ?? -1]).toBe('An agent registered with Studio Gateway');

    const tamper = await startGateway({ dataDir, port: 0, log: memoryLogger() });
    tamper.services.storage.db.prepare("UPDATE audit_log SET endpoint = 'userinfo' WHERE id = 7").run();
    await tamper.close();
    const broken = run('audit', 'verify');
    expect(broken.status).toBe(1);
    expect(broken.stderr).toContain('audit chain broken at row 7');
    expect(run('audit', 'export').stderr).toContain('--format');
  });
});
