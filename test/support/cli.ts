import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';

const BIN = new URL('../../bin/studio-gateway.js', import.meta.url).pathname;
const running: ChildProcessByStdio<null, Readable, Readable>[] = [];

/** Runs `studio-gateway <args>` as its own process (what ships: the built bundle once built). */
export function cli(args: string[]) {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  running.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    exited,
    output: () => ({ stdout, stderr }),
    async lines(count: number): Promise<string[]> {
      for (let i = 0; i < 200 && stdout.split('\n').filter(Boolean).length < count; i++) await new Promise((r) => setTimeout(r, 25));
      return stdout.split('\n').filter(Boolean);
    },
  };
}

/** Kills every process cli() started (after each test). */
export function stopCliProcesses(): void {
  for (const child of running.splice(0)) child.kill('SIGKILL');
}
