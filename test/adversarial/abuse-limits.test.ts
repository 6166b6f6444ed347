import { statSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAuditLog } from '../../src/main/audit/audit-log.ts';
import { LIMITS } from '../../src/main/limits.ts';
import { databaseFile } from '../../src/main/paths.ts';
import { TestBrowser } from '../support/browser.ts';
import { startTestGateway, type TestGateway } from '../support/gateway.ts';
import { INITIALIZE, postMcp, tokenWithScopes, toolCall } from '../support/mcp-agent.ts';
import { authorizeUrl, pkcePair, REDIRECT, register, registerClient } from '../support/oauth.ts';
import { rawRequest } from '../support/raw-http.ts';
import { agentWith, call } from '../support/tools.ts';

// Floods and hangs, tried as a hostile agent or local process would, each next to a normal agent that must not
// notice (docs/SECURITY.md, "Limits").

let tg: TestGateway;
afterEach(async () => {
  await tg.close();
});

const authorization = (clientId: string) =>
  authorizeUrl(tg, { response_type: 'code', client_id: clientId, redirect_uri: REDIRECT, scope: 'mcp:tools read:profile', code_challenge: pkcePair().challenge, code_challenge_method: 'S256' });

/** Row changes SQLite made since the gateway opened the file (triggers' own changes not counted). */
const changes = () => tg.gateway.services.storage.db.prepare<[], { n: number }>('SELECT total_changes() AS n').get()?.n ?? 0;

describe('registration', () => {
  beforeEach(async () => {
    tg = await startTestGateway({ demo: false });
  });

  it('refuses oversized, unsafe or overlong metadata, naming the field; a normal registration passes', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ client_name: 'x'.repeat(40_000) }, 'client_name'],
      [{ client_name: 'x'.repeat(LIMITS.clientNameChars + 1) }, 'client_name'],
      [{ client_name: 'Calendar\nControl panel: http://127.0.0.1/panel/#login=forged' }, 'client_name'],
      [{ client_name: 'Invoice \u202egpj.exe' }, 'client_name'],
      [{ client_uri: `https://example.com/${'a'.repeat(LIMITS.uriChars)}` }, 'client_uri'],
      [{ redirect_uris: Array.from({ length: LIMITS.redirectUris + 1 }, (_, i) => `http://127.0.0.1/cb${i}`) }, 'redirect_uris'],
      [{ redirect_uris: [`http://127.0.0.1/${'a'.repeat(LIMITS.uriChars)}`] }, 'redirect_uris[0]'],
      [{ contacts: ['a@b.example', { evil: true }] }, 'contacts[1]'],
    ];
    for (const [metadata, field] of cases) {
      const { status, body } = await register(tg, { redirect_uris: [REDIRECT], ...metadata });
      expect(status, field).toBe(400);
      expect(String(body.error_description), field).toContain(field);
    }
    expect(tg.gateway.services.storage.apps.list()).toHaveLength(0);
    const normal = await register(tg, { client_name: 'C'.repeat(LIMITS.clientNameChars), redirect_uris: [REDIRECT], client_uri: 'https://claude.ai' });
    expect(normal.status).toBe(201);
  });

  it(`takes ${LIMITS.registration.burst} registrations at once, then answers 429 with Retry-After; the file stays small`, async () => {
    const file = databaseFile(tg.dataDir);
    const size = () => {
      tg.gateway.services.storage.db.pragma('wal_checkpoint(TRUNCATE)');
      return statSync(file).size;
    };
    const before = size();
    const answers = await Promise.all(
      Array.from({ length: 500 }, (_, i) => register(tg, { client_name: `Flood ${i}`, redirect_uris: [REDIRECT], client_uri: `https://flood.example/${'p'.repeat(1900)}` })),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(LIMITS.registration.burst);
    expect(statuses.filter((s) => s === 429)).toHaveLength(500 - LIMITS.registration.burst);
    const refused = await rawRequest(tg.gateway.port, { method: 'POST', path: '/register', headers: [['content-type', 'application/json']], body: JSON.stringify({ redirect_uris: [REDIRECT] }) });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(JSON.parse(refused.body)).toMatchObject({ error: 'temporarily_unavailable' });
    // 500 registrations of 40 KB each grew the file by 65 MB before the limits.
    expect(size() - before).toBeLessThan(512 * 1024);
    // The rest of the gateway is unaffected: discovery and the owner's panel answer.
    expect((await fetch(`${tg.gateway.issuer}/.well-known/oauth-authorization-server`)).status).toBe(200);
    expect((await tg.owner.ok('apps.list')).length).toBe(0);
  });

  it('prunes registrations that never obtained a grant after a day, and keeps the others', async () => {
    const idle = await registerClient(tg);
    const token = await tokenWithScopes(tg, ['read:profile']);
    expect((await postMcp(tg.gateway.mcpUrl, INITIALIZE, { authorization: `Bearer ${token}` })).status).toBe(200);
    const storage = tg.gateway.services.storage;
    const dayLater = Math.floor(Date.now() / 1000) + LIMITS.unusedRegistrationSeconds + 1;
    expect(storage.apps.deleteNeverGranted(dayLater - LIMITS.unusedRegistrationSeconds - 10)).toBe(0);
    expect(storage.apps.deleteNeverGranted(dayLater)).toBe(1);
    expect(storage.apps.find(idle)).toBeUndefined();
    expect((await tg.owner.ok('apps.list')).map((c) => c.name)).toEqual(['scopes read:profile']);
  });
});

