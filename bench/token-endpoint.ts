import { spawnServer } from './mcp-load.ts';
import { summarize, type Summary } from './stats.ts';

export interface TokenEndpointResult {
  concurrency: number;
  exchanges: number;
  perSecond: number;
  latency: Summary;
}

/**
 * Refresh-token exchanges against the gateway's token endpoint over HTTP (client lookup, rotation, the old
 * token consumed and the new one stored hashed, all in SQLite), `concurrency` token families at once, each
 * exchanging its latest refresh token for the next for `seconds`. Every answer must be a 200 with a new token.
 */
export async function measureTokenEndpoint(concurrency = 10, seconds = 10): Promise<TokenEndpointResult> {
  const server = await spawnServer('./servers/token-server.ts', ['--clients', String(concurrency)]);
  const families = server.families as { clientId: string; refreshToken: string }[];
  const resource = String(server.resource);
  const exchange = async (family: { clientId: string; refreshToken: string }) => {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: family.refreshToken, client_id: family.clientId, resource }),
    });
    const body = (await response.json()) as { refresh_token?: string };
    if (response.status !== 200 || !body.refresh_token) throw new Error(`refresh failed: ${response.status} ${JSON.stringify(body)}`);
    family.refreshToken = body.refresh_token;
  };
  try {
    for (const family of families) for (let i = 0; i < 20; i++) await exchange(family); // warm up
    const samples: number[] = [];
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
    return { concurrency, exchanges: samples.length, perSecond: samples.length / elapsed, latency: summarize(samples) };
  } finally {
    await server.stop();
  }
}
