import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import { verifyChain } from '../src/main/audit/verify.ts';
import { databaseFile } from '../src/main/paths.ts';
import { createStorage } from '../src/main/storage/index.ts';
import { OwnerPanel } from '../test/support/owner-panel.ts';
import { authorizeRefresher, refreshOnce, type Refresher } from '../test/support/refresher.ts';

// The crash loop: start the gateway, drive tool calls, writes and refresh-token rotations, kill -9 it at a random
// moment, restart on the same data folder, and check that SQLite is intact, that every acknowledged call has its
// change and its audit row, that the audit hash chain verifies, and that the refreshing agent is never locked out. `node scripts/crash-loop.ts --runs 50` prints one line per run and a summary
// line (JSON) and exits 1 at the first broken promise.
//   --runs N          how many kill/restart rounds (default 50)
//   --data-dir DIR    keep the workspace there (default: a fresh temp folder, removed after)

const BIN = new URL('../bin/studio-gateway.js', import.meta.url).pathname;
const { values } = parseArgs({ options: { runs: { type: 'string', default: '50' }, 'data-dir': { type: 'string' } } });
const runs = Number(values.runs);
const dataDir = values['data-dir'] ?? mkdtempSync(join(tmpdir(), 'sg-crash-'));

/** One port for every run: tokens are bound to http://127.0.0.1:PORT/mcp (RFC 8707), as at the default port 8787. */
const port = await new Promise<number>((resolve) => {
  const probe = createServer().listen(0, '127.0.0.1', () => {
    const { port: free } = probe.address() as AddressInfo;
    probe.close(() => resolve(free));
  });
});

interface Served {
  child: ChildProcessByStdio<null, Readable, null>;
  base: string;
  /** The one-time owner login link it printed. */
  link: string;
}

async function serve(): Promise<Served> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', String(port), '--data-dir', dataDir, '--demo'], { stdio: ['ignore', 'pipe', 'ignore'] });
  let out = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('Control panel:')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`serve exited early (${code})`)));
  });
  return { child, base: /Gateway: (http:\/\/127\.0\.0\.1:\d+)\/mcp/.exec(out)?.[1] ?? '', link: /Control panel: (\S+)/.exec(out)?.[1] ?? '' };
}

/** The owner signs in through the printed link and mints a token that may write expenses. */
async function mintToken({ link, base }: Served): Promise<{ token: string; refresher: Refresher }> {
  const owner = await OwnerPanel.signIn(link);
  // Four agents share one app here and write as fast as they can: lift its limit, as the owner could in Settings.
  await owner.ok('settings.update', { toolCallLimit: { burst: 10_000, perMinute: 100_000 } });
  const minted = await owner.ok('tokens.mint', { bundle: 'custom', scopes: ['write:financials', 'read:bookings'], clientName: 'Crash loop', expiresInDays: 30 });
  return { token: minted.token, refresher: await authorizeRefresher(owner, base) };
}

/**
 * Refreshes until the gateway dies, keeping only the refresh tokens whose answer arrived: a refresh cut off by the
 * kill is retried after the restart with the previous token, as a real agent would. Returns a problem if the
 * gateway ever refused it (a lockout).
 */
async function refreshUntilStopped(base: string, agent: Refresher, stop: () => boolean): Promise<string | undefined> {
  while (!stop()) {
    const answer = await refreshOnce(base, agent).catch(() => undefined);
    if (answer === undefined) return undefined; // the gateway is gone; the answer (if any) never arrived
    if (answer.status !== 200) return `refresh refused (${answer.status} ${answer.body.error ?? ''}: ${answer.body.error_description ?? ''}): the agent is locked out`;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return undefined;
}

async function callTool(base: string, token: string, name: string, args: Record<string, unknown>): Promise<boolean> {
  const response = await fetch(`${base}/mcp`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'mcp-protocol-version': '2025-06-18' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name, arguments: args } }),
  });
  if (response.status !== 200) return false;
  const body = (await response.json()) as { result?: { isError?: boolean } };
  return body.result !== undefined && body.result.isError !== true;
}

