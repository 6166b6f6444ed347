import { startTestGateway } from '../test/support/gateway.ts';
import { codeFlow, exchange, tokenRequest } from '../test/support/oauth.ts';
import { summarize, type Summary } from './stats.ts';

/**
 * A refresh-token exchange end to end over HTTP (rotation, hashing, SQLite writes), one at a time: what an
 * agent waits for when its hour is up.
 */
export async function measureTokenRoundTrip(iterations = 300): Promise<Summary> {
  const tg = await startTestGateway();
  try {
    const flow = await codeFlow(tg);
    let refreshToken = (await exchange(tg, flow)).body.refresh_token;
    const samples: number[] = [];
    for (let i = 0; i < iterations; i++) {
      const started = performance.now();
      const response = await tokenRequest(tg, { grant_type: 'refresh_token', refresh_token: refreshToken, client_id: flow.clientId, resource: tg.gateway.mcpUrl });
      samples.push(performance.now() - started);
      if (response.status !== 200) throw new Error(`refresh failed: ${JSON.stringify(response.body)}`);
      refreshToken = response.body.refresh_token;
    }
    return summarize(samples.slice(20));
  } finally {
    await tg.close();
  }
}
