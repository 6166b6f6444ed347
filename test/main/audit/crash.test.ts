import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { verifyChain } from '../../../src/main/audit/verify.ts';
import { databaseFile } from '../../../src/main/paths.ts';
import { createStorage } from '../../../src/main/storage/index.ts';
import { tempDir } from '../../support/gateway.ts';
import { postMcp, toolCall } from '../../support/mcp-agent.ts';

const BIN = new URL('../../../bin/studio-gateway.js', import.meta.url).pathname;

/** Starts `serve` and signs in as the owner through the printed link. */
async function serve(dataDir: string) {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--data-dir', dataDir, '--demo'], { stdio: ['ignore', 'pipe', 'ignore'] });
  let out = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('Control panel:')) resolve();
    });
    child.on('exit', () => reject(new Error('serve exited early')));
  });
  const base = /Gateway: (http:\/\/127\.0\.0\.1:\d+)\/mcp/.exec(out)?.[1] ?? '';
  const login = await fetch(/Control panel: (\S+)/.exec(out)?.[1] ?? '', { redirect: 'manual' });
  const cookie = login.headers.getSetCookie()[0]?.split(';')[0] ?? '';
  const { result } = (await (await fetch(`${base}/api/session`, { headers: { cookie } })).json()) as { result: { csrfToken: string } };
  const minted = await fetch(`${base}/api/control/tokens.mint`, {
    method: 'POST',
    headers: { cookie, origin: base, 'x-csrf-token': result.csrfToken, 'content-type': 'application/json' },
    body: JSON.stringify({ bundle: 'custom', scopes: ['write:financials'], clientName: 'Load', expiresInDays: 1 }),
  });
  const { result: token } = (await minted.json()) as { result: { token: string } };
  return { child, mcpUrl: `${base}/mcp`, token: token.token };
}

describe('a gateway killed mid-load', () => {
  it('loses no acknowledged call: each has its change and its audit row, and the chain verifies', async () => {
    const dataDir = tempDir();
    const { child, mcpUrl, token } = await serve(dataDir);
    const acknowledged: string[] = [];
    let stop = false;
    const worker = async (w: number) => {
      for (let i = 0; !stop; i++) {
        const marker = `crash-${w}-${i}`;
        const response = await postMcp(mcpUrl, toolCall('create_expense', { amount_cents: 100 + i, category: 'supplies', description: marker, spent_on: '2026-11-01' }), { authorization: `Bearer ${token}` }).catch(() => undefined);
        if (!response || response.status !== 200) return;
        const body = (await response.json().catch(() => undefined)) as { result?: { isError?: boolean } } | undefined;
        if (body?.result && !body.result.isError) acknowledged.push(marker);
      }
    };
    const workers = [0, 1, 2, 3].map(worker);
    await new Promise((resolve) => setTimeout(resolve, 300 + Math.random() * 400));
    child.kill('SIGKILL');
    stop = true;
    await Promise.all(workers);
    expect(acknowledged.length).toBeGreaterThan(10);

    const storage = createStorage(databaseFile(dataDir));
    expect(storage.db.pragma('integrity_check', { simple: true })).toBe('ok');
    const expenses = new Set(storage.expenses.list({}, { limit: 100_000 }).items.map((e) => e.description));
    const audited = new Set(
      storage.db
        .prepare<[], { args: string }>("SELECT args FROM audit_log WHERE tool = 'create_expense' AND status = 'ok'")
        .all()
        .map((r) => (JSON.parse(r.args) as { description: string }).description),
    );
    for (const marker of acknowledged) {
      expect(expenses.has(marker), `${marker} change`).toBe(true);
      expect(audited.has(marker), `${marker} audit row`).toBe(true);
    }
    expect(await verifyChain(storage.audit)).toMatchObject({ ok: true });
    storage.close();
  });
});
