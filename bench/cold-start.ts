import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rssMiB } from './mcp-load.ts';
import { summarize, type Summary } from './stats.ts';

const BIN = new URL('../bin/studio-gateway.js', import.meta.url).pathname;
/** How long the gateway sits idle before its memory is read. */
const IDLE_MS = 3000;

/** One headless start as a user runs it: from spawn to the first 200 on the protected resource metadata; then RSS at rest. */
async function coldStartOnce(): Promise<{ ms: number; idleRssMiB: number }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sg-bench-'));
  const started = performance.now();
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'ignore'] });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /Gateway: (http:\/\/127\.0\.0\.1:\d+)\/mcp/.exec(out);
        if (match?.[1]) resolve(match[1]);
      });
      child.on('exit', () => reject(new Error('gateway exited before listening')));
    });
    let ms = 0;
    while (!ms) {
      const response = await fetch(`${url}/.well-known/oauth-protected-resource/mcp`).catch(() => undefined);
      if (response?.status === 200) ms = performance.now() - started;
    }
    await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
    return { ms, idleRssMiB: await rssMiB(child.pid ?? 0) };
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.on('exit', resolve));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export interface ColdStart {
  start: Summary;
  /** RSS of each started gateway after IDLE_MS at rest, MiB. */
  idleRssMiB: Summary;
}

/**
 * `runs` starts after one discarded start: a fresh build's first start also fills Node's compile cache and the OS
 * file cache, which every later start of that build finds.
 */
export async function measureColdStart(runs = 9): Promise<ColdStart> {
  await coldStartOnce();
  const results = [];
  for (let i = 0; i < runs; i++) results.push(await coldStartOnce());
  return { start: summarize(results.map((r) => r.ms)), idleRssMiB: summarize(results.map((r) => r.idleRssMiB)) };
}
