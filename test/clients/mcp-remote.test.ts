import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bundle } from '../../src/shared/scopes.ts';
import { snippetFor } from '../../src/shared/snippets.ts';
import { TestBrowser } from '../support/browser.ts';
import { startTestGateway, type TestGateway } from '../support/gateway.ts';
import { bearerClient } from '../support/mcp-agent.ts';
import { installedBin, privateHome, toolsFor, waitFor } from './support.ts';

/**
 * mcp-remote, the stdio ↔ Streamable HTTP bridge Claude Desktop runs, started exactly as the Claude Desktop snippet
 * says (same arguments and env; the installed binary instead of `npx -y mcp-remote`), spoken to over stdio by the MCP
 * SDK's StdioClientTransport, as Claude Desktop does. Each run has its own HOME and MCP_REMOTE_CONFIG_DIR (where it
 * keeps OAuth state), and BROWSER points at a script that only records the URL: mcp-remote has no option not to open
 * a browser (it runs `open`'s xdg-open, which honours BROWSER when there is no desktop session; the child gets no
 * DISPLAY), so no real browser ever starts.
 */

const BIN = installedBin('mcp-remote', 'mcp-remote');
const SERVER = 'studio-gateway';

interface DesktopEntry {
  command: string;
  args: string[];
  env?: Record<string, string>;
}

let tg: TestGateway;
let home: ReturnType<typeof privateHome>;
let client: Client | undefined;

beforeEach(async () => {
  tg = await startTestGateway();
  home = privateHome('sg-mcp-remote-');
});
afterEach(async () => {
  await client?.close();
  client = undefined;
  await tg.close();
  home.remove();
});

/** The Claude Desktop snippet's server entry, checked to be `npx -y mcp-remote …` so the substitution below is exact. */
function desktopEntry(token: string | null): DesktopEntry {
  const config = JSON.parse(snippetFor('claude-desktop', tg.gateway.mcpUrl, SERVER, token).text) as { mcpServers: Record<string, DesktopEntry> };
  const entry = config.mcpServers[SERVER];
  if (!entry) throw new Error('the snippet has no entry for the server');
  expect([entry.command, ...entry.args.slice(0, 2)]).toEqual(['npx', '-y', 'mcp-remote']);
  return entry;
}

/** Starts mcp-remote as Claude Desktop would from this entry and connects an MCP client to it over stdio. */
function startBridge(entry: DesktopEntry) {
  const opened = join(home.dir, 'opened-urls');
  const browser = join(home.dir, 'browser.sh');
  writeFileSync(browser, `#!/bin/sh\nprintf '%s\\n' "$1" >> '${opened}'\n`, { mode: 0o755 });
  const configDir = join(home.dir, '.mcp-auth');
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [BIN as string, ...entry.args.slice(2)],
    env: { ...entry.env, HOME: home.dir, MCP_REMOTE_CONFIG_DIR: configDir, BROWSER: browser },
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  client = new Client({ name: 'claude-desktop-stand-in', version: '1.0.0' });
  return {
    connected: client.connect(transport),
    client,
    stderr: () => stderr,
    openedUrls: () => (existsSync(opened) ? readFileSync(opened, 'utf8').split('\n').filter(Boolean) : []),
    storedFiles: () => (existsSync(configDir) ? readdirSync(configDir, { recursive: true, encoding: 'utf8' }) : []),
  };
}

const text = (result: CallToolResult) => result.content.map((part) => (part.type === 'text' ? part.text : '')).join('\n');

