import { benchDataDir } from './data-dir.ts';
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { systemClock } from '../../src/shared/clock.ts';
import { createAuthorizationServer } from '../../src/main/oauth/authorization-server.ts';
import { saveGrant } from '../../src/main/oauth/grant-scopes.ts';
import { createServices } from '../../src/main/services.ts';
import { createStorage } from '../../src/main/storage/index.ts';
import { DEMO_OWNER } from '../../src/main/studio/demo/content.ts';
import { answerMintRequests, type Family } from './families.ts';

// The reference for the token-endpoint benchmark: oidc-provider itself, the same version and the gateway's own
// configuration (createAuthorizationServer), with the library's in-memory adapter instead of the gateway's SQLite
// one, served by a bare node:http server (no audit row, no routes, no guard). Prints one JSON line {url, resource}
// and mints fresh refresh-token families when the benchmark asks (families.ts).

const storage = createStorage(join(benchDataDir('sg-bench-ref-'), 'owner.sqlite')); // the owner's account only
createServices(storage).owner.ensure(DEMO_OWNER);
const owner = storage.owner.get();
if (!owner) throw new Error('no owner');

let handler: RequestListener = (_req, res) => void res.writeHead(503).end();
const http = createServer((req, res) => handler(req, res));
await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
const mcpUrl = `${issuer}/mcp`;
const provider = createAuthorizationServer({ issuer, mcpUrl, storage, clock: systemClock, adapter: 'library-memory' });
handler = provider.callback();

const SCOPE = 'mcp:tools read:profile offline_access';

/** What the gateway's code flow ends in (test/support/oauth.ts codeFlow + exchange): a client, its grant, a refresh token. */
async function family(): Promise<Family> {
  const registered = await fetch(`${issuer}/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ client_name: 'Raw client', redirect_uris: ['http://127.0.0.1:52345/callback'] }),
  });
  const { client_id: clientId } = (await registered.json()) as { client_id: string };
  const client = await provider.Client.find(clientId);
  if (!client) throw new Error('registration failed');
  const grantId = await saveGrant(provider, { accountId: owner?.id ?? '', clientId, resource: mcpUrl, scopes: SCOPE.split(' ') });
  const token = new provider.RefreshToken({
    accountId: owner?.id ?? '',
    authTime: Math.floor(systemClock.nowMs() / 1000),
    client,
    expiresWithSession: false,
    grantId,
    gty: 'authorization_code',
    resource: mcpUrl,
    rotations: 0,
    scope: SCOPE,
  });
  return { clientId, refreshToken: await token.save() };
}

answerMintRequests(family);
process.stdout.write(`${JSON.stringify({ url: `${issuer}/token`, resource: mcpUrl })}\n`);
process.on('SIGTERM', () => {
  http.close();
  storage.close();
  process.exit(0);
});
