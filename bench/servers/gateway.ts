import { benchDataDir } from './data-dir.ts';
import { existsSync } from 'node:fs';
import { enableCompileCache } from 'node:module';
import type { startGateway as StartGateway } from '../../src/main/gateway.ts';
import { createLogger } from '../../src/main/log.ts';

// A gateway in its own process for the benchmark, as shipped (the built bundle when there is one, like
// bin/studio-gateway.js): prints one JSON line {url, token, tokens} and serves until killed. `--no-audit` swaps the audit
// log for a stand-in that writes nothing, to measure what auditing costs.

enableCompileCache?.();
const built = new URL('../../out/main/gateway.js', import.meta.url);
const { startGateway } = (await import(existsSync(built) && !process.env.SG_BENCH_SOURCE ? built.href : '../../src/main/gateway.ts')) as { startGateway: typeof StartGateway };
const noAudit = process.argv.includes('--no-audit');
const gateway = await startGateway({
  dataDir: benchDataDir('sg-bench-gw-'),
  port: 0,
  demo: true,
  log: createLogger({ quiet: true }),
  ...(noAudit ? { auditLog: () => ({ record: () => undefined }) } : {}),
});
// A load generator is one app making thousands of calls a second: lift its limit, as an owner could in Settings.
const lifted = await gateway.control.call('settings.update', { toolCallLimit: { burst: 10_000, perMinute: 100_000 } }, { channel: 'desktop' });
if (!lifted.ok) throw new Error(lifted.error.message);
// `--apps N`: N apps, each with its own token: a load past one app's highest limit (100,000 a minute) is spread over
// several, as several agents would make it.
const appsAt = process.argv.indexOf('--apps');
const apps = appsAt < 0 ? 1 : Number(process.argv[appsAt + 1]);
const tokens: string[] = [];
for (let i = 0; i < apps; i++) {
  const minted = await gateway.control.call('tokens.mint', { bundle: 'full-control', clientName: `bench ${i + 1}`, expiresInDays: 1 }, { channel: 'desktop' });
  if (!minted.ok) throw new Error(minted.error.message);
  tokens.push(minted.result.token);
}
process.stdout.write(`${JSON.stringify({ url: gateway.mcpUrl, token: tokens[0], tokens })}\n`);
// {stats: true} over IPC: how many group commits the gateway made, holding how many writes.
process.on('message', (message: { stats?: boolean }) => {
  if (message.stats) process.send?.({ stats: gateway.services.storage.group.stats() });
});
process.on('SIGTERM', () => void gateway.close().then(() => process.exit(0)));
