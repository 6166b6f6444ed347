import { Agent, request } from 'node:http';
import { cpuMs, spawnServer, type ServerUnderTest } from './mcp-load.ts';
import type { Family } from './servers/families.ts';
import { median, summarize, type Summary } from './stats.ts';

export type TokenServer = 'reference' | 'gateway';
export const TOKEN_SERVERS: Record<TokenServer, string> = {
  reference: 'oidc-provider alone: same version and configuration, its in-memory adapter',
  gateway: 'Gateway: SQLite (hashed tokens, rotation, durable before answering), audit row',
};

export interface TokenRound {
  exchanges: number;
  perSecond: number;
  latency: Summary;
  /** The server process's CPU time per exchange, ms. */
  cpuMsPerExchange: number;
}

export interface TokenEndpointResult {
  concurrency: number;
  seconds: number;
  /** rounds[server] = one TokenRound per repetition, each on fresh families. */
  rounds: Record<TokenServer, TokenRound[]>;
  /** Medians over the repetitions. */
  medians: Record<TokenServer, { perSecond: number; p50: number; p99: number }>;
  /** The gateway's group commits over the whole measurement: how many, and the writes (requests) they held. */
  groupCommit: { groups: number; writes: number } | null;
  /** Gateway ÷ reference per repetition: median and spread (min–max). */
  ratios: { throughput: { median: number; min: number; max: number }; p99: { median: number; min: number; max: number } };
}

/** One refresh exchange over a keep-alive connection: the family moves on to the new refresh token. */
function exchanger(server: ServerUnderTest, concurrency: number) {
  const url = new URL(server.url);
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const resource = String((server as ServerUnderTest & { resource?: unknown }).resource);
  const exchange = (family: Family) =>
    new Promise<void>((resolve, reject) => {
      const body = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: family.refreshToken, client_id: family.clientId, resource }).toString();
      const req = request(url, { method: 'POST', agent, headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const answer = JSON.parse(Buffer.concat(chunks).toString()) as { refresh_token?: string };
          if (res.statusCode !== 200 || !answer.refresh_token) return reject(new Error(`refresh failed: ${res.statusCode} ${JSON.stringify(answer)}`));
          family.refreshToken = answer.refresh_token;
          resolve();
        });
      });
      req.on('error', reject);
      req.end(body);
    });
  return { exchange, close: () => agent.destroy() };
}

/**
 * `concurrency` fresh refresh-token families at once, each exchanging its latest refresh token for the next (every
 * answer must be a 200 with a new refresh token) for `seconds`.
 */
export async function tokenRound(server: ServerUnderTest, concurrency: number, seconds: number): Promise<TokenRound> {
  const { families } = await server.ask<{ families: Family[] }>({ mint: concurrency });
  const { exchange, close } = exchanger(server, concurrency);
  try {
    for (const family of families) for (let i = 0; i < 3; i++) await exchange(family); // the connections, the first rotations
    const samples: number[] = [];
    const cpuBefore = await cpuMs(server.pid);
    const until = performance.now() + seconds * 1000;
    const began = performance.now();
    await Promise.all(
      families.map(async (family) => {
        while (performance.now() < until) {
          const started = performance.now();
          await exchange(family);
          samples.push(performance.now() - started);
        }
      }),
    );
    const elapsed = (performance.now() - began) / 1000;
    const cpu = (await cpuMs(server.pid)) - cpuBefore;
    return { exchanges: samples.length, perSecond: samples.length / elapsed, latency: summarize(samples), cpuMsPerExchange: cpu / samples.length };
  } finally {
    close();
  }
}

const spread = (values: number[]) => ({ median: median(values), min: Math.min(...values), max: Math.max(...values) });

/**
 * The gateway's token endpoint beside oidc-provider alone (servers/token-reference.ts), each in its own process,
 * interleaved round by round (the order alternating) so both see the same machine; each round on fresh families.
 * One untimed round each first (JIT, caches).
 */
export async function measureTokenEndpoints(options: { repetitions?: number; concurrency?: number; seconds?: number } = {}): Promise<TokenEndpointResult> {
  const { repetitions = 5, concurrency = 10, seconds = 5 } = options;
  const servers: Record<TokenServer, ServerUnderTest> = {
    reference: await spawnServer('./servers/token-reference.ts'),
    gateway: await spawnServer('./servers/token-server.ts'),
  };
  const names = Object.keys(servers) as TokenServer[];
  try {
    for (const name of names) await tokenRound(servers[name], concurrency, 2);
    const rounds: Record<TokenServer, TokenRound[]> = { reference: [], gateway: [] };
    for (let r = 0; r < repetitions; r++) {
      for (const name of r % 2 ? [...names].reverse() : names) rounds[name].push(await tokenRound(servers[name], concurrency, seconds));
    }
    const medians = Object.fromEntries(
      names.map((name) => [name, { perSecond: median(rounds[name].map((x) => x.perSecond)), p50: median(rounds[name].map((x) => x.latency.p50)), p99: median(rounds[name].map((x) => x.latency.p99)) }]),
    ) as TokenEndpointResult['medians'];
    const per = (f: (x: TokenRound) => number) => rounds.gateway.map((g, i) => f(g) / f(rounds.reference[i] ?? g));
    const { stats: groupCommit } = await servers.gateway.ask<{ stats: { groups: number; writes: number } | null }>({ stats: true });
    return { concurrency, seconds, rounds, medians, groupCommit, ratios: { throughput: spread(per((x) => x.perSecond)), p99: spread(per((x) => x.latency.p99)) } };
  } finally {
    await Promise.all(names.map((name) => servers[name].stop()));
  }
}

if (import.meta.main) {
  const result = await measureTokenEndpoints({ repetitions: Number(process.argv[2] ?? 5), seconds: Number(process.argv[3] ?? 5) });
  for (const name of Object.keys(result.rounds) as TokenServer[]) {
    process.stdout.write(`${name}: ${result.rounds[name].map((r) => `${Math.round(r.perSecond)}/s p50 ${r.latency.p50.toFixed(1)} p99 ${r.latency.p99.toFixed(1)} cpu ${r.cpuMsPerExchange.toFixed(2)}`).join(' | ')}\n`);
  }
  process.stdout.write(`ratios: ${JSON.stringify(result.ratios)}\n`);
}
