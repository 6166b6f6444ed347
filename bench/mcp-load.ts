import { spawn, type ChildProcess } from 'node:child_process';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { summarize, type Summary } from './stats.ts';

export interface ServerUnderTest {
  url: string;
  token: string | undefined;
  pid: number;
  /** Sends a message over the IPC channel and resolves with the server's answer (servers/families.ts). */
  ask<T>(message: unknown): Promise<T>;
  stop(): Promise<void>;
}

/** Starts a benchmark server script in its own process and reads its first stdout line: JSON {url, token?}. */
export async function spawnServer(script: string, args: string[] = []): Promise<ServerUnderTest & Record<string, unknown>> {
  // SG_BENCH_CPU_PROF=<dir>: every server writes a V8 CPU profile there when it stops (docs/performance.md).
  const profile = process.env.SG_BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.SG_BENCH_CPU_PROF}`] : [];
  const child: ChildProcess = spawn(process.execPath, [...profile, new URL(script, import.meta.url).pathname, ...args], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  const line = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) resolve(out.split('\n')[0] ?? '');
    });
    child.on('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
  const info = JSON.parse(line) as { url: string; token?: string } & Record<string, unknown>;
  return {
    ...info,
    token: info.token,
    pid: child.pid ?? 0,
    ask: <T>(message: unknown) =>
      new Promise<T>((resolve) => {
        child.once('message', (answer) => resolve(answer as T));
        child.send(message as object);
      }),
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Resident memory of a process in MiB (Linux /proc; elsewhere ps). */
export async function rssMiB(pid: number): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? Number.NaN) / 1024;
  } catch {
    const { execFileSync } = await import('node:child_process');
    return Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)]).toString().trim()) / 1024;
  }
}

/** CPU time (user + system) a process has used so far, ms (Linux /proc; NaN elsewhere). */
export async function cpuMs(pid: number): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  try {
    const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).replace(/^.*\) /s, '').split(' ');
    // utime and stime, fields 14 and 15 of proc(5), in clock ticks (USER_HZ, 100 on Linux).
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return Number.NaN;
  }
}

export interface LoadResult {
  concurrency: number;
  latency: Summary;
  callsPerSecond: number;
}

/** An MCP client as an agent has one: the SDK's Client over Streamable HTTP, initialized, with the bearer token. */
export async function connectClient(server: ServerUnderTest): Promise<Client> {
  const client = new Client({ name: 'bench', version: '1.0.0' });
  const headers: Record<string, string> = server.token ? { Authorization: `Bearer ${server.token}` } : {};
  await client.connect(new StreamableHTTPClientTransport(new URL(server.url), { requestInit: { headers } }));
  return client;
}

/**
 * Makes `total` tools/call requests with `concurrency` in flight through one SDK client, each waiting for its
 * answer; every answer must be a success, or the run fails.
 */
export async function driveToolCalls(client: Client, call: { name: string; arguments: Record<string, unknown> }, options: { total: number; concurrency: number }): Promise<LoadResult> {
  const samples: number[] = [];
  let sent = 0;
  const worker = async () => {
    while (sent < options.total) {
      sent++;
      const started = performance.now();
      const result = await client.callTool(call);
      samples.push(performance.now() - started);
      if (result.isError) throw new Error(`tool error: ${JSON.stringify(result.content).slice(0, 200)}`);
    }
  };
  const began = performance.now();
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const seconds = (performance.now() - began) / 1000;
  return { concurrency: options.concurrency, latency: summarize(samples), callsPerSecond: samples.length / seconds };
}