describe('authorization requests', () => {
  it(`takes ${LIMITS.authorization.burst} new ones per app, then 429 with Retry-After; another app is unaffected`, async () => {
    tg = await startTestGateway({ demo: false });
    const flooder = await registerClient(tg);
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) statuses.push((await rawRequest(tg.gateway.port, { path: `${authorization(flooder).pathname}${authorization(flooder).search}` })).status);
    expect(statuses.filter((s) => s === 303)).toHaveLength(LIMITS.authorization.burst);
    expect(statuses.slice(LIMITS.authorization.burst).every((s) => s === 429)).toBe(true);
    const normal = await registerClient(tg);
    const waiting = await new TestBrowser(tg.gateway.issuer).navigate(authorization(normal));
    expect(waiting.body).toContain('Waiting for your approval');
  });

  it('a flood of thousands never evicts an authorization the owner is deciding: she approves, the agent gets its code', async () => {
    tg = await startTestGateway({ demo: false, manyFlows: true });
    const agent = await registerClient(tg);
    const browser = new TestBrowser(tg.gateway.issuer);
    const waiting = await browser.navigate(authorization(agent));
    const flooder = await registerClient(tg);
    const target = `${authorization(flooder).pathname}${authorization(flooder).search}`;
    for (let i = 0; i < LIMITS.waitingAuthorizations + 500; i += 50) {
      await Promise.all(Array.from({ length: 50 }, () => rawRequest(tg.gateway.port, { path: target })));
    }
    const [request] = await tg.owner.ok('consent.list');
    await tg.owner.ok('consent.decide', { requestId: request?.id ?? '', decision: 'approve', scopes: ['mcp:tools', 'read:profile'] });
    const landing = await browser.navigate(waiting.url);
    expect(landing.url.searchParams.get('code')).toBeTruthy();
  }, 60_000);
});