describe.skipIf(!BIN)('mcp-remote from the Claude Desktop setup snippet (a bearer token for one bundle)', () => {
  it('lists the bundle’s tools and calls one; a tool outside the bundle comes back at once as a tool error naming the scope and Agent setup, with no OAuth flow and no new app', async () => {
    const minted = await tg.owner.ok('tokens.mint', { bundle: 'read-only', clientName: 'Claude Desktop', expiresInDays: 1 });
    const appsBefore = (await tg.owner.ok('apps.list')).map((app) => app.clientId).sort();
    const bridge = startBridge(desktopEntry(minted.token));
    await bridge.connected;

    const listed = (await bridge.client.listTools()).tools.map((tool) => tool.name);
    expect(listed).toEqual(toolsFor(bundle('read-only').scopes));

    const profile = (await bridge.client.callTool({ name: 'get_profile', arguments: {} })) as CallToolResult;
    expect(profile.isError).toBeFalsy();
    const direct = await bearerClient(tg.gateway.mcpUrl, minted.token);
    const expected = (await direct.callTool({ name: 'get_profile', arguments: {} })) as CallToolResult;
    await direct.close();
    expect(profile.structuredContent).toEqual(expected.structuredContent);
    expect(profile.structuredContent).toMatchObject({ email: expect.stringContaining('@') });

    const refused = (await bridge.client.callTool({ name: 'update_profile', arguments: { name: 'Renamed through mcp-remote' } })) as CallToolResult;
    expect(refused.isError).toBe(true);
    expect(text(refused)).toContain('Missing scope write:profile');
    expect(text(refused)).toContain('Agent setup');

    // Nothing changed, nothing started: no profile change, no registration, no consent request, no browser, no OAuth state.
    const again = (await bridge.client.callTool({ name: 'get_profile', arguments: {} })) as CallToolResult;
    expect(again.structuredContent).toEqual(expected.structuredContent);
    expect((await tg.owner.ok('apps.list')).map((app) => app.clientId).sort()).toEqual(appsBefore);
    expect(await tg.owner.ok('consent.list')).toEqual([]);
    expect(bridge.openedUrls()).toEqual([]);
    expect(bridge.stderr()).not.toContain('Please authorize');
    expect(bridge.storedFiles().filter((file) => /client_info|tokens/.test(file))).toEqual([]);
  });
});

/**
 * The owner's side of one authorization: the browser opens the URL mcp-remote opened and reaches the gateway's
 * waiting page, the owner decides in the panel, and the browser goes on to mcp-remote's loopback callback.
 */
