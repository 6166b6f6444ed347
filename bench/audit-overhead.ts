import { drive, spawnServer, type LoadResult } from './load.ts';
import { median } from './stats.ts';

const CALL = { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'list_bookings', arguments: { status: 'confirmed', limit: 5 } } };

export interface AuditOverhead {
  audited: LoadResult[];
  unaudited: LoadResult[];
  /** Median over repetitions of audited p50 / unaudited p50. */
  ratioP50: number;
}

/**
 * The same tool call through the gateway with and without the audit log, at concurrency 1, repetitions
 * interleaved so both variants see the same machine.
 */
export async function measureAuditOverhead(repetitions = 5, calls = 1500): Promise<AuditOverhead> {
  const audited = await spawnServer('./servers/gateway.ts');
  const unaudited = await spawnServer('./servers/gateway.ts', ['--no-audit']);
  try {
    await drive(audited, CALL, { total: 300, concurrency: 1 });
    await drive(unaudited, CALL, { total: 300, concurrency: 1 });
    const result: AuditOverhead = { audited: [], unaudited: [], ratioP50: 0 };
    for (let i = 0; i < repetitions; i++) {
      result.audited.push(await drive(audited, CALL, { total: calls, concurrency: 1 }));
      result.unaudited.push(await drive(unaudited, CALL, { total: calls, concurrency: 1 }));
    }
    result.ratioP50 = median(result.audited.map((a, i) => a.latency.p50 / (result.unaudited[i]?.latency.p50 ?? 1)));
    return result;
  } finally {
    await audited.stop();
    await unaudited.stop();
  }
}