describe('consent requests', () => {
  beforeEach(async () => {
    tg = await startTestGateway({ demo: false });
  });

  it('keeps one waiting request per app: a newer one replaces the older, whose tab is told access_denied', async () => {
    const clientId = await registerClient(tg);
    const tabs = [];
    for (let i = 0; i < 5; i++) {
      const browser = new TestBrowser(tg.gateway.issuer);
      tabs.push({ browser, waiting: await browser.navigate(authorization(clientId)) });
    }
    const pending = await tg.owner.ok('consent.list');
    expect(pending).toHaveLength(1);
    const oldest = await tabs[0]?.browser.navigate(tabs[0].waiting.url);
    expect(oldest?.url.searchParams.get('error')).toBe('access_denied');
    expect(oldest?.url.searchParams.get('error_description')).toContain('replaced by the newer one');
    // The newest is the one the owner decides, and it completes.
    await tg.owner.ok('consent.decide', { requestId: pending[0]?.id ?? '', decision: 'approve', scopes: ['mcp:tools', 'read:profile'] });
    const newest = tabs[4];
    expect((await newest?.browser.navigate(newest.waiting.url))?.url.searchParams.get('code')).toBeTruthy();
  });

  it(`holds at most ${LIMITS.pendingConsentTotal} apps waiting; the next is told temporarily_unavailable and the others stay`, async () => {
    for (let i = 0; i < LIMITS.pendingConsentTotal; i++) await new TestBrowser(tg.gateway.issuer).navigate(authorization(await registerClient(tg)));
    expect(await tg.owner.ok('consent.list')).toHaveLength(LIMITS.pendingConsentTotal);
    const late = await new TestBrowser(tg.gateway.issuer).navigate(authorization(await registerClient(tg)));
    expect(late.url.searchParams.get('error')).toBe('temporarily_unavailable');
    expect(await tg.owner.ok('consent.list')).toHaveLength(LIMITS.pendingConsentTotal);
  });
});

describe('tool calls', () => {
  beforeEach(async () => {
    tg = await startTestGateway();
  });

  it(`keeps at most ${LIMITS.heldCallsPerClient} calls of one app waiting for approval; the next is refused at once and audited`, async () => {
    await tg.owner.ok('settings.update', { approvals: { enabled: true } });
    const flooder = await agentWith(tg, ['delete:financials']);
    const ids = tg.gateway.services.storage.expenses.list({}, { limit: 10 }).items.map((e) => e.id);
    const held = ids.slice(0, LIMITS.heldCallsPerClient).map((id) => call(flooder, 'delete_expense', { expense_id: id }));
    await expect.poll(async () => (await tg.owner.ok('approvals.list')).length).toBe(LIMITS.heldCallsPerClient);
    const extra = await call(flooder, 'delete_expense', { expense_id: ids[LIMITS.heldCallsPerClient] });
    expect(extra.isError).toBe(true);
    expect(extra.text).toContain('Too many calls from this app are already waiting');
    expect((await tg.owner.ok('audit.list', { status: 'refused', tool: 'delete_expense' })).rows[0]?.reason).toBe('too_many_calls_waiting');
    // Another app still gets its call in front of the owner.
    const other = await agentWith(tg, ['delete:financials']);
    const otherCall = call(other, 'delete_expense', { expense_id: ids[5] });
    await expect.poll(async () => (await tg.owner.ok('approvals.list')).length).toBe(LIMITS.heldCallsPerClient + 1);
    for (const waiting of await tg.owner.ok('approvals.list')) await tg.owner.ok('approvals.decide', { id: waiting.id, decision: 'deny' });
    await Promise.all([...held, otherCall]);
    await Promise.all([flooder.close(), other.close()]);
  });

  it('limits requests per app as the owner set it: 429 with Retry-After, audited, one audit row and no other write per refusal', async () => {
    const settings = await tg.owner.ok('settings.update', { toolCallLimit: { burst: 5, perMinute: 60 } });
    expect(settings.limits.toolCalls).toEqual({ burst: 5, perMinute: 60 });
    const flooder = await tokenWithScopes(tg, ['read:profile']);
    const normal = await tokenWithScopes(tg, ['read:profile']);
    const send = (token: string) => postMcp(tg.gateway.mcpUrl, toolCall('get_profile'), { authorization: `Bearer ${token}` });
    for (let i = 0; i < 5; i++) expect((await send(flooder)).status).toBe(200);

    // What one audit row costs, to compare against.
    const auditRow = changes();
    createAuditLog(tg.gateway.services.storage).record({ kind: 'mcp', endpoint: 'mcp', status: 'refused', durationMs: 0 });
    const perRow = changes() - auditRow;
    const before = changes();
    const refused = await Promise.all(Array.from({ length: 20 }, () => send(flooder)));
    expect(changes() - before).toBe(20 * perRow);
    expect(refused.every((r) => r.status === 429)).toBe(true);
    expect(Number(refused[0]?.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refused[0]?.json()).toMatchObject({ error: { message: expect.stringContaining('5 at once and 60 a minute') } });
    const rows = (await tg.owner.ok('audit.list', { status: 'refused', endpoint: 'mcp' })).rows.filter((r) => r.httpStatus === 429);
    expect(rows).toHaveLength(20);
    // Another app is not slowed by it (the control case).
    expect((await send(normal)).status).toBe(200);
  });

  it('a paused gateway refuses with one audit row and no other write', async () => {
    const token = await tokenWithScopes(tg, ['read:profile']);
    await tg.owner.ok('gateway.setPaused', { paused: true });
    const auditRow = changes();
    createAuditLog(tg.gateway.services.storage).record({ kind: 'mcp', endpoint: 'mcp', status: 'refused', durationMs: 0 });
    const perRow = changes() - auditRow;
    const before = changes();
    for (let i = 0; i < 10; i++) expect((await postMcp(tg.gateway.mcpUrl, toolCall('get_profile'), { authorization: `Bearer ${token}` })).status).toBe(503);
    expect(changes() - before).toBe(10 * perRow);
  });

  it('answers a batch whose call is cancelled in the same POST (no hang): the cancelled call gets no answer, the rest do', async () => {
    const token = await tokenWithScopes(tg, ['write:financials', 'read:profile']);
    const headers = { authorization: `Bearer ${token}` };
    const cancelled = [
      toolCall('create_expense', { amount_cents: 100, category: 'supplies', description: 'cancelled in flight', spent_on: '2026-11-01' }, 901),
      { jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 901, reason: 'user pressed stop' } },
    ];
    const answers = await Promise.all(Array.from({ length: 40 }, () => postMcp(tg.gateway.mcpUrl, cancelled, headers).then((r) => r.status)));
    expect(answers.every((s) => s === 202)).toBe(true);
    const mixed = await postMcp(tg.gateway.mcpUrl, [...cancelled, toolCall('get_profile', {}, 902)], headers);
    expect(mixed.status).toBe(200);
    expect(((await mixed.json()) as { id: number }[]).map((a) => a.id)).toEqual([902]);
  });
});

