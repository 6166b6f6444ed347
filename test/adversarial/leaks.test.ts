import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOOLS } from '../../src/main/mcp/tools/index.ts';
import { startGoogleEmulator, type GoogleEmulator } from '../emulators/google.ts';
import { startZoomEmulator, type ZoomEmulator } from '../emulators/zoom.ts';
import { startTestGateway, type TestGateway } from '../support/gateway.ts';
import { KEYCHAIN } from '../support/keychain.ts';
import { bearerClient, postMcp, tokenWithScopes, toolCall } from '../support/mcp-agent.ts';
import { book, firstSession, onlineClass } from '../support/online-class.ts';
import { mcpStatus, userinfoStatus } from '../support/oauth.ts';
import { connectOAuth, drain } from '../support/providers.ts';
import { RADICALE, startRadicale, type RadicaleServer } from '../support/radicale.ts';
import { TOOL_EXAMPLES } from '../support/tool-examples/index.ts';
import { call } from '../support/tools.ts';

// No token passthrough (MCP 2025-06-18 "Security Best Practices": a server accepts only tokens issued for it), no
// bearer tokens in URLs (OAuth 2.1 §5.2), and provider secrets never reach an agent, the log or the audit log.

describe('tokens for another audience or in the URL', () => {
  let a: TestGateway;
  let b: TestGateway;
  beforeAll(async () => {
    [a, b] = await Promise.all([startTestGateway({ demo: false }), startTestGateway({ demo: false })]);
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
  });

  it("refuses a valid token of another gateway (another resource) with 401, at /mcp and UserInfo", async () => {
    const foreign = await tokenWithScopes(b, ['mcp:tools', 'read:profile']);
    expect(await mcpStatus(b, foreign)).toBe(200); // good where it was issued
    expect(await mcpStatus(a, foreign)).toBe(401);
    expect(await userinfoStatus(a, foreign)).toBe(401);
  });

  it('refuses a token in the query string, on /mcp and on UserInfo, even a valid one', async () => {
    const token = await tokenWithScopes(a, ['openid', 'mcp:tools', 'read:profile']);
    const mcp = await postMcp(`${a.gateway.mcpUrl}?access_token=${token}`, toolCall('get_profile'));
    expect(mcp.status).toBe(400);
    const userinfo = await fetch(`${a.gateway.issuer}/userinfo?access_token=${token}`);
    expect(userinfo.status).toBeGreaterThanOrEqual(400);
    expect(await userinfo.text()).not.toContain('"sub"');
  });
});

describe.runIf(KEYCHAIN && RADICALE)('provider secrets stay out of every MCP answer, the log, the audit log and the database file', () => {
  let tg: TestGateway;
  let google: GoogleEmulator;
  let zoom: ZoomEmulator;
  let radicale: RadicaleServer;
  beforeAll(async () => {
    [google, zoom, radicale] = await Promise.all([startGoogleEmulator(), startZoomEmulator(), startRadicale()]);
    tg = await startTestGateway({ demo: true });
  });
  afterAll(async () => {
    await tg?.close();
    await Promise.all([google?.close(), zoom?.close(), radicale?.stop()]);
  });

  it('after every tool runs with every scope while all providers are connected', async () => {
    await connectOAuth(tg, 'google', google);
    await connectOAuth(tg, 'zoom', zoom);
    await tg.owner.ok('connections.connectApple', { email: radicale.username, appPassword: radicale.password, serverUrl: radicale.url });
    const feed = await tg.owner.ok('feed.rotate');
    const services = tg.gateway.services;
    book(services, firstSession(services, onlineClass(services, 'zoom').id).id);
    book(services, firstSession(services, onlineClass(services, 'google_meet').id).id);
    await drain(tg);
    await tg.owner.ok('settings.update', { subscriptionTier: 'premium' });

    const bearer = await tokenWithScopes(tg, [...new Set(TOOLS.flatMap((t) => t.scopes)), 'mcp:tools']);
    const client = await bearerClient(tg.gateway.mcpUrl, bearer);
    const answers: string[] = [JSON.stringify(await client.listTools())];
    for (const tool of TOOLS) {
      const args = TOOL_EXAMPLES[tool.name]?.args(services) ?? {};
      const outcome = await call(client, tool.name, args);
      answers.push(outcome.text, JSON.stringify(outcome.data));
    }
    await client.close();
    expect(answers.join('').length).toBeGreaterThan(10_000);

    // Access tokens are refreshed, and a refused connect attempt goes on the record too.
    google.expireAccessTokens();
    zoom.expireAccessTokens();
    await tg.owner.ok('connections.refresh');
    book(services, firstSession(services, onlineClass(services, 'zoom', { title: 'After refresh' }).id).id);
    await drain(tg);
    expect(zoom.refreshTokensIssued).toBeGreaterThan(1);
    await tg.owner.call('connections.connectApple', { email: radicale.username, appPassword: 'zzzz-zzzz-zzzz-zzzz', serverUrl: radicale.url });

    const secrets = [...google.secrets(), ...zoom.secrets(), radicale.password, 'zzzz-zzzz-zzzz-zzzz', /\/feed\/([^.]+)\.ics/.exec(feed.url ?? '')?.[1] ?? 'no-feed', bearer];
    const audit = JSON.stringify(services.storage.audit.page({}, 100_000));
    const log = tg.log.lines.join('\n');
    services.storage.db.pragma('wal_checkpoint(PASSIVE)');
    const disk = Buffer.concat(['studio-gateway.sqlite', 'studio-gateway.sqlite-wal'].map((f) => join(tg.dataDir, f)).filter(existsSync).map((f) => readFileSync(f)));
    expect(disk.length).toBeGreaterThan(0);
    for (const secret of secrets) {
      if (secret !== bearer) expect(answers.some((a) => a.includes(secret)), 'an MCP answer').toBe(false);
      expect(audit.includes(secret), 'the audit log').toBe(false);
      expect(log.includes(secret), 'the log').toBe(false);
      expect(disk.includes(Buffer.from(secret)), 'the database file').toBe(false);
    }
    expect(audit).toContain('connections.connectApple');
    expect(audit).toContain('[redacted]');
  }, 120_000);
});
