import { connectClient, driveToolCalls, rssMiB, spawnServer, type LoadResult, type ServerUnderTest } from './mcp-load.ts';
import { median } from './stats.ts';

const CALL = { name: 'list_bookings', arguments: { status: 'confirmed', limit: 5 } };
export const CONCURRENCY = [1, 8, 32] as const;

export type Variant = 'bare' | 'gatewayNoAudit' | 'gateway';
export const VARIANTS: Record<Variant, string> = {
  bare: 'Bare MCP SDK server (no auth, no audit)',
  gatewayNoAudit: 'Gateway, audit log replaced by a no-op',
  gateway: 'Gateway: bearer check, scope check, audit row',
};

export interface ToolCallResult {
  /** runs[variant][concurrency] = one LoadResult per repetition. */
  runs: Record<Variant, Record<number, LoadResult[]>>;
  /** Medians over repetitions. */
  medians: Record<Variant, Record<number, { p50: number; p99: number; callsPerSecond: number; p50Range: [number, number] }>>;
  /** Gateway ÷ bare: p50 and p99 at each concurrency, throughput at 32 (median of per-repetition ratios). */
  ratios: Record<number, { p50: number; p99: number; throughput: number }>;
  rssMiB: { gatewayIdle: number; gatewayAfterLoad: number; bareAfterLoad: number };
}

/**
 * The same read tool, side by side in one run: a bare SDK server, the gateway without its audit log, and the
 * gateway as shipped, each in its own process, driven by the SDK client from this process. Repetitions are
 * interleaved (bare, no-audit, gateway, bare, …) so all see the same machine.
 */
export async function measureToolCalls(repetitions = 5, callsPerRun = 1500): Promise<ToolCallResult> {
  const servers: Record<Variant, ServerUnderTest> = {
    bare: await spawnServer('./servers/bare-sdk.ts'),
    gatewayNoAudit: await spawnServer('./servers/gateway.ts', ['--no-audit']),
    gateway: await spawnServer('./servers/gateway.ts'),
  };
  try {
    const gatewayIdle = await rssMiB(servers.gateway.pid);
    const variants = Object.keys(servers) as Variant[];
    const clients = Object.fromEntries(await Promise.all(variants.map(async (v) => [v, await connectClient(servers[v])] as const))) as Record<Variant, Awaited<ReturnType<typeof connectClient>>>;
    const runs = Object.fromEntries(variants.map((v) => [v, Object.fromEntries(CONCURRENCY.map((c) => [c, [] as LoadResult[]]))])) as ToolCallResult['runs'];
    for (const v of variants) await driveToolCalls(clients[v], CALL, { total: 500, concurrency: 8 }); // warm up (JIT, caches)
    for (const concurrency of CONCURRENCY) {
      for (let r = 0; r < repetitions; r++) {
        for (const v of variants) runs[v][concurrency]?.push(await driveToolCalls(clients[v], CALL, { total: callsPerRun, concurrency }));
      }
    }
    const rss = { gatewayIdle, gatewayAfterLoad: await rssMiB(servers.gateway.pid), bareAfterLoad: await rssMiB(servers.bare.pid) };
    await Promise.all(variants.map((v) => clients[v].close()));

    const medians = Object.fromEntries(
      variants.map((v) => [
        v,
        Object.fromEntries(
          CONCURRENCY.map((c) => {
            const list = runs[v][c] ?? [];
            const p50s = list.map((x) => x.latency.p50);
            return [c, { p50: median(p50s), p99: median(list.map((x) => x.latency.p99)), callsPerSecond: median(list.map((x) => x.callsPerSecond)), p50Range: [Math.min(...p50s), Math.max(...p50s)] }];
          }),
        ),
      ]),
    ) as ToolCallResult['medians'];
    const ratios = Object.fromEntries(
      CONCURRENCY.map((c) => {
        const gw = runs.gateway[c] ?? [];
        const bare = runs.bare[c] ?? [];
        const per = (f: (x: LoadResult) => number) => median(gw.map((g, i) => f(g) / f(bare[i] ?? g)));
        return [c, { p50: per((x) => x.latency.p50), p99: per((x) => x.latency.p99), throughput: per((x) => x.callsPerSecond) }];
      }),
    ) as ToolCallResult['ratios'];
    return { runs, medians, ratios, rssMiB: rss };
  } finally {
    await Promise.all(Object.values(servers).map((s) => s.stop()));
  }
}