describe('exports and the panel files', () => {
  beforeEach(async () => {
    tg = await startTestGateway({ demo: false });
  });

  it('writes a CSV no spreadsheet turns into formulas, in any list-separator locale', async () => {
    createAuditLog(tg.gateway.services.storage).record({ kind: 'mcp', endpoint: 'tools/call', clientName: "Calendar Sync;=cmd|' /C calc'!A0;", status: 'ok', durationMs: 1 });
    const csv = await (await tg.owner.request('GET', '/api/audit/export?format=csv')).text();
    const line = csv.split('\n').find((l) => l.includes('Calendar Sync')) ?? '';
    expect(line).toContain(`"Calendar Sync;'=cmd|' /C calc'!A0;"`);
    // Split as a semicolon locale would, ignoring quotes mid-cell: no cell starts a formula.
    for (const cell of line.split(/[;,\t]/)) expect(cell.trimStart()).not.toMatch(/^[=+\-@]/);
  });

  it('serves only files inside the assets folder, and answers bad encoding with 400', async () => {
    const index = await (await fetch(`${tg.gateway.panelOrigin}/panel/`)).text();
    const panelPort = Number(new URL(tg.gateway.panelOrigin).port);
    const asset = /src="\.?\/?(?:panel\/)?(assets\/[^"]+\.js)"/.exec(index)?.[1] ?? '';
    expect((await rawRequest(panelPort, { path: `/panel/${asset}` })).status).toBe(200);
    expect((await rawRequest(panelPort, { path: '/panel/assets/%E0%A4%A' })).status).toBe(400);
    for (const path of ['/panel/assets/..%2findex.html', '/panel/assets/..%2f..%2fpackage.json', '/panel/assets/%2e%2e/index.html', '/panel/assets/x%00.js']) {
      expect((await rawRequest(panelPort, { path })).status, path).toBe(404);
    }
  });
});
