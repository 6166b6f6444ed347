import autocannon from 'autocannon';
import { cpuMs, spawnServer, type ServerUnderTest } from './mcp-load.ts';
import type { BenchCall } from './servers/tool-result.ts';
import { median } from './stats.ts';

export type LimitServer = 'echo' | 'bare' | 'gateway';
export const LIMIT_SERVERS: Record<LimitServer, string> = {
  echo: 'node:http JSON-RPC echo (parses the body, answers a fixed result)',
  bare: 'Bare MCP SDK server (no auth, no audit)',
  gateway: 'Gateway: bearer check, scope check, the tool, its audit row committed',
};

export interface LimitRun {
  requestsPerSecond: number;
  /** autocannon's latency percentiles, whole ms. */
  p50: number;
  p99: number;
  /** The server process's CPU time per request, µs. */
  cpuUsPerRequest: number;
}

export interface NodeLimitResult {
  connections: number;
  seconds: number;
  runs: Record<LimitServer, LimitRun[]>;
  medians: Record<LimitServer, LimitRun>;
  /** The gateway's group commits over the whole measurement: how many, and the writes (calls) they held. */
  groupCommit: { groups: number; writes: number } | null;
  /** Per repetition, ÷ the echo's requests/s: median and spread (min–max). */
  ratios: Record<Exclude<LimitServer, 'echo'>, { median: number; min: number; max: number }>;
}

/**
 * Apps the gateway's load is spread over: one app may make at most 100,000 calls a minute (Settings → Limits), and
 * this load is more than that.
 */
const APPS = 16;
/**
 * The call: a read tool whose own work is small (one row, the studio's profile), so that what is measured is what the
 * gateway adds around a tool — Node's HTTP, the bearer check, the scope check, the audit row and its commit — not the
 * tool's query. (list_bookings, section 1, spends most of its time in its own query.)
 */
export const LIMIT_CALL: BenchCall = { name: 'get_studio_profile', arguments: {} };
const BODY = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: LIMIT_CALL });

/** The one POST every server gets, with a bearer token where the server has one (`token`, or one of `tokens` in turn). */
function headers(token: string | undefined): Record<string, string> {
  return {
    'content-type': 'application/json',
    accept: 'application/json, text/event-stream',
    'mcp-protocol-version': '2025-06-18',
    ...(token ? { authorization: `Bearer ${token}` } : {}),
  };
}

function tokensOf(server: ServerUnderTest): (string | undefined)[] {
  const tokens = (server as ServerUnderTest & { tokens?: unknown }).tokens;
  return Array.isArray(tokens) ? tokens.map(String) : [server.token];
}

/** One request first: the answer must be the tool's result, not an error (what the load then repeats). */
async function checkAnswer(name: LimitServer, server: ServerUnderTest): Promise<void> {
  const response = await fetch(server.url, { method: 'POST', headers: headers(server.token), body: BODY });
  const answer = (await response.json()) as { result?: { isError?: boolean; structuredContent?: unknown } };
  if (response.status !== 200 || !answer.result || answer.result.isError || !answer.result.structuredContent) {
    throw new Error(`${name} did not answer the tool call: ${response.status} ${JSON.stringify(answer).slice(0, 300)}`);
  }
}

async function load(name: LimitServer, server: ServerUnderTest, connections: number, seconds: number): Promise<LimitRun> {
  const cpuBefore = await cpuMs(server.pid);
  const requests = tokensOf(server).map((token) => ({ method: 'POST', headers: headers(token), body: BODY }));
  const result = await autocannon({ url: server.url, requests, connections, duration: seconds });
  const cpu = (await cpuMs(server.pid)) - cpuBefore;
  if (result.non2xx || result.errors || result.timeouts) throw new Error(`${name}: ${result.non2xx} non-2xx answers, ${result.errors} errors, ${result.timeouts} timeouts`);
  return { requestsPerSecond: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, cpuUsPerRequest: (cpu * 1000) / result['2xx'] };
}

const spread = (values: number[]) => ({ median: median(values), min: Math.min(...values), max: Math.max(...values) });

/**
 * The audited tool call against Node's own HTTP stack: the same POST, repeated by autocannon over `connections`
 * keep-alive connections, to a node:http echo, the bare MCP SDK server and the gateway, each in its own process,
 * interleaved repetition by repetition (the order rotating) so all see the same machine.
 */
export async function measureNodeLimit(options: { repetitions?: number; connections?: number; seconds?: number } = {}): Promise<NodeLimitResult> {
  const { repetitions = 5, connections = 32, seconds = 5 } = options;
  const servers: Record<LimitServer, ServerUnderTest> = {
    echo: await spawnServer('./servers/json-rpc-echo.ts', ['--tool', LIMIT_CALL.name]),
    bare: await spawnServer('./servers/bare-sdk.ts', ['--tool', LIMIT_CALL.name]),
    gateway: await spawnServer('./servers/gateway.ts', ['--apps', String(APPS)]),
  };
  const names = Object.keys(servers) as LimitServer[];
  try {
    for (const name of names) await checkAnswer(name, servers[name]);
    for (const name of names) await load(name, servers[name], connections, 2); // warm up (JIT, caches)
    const runs: Record<LimitServer, LimitRun[]> = { echo: [], bare: [], gateway: [] };
    for (let r = 0; r < repetitions; r++) {
      for (let i = 0; i < names.length; i++) {
        const name = names[(r + i) % names.length] as LimitServer;
        runs[name].push(await load(name, servers[name], connections, seconds));
      }
    }
    const medianRun = (list: LimitRun[]): LimitRun => ({
      requestsPerSecond: median(list.map((x) => x.requestsPerSecond)),
      p50: median(list.map((x) => x.p50)),
      p99: median(list.map((x) => x.p99)),
      cpuUsPerRequest: median(list.map((x) => x.cpuUsPerRequest)),
    });
    const { stats: groupCommit } = await servers.gateway.ask<{ stats: { groups: number; writes: number } | null }>({ stats: true });
    const ratio = (name: LimitServer) => spread(runs[name].map((x, i) => x.requestsPerSecond / (runs.echo[i]?.requestsPerSecond ?? Number.NaN)));
    return {
      connections,
      seconds,
      runs,
      medians: { echo: medianRun(runs.echo), bare: medianRun(runs.bare), gateway: medianRun(runs.gateway) },
      groupCommit,
      ratios: { bare: ratio('bare'), gateway: ratio('gateway') },
    };
  } finally {
    await Promise.all(names.map((name) => servers[name].stop()));
  }
}

if (import.meta.main) {
  const result = await measureNodeLimit({ repetitions: Number(process.argv[2] ?? 5), seconds: Number(process.argv[3] ?? 5) });
  for (const name of Object.keys(result.runs) as LimitServer[]) {
    process.stdout.write(`${name}: ${result.runs[name].map((r) => `${Math.round(r.requestsPerSecond)}/s p50 ${r.p50} p99 ${r.p99} cpu ${Math.round(r.cpuUsPerRequest)}µs`).join(' | ')}\n`);
  }
  process.stdout.write(`ratios: ${JSON.stringify(result.ratios)}\n`);
}
