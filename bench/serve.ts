import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BIN = new URL('../bin/studio-gateway.js', import.meta.url).pathname;

/**
 * `studio-gateway serve` as a user runs it, on a free port in a new data folder: `listening` resolves with the
 * gateway's origin once it prints where it listens (or rejects, with the end of its stderr, if it exits first);
 * `remove` deletes the data folder.
 */
export function spawnServe(prefix: string, extra: string[] = []) {
  const dataDir = mkdtempSync(join(tmpdir(), prefix));
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--data-dir', dataDir, ...extra], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const listening = new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /Gateway: (http:\/\/127\.0\.0\.1:\d+)\/mcp/.exec(out);
      if (match?.[1]) resolve(match[1]);
    });
    void exited.then((code) => reject(new Error(`the gateway exited (${code}) before listening: ${stderr.slice(-500)}`)));
  });
  return { child, exited, listening, remove: () => rmSync(dataDir, { recursive: true, force: true }) };
}