/** Writes (and some reads) from 4 agents until the process dies; returns the markers of acknowledged writes. */
async function load(base: string, token: string, run: number, stop: () => boolean): Promise<string[]> {
  const acknowledged: string[] = [];
  const agent = async (a: number) => {
    for (let i = 0; !stop(); i++) {
      const marker = `crash-${run}-${a}-${i}`;
      const ok = await callTool(base, token, 'create_expense', { amount_cents: 100 + i, category: 'supplies', description: marker, spent_on: '2026-11-01' }).catch(() => undefined);
      if (ok === undefined) return; // the gateway is gone
      if (ok) acknowledged.push(marker);
      if (i % 5 === 0 && (await callTool(base, token, 'list_bookings', { limit: 3 }).catch(() => undefined)) === undefined) return;
    }
  };
  await Promise.all([0, 1, 2, 3].map(agent));
  return acknowledged;
}

/** Opens the file as a restarted gateway would and checks every promise; returns the problems. */
async function check(acknowledged: string[]): Promise<string[]> {
  const storage = createStorage(databaseFile(dataDir));
  try {
    const problems: string[] = [];
    const integrity = storage.db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') problems.push(`integrity_check: ${String(integrity)}`);
    const expenses = new Set(storage.db.prepare<[], { description: string }>('SELECT description FROM expenses').all().map((r) => r.description));
    const audited = new Set(
      storage.db
        .prepare<[], { args: string }>("SELECT args FROM audit_log WHERE tool = 'create_expense' AND status = 'ok'")
        .all()
        .map((r) => (JSON.parse(r.args) as { description: string }).description),
    );
    for (const marker of acknowledged) {
      if (!expenses.has(marker)) problems.push(`${marker}: acknowledged, but the expense is gone`);
      if (!audited.has(marker)) problems.push(`${marker}: acknowledged, but its audit row is gone`);
    }
    const chain = await verifyChain(storage.audit);
    if (!chain.ok) problems.push(`audit chain broken at ${chain.brokenAt}: ${chain.reason}`);
    return problems;
  } finally {
    storage.close();
  }
}

let agents: { token: string; refresher: Refresher } | undefined;
let total = 0;
const began = Date.now();
try {
  for (let run = 1; run <= runs; run++) {
    const served = await serve();
    const { child, base } = served;
    agents ??= await mintToken(served);
    let dead = false;
    const loading = load(base, agents.token, run, () => dead);
    const refreshing = refreshUntilStopped(base, agents.refresher, () => dead);
    const killAfter = 150 + Math.floor(Math.random() * 1350);
    await new Promise((resolve) => setTimeout(resolve, killAfter));
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    dead = true;
    const acknowledged = await loading;
    total += acknowledged.length;
    const problems = await check(acknowledged);
    const lockout = await refreshing;
    if (lockout) problems.push(lockout);
    if (acknowledged.length === 0 && killAfter > 800) problems.push('no write was acknowledged in 800+ ms: the load did not run');
    process.stdout.write(`run ${run}: killed after ${killAfter} ms, ${acknowledged.length} acknowledged writes, ${agents.refresher.refreshes} refreshes so far, ${problems.length ? problems.join('; ') : 'all kept, integrity ok, chain ok, no lockout'}\n`);
    if (problems.length) {
      process.stdout.write(`${JSON.stringify({ runs: run, acknowledged: total, lost: problems.length, ok: false })}\n`);
      process.exit(1);
    }
  }
  process.stdout.write(`${JSON.stringify({ runs, acknowledged: total, lost: 0, refreshes: agents?.refresher.refreshes ?? 0, lockouts: 0, ok: true, seconds: Math.round((Date.now() - began) / 1000) })}\n`);
} finally {
  if (!values['data-dir']) rmSync(dataDir, { recursive: true, force: true });
}