async function ownerDecides(url: string, decision: { decision: 'approve'; scopes: string[] } | { decision: 'deny' }) {
  const authorize = new URL(url);
  expect(`${authorize.origin}${authorize.pathname}`).toBe(`${tg.gateway.issuer}/authorize`);
  const browser = new TestBrowser(tg.gateway.issuer);
  const waiting = await browser.navigate(authorize);
  expect(waiting.status).toBe(200);
  expect(waiting.url.pathname).toMatch(/^\/interaction\//);
  const request = (await tg.owner.ok('consent.list')).at(-1);
  if (!request) throw new Error('no consent request appeared');
  await tg.owner.ok('consent.decide', { requestId: request.id, ...decision });
  const landing = await browser.navigate(waiting.url);
  const redirect = new URL(authorize.searchParams.get('redirect_uri') ?? '');
  expect(`${landing.url.origin}${landing.url.pathname}`).toBe(`${redirect.origin}${redirect.pathname}`);
  const callback = await fetch(landing.url);
  return { authorize, request, redirect, landing, callback: { status: callback.status, body: await callback.text() } };
}

describe.skipIf(!BIN)('mcp-remote from the Claude Desktop OAuth snippet (no token)', () => {
  it('registers, opens the authorization URL, and after the owner approves in the panel lists exactly the approved scopes’ tools', async () => {
    const bridge = startBridge(desktopEntry(null));
    bridge.connected.catch(() => undefined);

    // mcp-remote registers and "opens a browser": the recording script gets the authorization URL.
    const [url = ''] = await waitFor(() => (bridge.openedUrls().length ? bridge.openedUrls() : undefined), 'mcp-remote to open the authorization URL');
    expect(bridge.stderr()).toContain('Please authorize this client by visiting:');
    // (It says so once the opener it ran has exited, which may be just after the URL was recorded.)
    await waitFor(() => (bridge.stderr().includes('Browser opened automatically.') ? true : undefined), 'mcp-remote to say it opened the browser');
    expect(new URL(url).searchParams.get('code_challenge_method')).toBe('S256');
    expect(new URL(url).searchParams.get('resource')).toBe(tg.gateway.mcpUrl);

    // The owner approves part of what it asks for; the browser brings the code to mcp-remote, which connects.
    const approved = ['mcp:tools', 'read:profile', 'read:classes'];
    const { request, redirect, landing, callback } = await ownerDecides(url, { decision: 'approve', scopes: approved });
    expect(request.clientName).toBe('MCP CLI Proxy');
    expect(request.redirectHost).toBe(redirect.host);
    expect(request.requestedScopes.map((s) => s.name)).toEqual(expect.arrayContaining(approved));
    expect(landing.url.searchParams.get('code')).toBeTruthy();
    expect(callback.status).toBe(200);
    expect(callback.body).toContain('Authorization successful');
    await bridge.connected;

    const listed = (await bridge.client.listTools()).tools.map((tool) => tool.name);
    expect(listed).toEqual(toolsFor(approved));
    const profile = (await bridge.client.callTool({ name: 'get_profile', arguments: {} })) as CallToolResult;
    expect(profile.isError).toBeFalsy();
    expect(profile.structuredContent).toMatchObject({ email: expect.stringContaining('@') });

    const apps = await tg.owner.ok('apps.list');
    expect(apps).toHaveLength(1);
    expect(apps[0]).toMatchObject({ clientId: request.clientId, origin: 'registration' });
    expect([...(apps[0]?.scopes ?? [])].sort()).toEqual([...approved].sort());
    expect(bridge.storedFiles().some((file) => file.endsWith('_tokens.json'))).toBe(true);
    expect(bridge.openedUrls()).toHaveLength(1);
  });

  it('a call outside the grant asks the owner for the missing scope (step-up, in the browser again); once approved, the same call completes', async () => {
    const bridge = startBridge(desktopEntry(null));
    bridge.connected.catch(() => undefined);
    const [first = ''] = await waitFor(() => (bridge.openedUrls().length ? bridge.openedUrls() : undefined), 'the first authorization URL');
    await ownerDecides(first, { decision: 'approve', scopes: ['mcp:tools', 'read:profile'] });
    await bridge.connected;
    expect((await bridge.client.listTools()).tools.map((tool) => tool.name)).toEqual(toolsFor(['read:profile']));

    const call = bridge.client.callTool({ name: 'list_clients', arguments: { limit: 1 } });
    const [, second = ''] = await waitFor(() => (bridge.openedUrls().length > 1 ? bridge.openedUrls() : undefined), 'the step-up authorization URL');
    expect(new URL(second).searchParams.get('scope')?.split(' ')).toContain('read:clients');
    const { request } = await ownerDecides(second, { decision: 'approve', scopes: ['read:clients'] });
    expect(request.alreadyGranted.map((s) => s.name).sort()).toEqual(['mcp:tools', 'read:profile']);

    const result = (await call) as CallToolResult;
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ clients: [expect.objectContaining({ id: expect.any(String) })] });
    const apps = await tg.owner.ok('apps.list');
    expect(apps).toHaveLength(1);
    expect([...(apps[0]?.scopes ?? [])].sort()).toEqual(['mcp:tools', 'read:clients', 'read:profile']);
  });

  it('when the owner denies, mcp-remote is told why at its callback and stops (closes the connection instead of waiting on); no app is connected', async () => {
    const bridge = startBridge(desktopEntry(null));
    const outcome = bridge.connected.then(
      () => 'connected',
      (err: unknown) => String(err),
    );
    const [url = ''] = await waitFor(() => (bridge.openedUrls().length ? bridge.openedUrls() : undefined), 'mcp-remote to open the authorization URL');
    const { landing, callback } = await ownerDecides(url, { decision: 'deny' });
    expect(landing.url.searchParams.get('error')).toBe('access_denied');
    expect(callback.status).toBe(400);
    expect(callback.body).toContain('the owner denied this request');

    expect(await outcome).toMatch(/Connection closed/);
    expect(bridge.stderr()).toContain('access_denied - the owner denied this request');
    expect(await tg.owner.ok('apps.list')).toEqual([]);
    expect(bridge.storedFiles().some((file) => file.endsWith('_tokens.json'))).toBe(false);
  });
});
