import { existsSync, mkdtempSync } from 'node:fs';
import { enableCompileCache } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { startGateway as StartGateway } from '../../src/main/gateway.ts';
import { movableClock } from '../../test/support/clock.ts';
import { memoryLogger, OwnerPanel, type TestGateway } from '../../test/support/gateway.ts';
import { codeFlow, exchange } from '../../test/support/oauth.ts';

// A gateway (as shipped) for the token-endpoint benchmark: `--clients N` dynamically registered clients, each
// through consent to a refresh token. Prints one JSON line {url, resource, families: [{clientId, refreshToken}]}.

enableCompileCache?.();
const built = new URL('../../out/main/gateway.js', import.meta.url);
const { startGateway } = (await import(existsSync(built) ? built.href : '../../src/main/gateway.ts')) as { startGateway: typeof StartGateway };
const count = Number(process.argv[process.argv.indexOf('--clients') + 1] ?? 10);
const dataDir = mkdtempSync(join(tmpdir(), 'sg-bench-token-'));
const log = memoryLogger();
const clock = movableClock();
const gateway = await startGateway({ dataDir, port: 0, log, clock });
const tg: TestGateway = { gateway, dataDir, log, clock, owner: await OwnerPanel.signIn(gateway.issueLoginLink(), clock), close: () => gateway.close() };
const families: { clientId: string; refreshToken: string }[] = [];
for (let i = 0; i < count; i++) {
  const flow = await codeFlow(tg);
  const tokens = await exchange(tg, flow);
  if (!tokens.body.refresh_token) throw new Error(`no refresh token: ${JSON.stringify(tokens.body)}`);
  families.push({ clientId: flow.clientId, refreshToken: tokens.body.refresh_token });
}
process.stdout.write(`${JSON.stringify({ url: `${gateway.issuer}/token`, resource: gateway.mcpUrl, families })}\n`);
process.on('SIGTERM', () => void gateway.close().then(() => process.exit(0)));
