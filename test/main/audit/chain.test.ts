import { describe, expect, it } from 'vitest';
import { createAuditLog } from '../../../src/main/audit/audit-log.ts';
import { pruneAudit, setRetentionDays } from '../../../src/main/audit/retention.ts';
import { verifyChain } from '../../../src/main/audit/verify.ts';
import { createStorage } from '../../../src/main/storage/index.ts';

function logWith(rows: number, clock: () => number = Date.now) {
  const storage = createStorage(':memory:');
  const audit = createAuditLog(storage, clock);
  for (let i = 0; i < rows; i++) {
    audit.record({ kind: 'mcp', endpoint: 'tools/call', tool: `tool_${i % 3}`, clientId: 'c1', clientName: 'Agent', args: { i }, status: 'ok', durationMs: 1.5 });
  }
  return { storage, audit };
}

describe('the audit hash chain', () => {
  it('verifies an untouched log', async () => {
    const { storage } = logWith(50);
    expect(await verifyChain(storage.audit)).toEqual({ ok: true, rows: 50, from: 1, to: 50 });
    storage.close();
  });

  it('finds one changed byte in one row, and names that row', async () => {
    const { storage } = logWith(50);
    storage.db.prepare("UPDATE audit_log SET args = replace(args, '17', '18') WHERE id = 18").run();
    expect(await verifyChain(storage.audit)).toMatchObject({ ok: false, brokenAt: 18, rows: 17, reason: expect.stringContaining('content') });
    storage.close();
  });

  it('finds a changed status even when the row hash is recomputed, at the next link', async () => {
    const { storage } = logWith(30);
    const { chainHash } = await import('../../../src/main/audit/chain.ts');
    const row = storage.audit.find(10);
    if (!row) throw new Error('row 10');
    const forged = { ...row, status: 'refused' as const };
    storage.db.prepare("UPDATE audit_log SET status = 'refused', hash = ? WHERE id = 10").run(chainHash(row.prevHash, forged));
    expect(await verifyChain(storage.audit)).toMatchObject({ ok: false, brokenAt: 11, reason: expect.stringContaining('link') });
    storage.close();
  });

  it('covers a summary: rewording it, or taking it away, breaks that row', async () => {
    const { storage, audit } = logWith(5);
    audit.record({ kind: 'mcp', endpoint: 'tools/call', tool: 'delete_client', args: {}, status: 'ok', durationMs: 1, summary: 'deleted client Anna Nilsson and 3 bookings' });
    audit.record({ kind: 'mcp', endpoint: 'tools/call', tool: 'get_client', args: {}, status: 'ok', durationMs: 1, summary: 'looked at client Ben Ortiz' });
    expect(await verifyChain(storage.audit)).toEqual({ ok: true, rows: 7, from: 1, to: 7 });
    storage.db.prepare("UPDATE audit_log SET summary = 'looked at client Anna Nilsson' WHERE id = 6").run();
    expect(await verifyChain(storage.audit)).toMatchObject({ ok: false, brokenAt: 6, reason: expect.stringContaining('content') });
    storage.db.prepare("UPDATE audit_log SET summary = 'deleted client Anna Nilsson and 3 bookings' WHERE id = 6").run();
    storage.db.prepare('UPDATE audit_log SET summary = NULL WHERE id = 7').run();
    expect(await verifyChain(storage.audit)).toMatchObject({ ok: false, brokenAt: 7 });
    storage.db.prepare("UPDATE audit_log SET summary = 'looked at client Ben Ortiz' WHERE id = 7").run();
    storage.db.prepare("UPDATE audit_log SET summary = 'sent a message' WHERE id = 3").run();
    expect(await verifyChain(storage.audit)).toMatchObject({ ok: false, brokenAt: 3 });
    storage.close();
  });

  it('finds a deleted row in the middle', async () => {
    const { storage } = logWith(30);
    storage.db.prepare('DELETE FROM audit_log WHERE id = 12').run();
    expect(await verifyChain(storage.audit)).toMatchObject({ ok: false, brokenAt: 13, reason: expect.stringContaining('row 12 is missing') });
    storage.close();
  });

  it('stays verifiable after retention prunes old rows, from the recorded checkpoint', async () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    const { storage, audit } = logWith(20, () => now);
    now += 40 * 86_400_000;
    for (let i = 0; i < 5; i++) audit.record({ kind: 'oauth', endpoint: 'token', status: 'ok', durationMs: 1 });
    setRetentionDays(storage, 30);
    expect(pruneAudit(storage, now)).toBe(20);
    expect(await verifyChain(storage.audit)).toEqual({ ok: true, rows: 5, from: 21, to: 25 });
    audit.record({ kind: 'oauth', endpoint: 'token', status: 'ok', durationMs: 1 });
    expect(await verifyChain(storage.audit)).toMatchObject({ ok: true, rows: 6, to: 26 });
    storage.db.prepare('UPDATE audit_log SET endpoint = ? WHERE id = 21').run('userinfo');
    expect(await verifyChain(storage.audit)).toMatchObject({ ok: false, brokenAt: 21 });
    storage.close();
  });

  it('keeps everything when retention is off (the default)', () => {
    const { storage } = logWith(5, () => 0);
    expect(pruneAudit(storage, Date.now())).toBe(0);
    expect(storage.audit.count({})).toBe(5);
    storage.close();
  });
});
