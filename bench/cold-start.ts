import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { summarize, type Summary } from './stats.ts';

const BIN = new URL('../bin/studio-gateway.js', import.meta.url).pathname;

/** One headless start: from spawn to the first 200 on the protected resource metadata. */
async function coldStartOnce(): Promise<number> {
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
    for (;;) {
      const response = await fetch(`${url}/.well-known/oauth-protected-resource/mcp`).catch(() => undefined);
      if (response?.status === 200) return performance.now() - started;
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.on('exit', resolve));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function measureColdStart(runs = 7): Promise<Summary> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) samples.push(await coldStartOnce());
  return summarize(samples);
}
