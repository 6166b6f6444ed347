import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TOOLS } from '../../../src/main/mcp/tools/index.ts';
import { scopeCheck } from '../../../src/main/mcp/scope-guard.ts';
import { bundle } from '../../../src/shared/scopes.ts';
import { startTestGateway, type TestGateway } from '../../support/gateway.ts';
import { bearerClient, INITIALIZE, postMcp } from '../../support/mcp-agent.ts';

let tg: TestGateway;
beforeEach(async () => {
  tg = await startTestGateway();
});
afterEach(async () => {
  await tg.close();
});

describe('setup-snippet tokens', () => {
  it('mints a token carrying exactly its bundle, listed under connected apps and revoked the same way', async () => {
    const minted = await tg.owner.ok('tokens.mint', { bundle: 'read-only', clientName: 'Claude Desktop', expiresInDays: 30 });
    expect(minted.mcpUrl).toBe(tg.gateway.mcpUrl);
    expect(minted.scopes.sort()).toEqual(bundle('read-only').scopes.filter((s) => s !== 'offline_access').sort());
    const expires = Date.parse(minted.expiresAt) - Date.now();
    expect(Math.abs(expires - 30 * 86_400_000)).toBeLessThan(60_000);

    const client = await bearerClient(tg.gateway.mcpUrl, minted.token);
    const readOnly = scopeCheck(bundle('read-only').scopes);
    const expected = TOOLS.filter((t) => readOnly.allows(t)).map((t) => t.name);
    expect((await client.listTools()).tools.map((t) => t.name)).toEqual(expected);
    expect(expected).toContain('list_bookings');
    expect(expected).not.toContain('create_booking');
    const [listed] = await tg.owner.ok('apps.list');
    expect(listed).toMatchObject({ clientId: minted.clientId, name: 'Claude Desktop', origin: 'setup-snippet' });

    await tg.owner.ok('apps.revoke', { clientId: minted.clientId });
    const after = await postMcp(tg.gateway.mcpUrl, INITIALIZE, { authorization: `Bearer ${minted.token}` });
    expect(after.status).toBe(401);
    await client.close();
  });

  it('gives each snippet a unique client name', async () => {
    const a = await tg.owner.ok('tokens.mint', { bundle: 'default', clientName: 'Cursor', expiresInDays: 7 });
    const b = await tg.owner.ok('tokens.mint', { bundle: 'default', clientName: 'Cursor', expiresInDays: 7 });
    expect([a.clientName, b.clientName]).toEqual(['Cursor', 'Cursor (2)']);
  });

  it('mints a custom bundle and always adds mcp:tools', async () => {
    const minted = await tg.owner.ok('tokens.mint', { bundle: 'custom', scopes: ['write:profile'], clientName: 'Scripts', expiresInDays: 1 });
    expect(minted.scopes.sort()).toEqual(['mcp:tools', 'write:profile']);
    const client = await bearerClient(tg.gateway.mcpUrl, minted.token);
    expect((await client.listTools()).tools.map((t) => t.name).sort()).toEqual(TOOLS.filter((t) => t.scopes.some((s) => s.endsWith(':profile'))).map((t) => t.name).sort());
    await client.close();
  });

  it('refuses bad input with the field at fault and mints nothing', async () => {
    const unknownScope = await tg.owner.call('tokens.mint', { bundle: 'custom', scopes: ['admin:write'], clientName: 'X', expiresInDays: 1 });
    expect(unknownScope).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(!unknownScope.ok && unknownScope.error.message).toContain('scopes.0');
    const tooLong = await tg.owner.call('tokens.mint', { bundle: 'default', clientName: 'X', expiresInDays: 400 });
    expect(!tooLong.ok && tooLong.error.message).toContain('expiresInDays');
    const mixed = await tg.owner.call('tokens.mint', { bundle: 'default', scopes: ['read:profile'], clientName: 'X', expiresInDays: 1 });
    expect(mixed).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await tg.owner.ok('apps.list')).toEqual([]);
  });
});
