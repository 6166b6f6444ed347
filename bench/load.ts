import { spawn, type ChildProcess } from 'node:child_process';
import { summarize, type Summary } from './stats.ts';

export interface ServerUnderTest {
  url: string;
  headers: Record<string, string>;
  stop(): Promise<void>;
}

/** Starts a benchmark server script in its own process and reads its {url, token} line. */
export async function spawnServer(script: string, args: string[] = []): Promise<ServerUnderTest> {
  const child: ChildProcess = spawn(process.execPath, [new URL(script, import.meta.url).pathname, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) resolve(out.split('\n')[0] ?? '');
    });
    child.on('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
  const { url, token } = JSON.parse(line) as { url: string; token?: string };
  return {
    url,
    headers: token ? { authorization: `Bearer ${token}` } : {},
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export interface LoadResult {
  latency: Summary;
  callsPerSecond: number;
}

/**
 * Sends `total` JSON-RPC POSTs with `concurrency` in flight, each waiting for its full answer; every answer
 * must be a 200 with a result (not an error), or the run fails.
 */
export async function drive(server: ServerUnderTest, body: unknown, options: { total: number; concurrency: number }): Promise<LoadResult> {
  const payload = JSON.stringify(body);
  const headers = { ...server.headers, 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'mcp-protocol-version': '2025-06-18' };
  const samples: number[] = [];
  let sent = 0;
  const worker = async () => {
    while (sent < options.total) {
      sent++;
      const started = performance.now();
      const response = await fetch(server.url, { method: 'POST', headers, body: payload });
      const text = await response.text();
      samples.push(performance.now() - started);
      if (response.status !== 200 || !text.includes('"result"') || text.includes('"isError":true')) throw new Error(`bad answer ${response.status}: ${text.slice(0, 200)}`);
    }
  };
  const began = performance.now();
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const seconds = (performance.now() - began) / 1000;
  return { latency: summarize(samples), callsPerSecond: samples.length / seconds };
}
