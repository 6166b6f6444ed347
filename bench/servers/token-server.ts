import { benchDataDir } from './data-dir.ts';
import { existsSync } from 'node:fs';
import { enableCompileCache } from 'node:module';
import type { startGateway as StartGateway } from '../../src/main/gateway.ts';
import { movableClock } from '../../test/support/clock.ts';
import { memoryLogger, OwnerPanel, type TestGateway } from '../../test/support/gateway.ts';
import { codeFlow, exchange } from '../../test/support/oauth.ts';
import { answerMintRequests } from './families.ts';

// A gateway (as shipped) for the token-endpoint benchmark. Prints one JSON line {url, resource}; each family the
// benchmark asks for (families.ts) is a dynamically registered client taken through consent to a refresh token.

enableCompileCache?.();
const built = new URL('../../out/main/gateway.js', import.meta.url);
const { startGateway } = (await import(existsSync(built) && !process.env.SG_BENCH_SOURCE ? built.href : '../../src/main/gateway.ts')) as { startGateway: typeof StartGateway };
const dataDir = benchDataDir('sg-bench-token-');
const log = memoryLogger();
const clock = movableClock();
// A round registers and authorizes its own families: lift the registration and authorization limits, as tests that run
// many OAuth flows against one gateway do.
const lifted = { burst: 100_000, perMinute: 100_000 };
const gateway = await startGateway({ dataDir, port: 0, log, clock, oauthRequestLimits: { registration: lifted, authorization: lifted } });
const tg: TestGateway = { gateway, dataDir, log, clock, owner: await OwnerPanel.signIn(gateway.issueLoginLink(), clock), close: () => gateway.close() };
answerMintRequests(async () => {
  const flow = await codeFlow(tg);
  const tokens = await exchange(tg, flow);
  if (!tokens.body.refresh_token) throw new Error(`no refresh token: ${JSON.stringify(tokens.body)}`);
  return { clientId: flow.clientId, refreshToken: tokens.body.refresh_token };
}, () => gateway.services.storage.group.stats());
process.stdout.write(`${JSON.stringify({ url: `${gateway.issuer}/token`, resource: gateway.mcpUrl })}\n`);
process.on('SIGTERM', () => void gateway.close().then(() => process.exit(0)));
