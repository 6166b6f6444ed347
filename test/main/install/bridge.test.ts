import { existsSync, readFileSync } from 'node:fs';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { McpError, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, describe, expect, it } from 'vitest';
import { nodeBridgeLauncher } from '../../../src/main/install/bridge-command.ts';
import { clientPaths } from '../../../src/main/install/client-paths.ts';
import { scopeCheck } from '../../../src/main/mcp/scope-guard.ts';
import { TOOLS } from '../../../src/main/mcp/tools/index.ts';
import { bundle } from '../../../src/shared/scopes.ts';
import { startTestGateway, type TestGateway } from '../../support/gateway.ts';
import { KEYCHAIN } from '../../support/keychain.ts';
import { tempHome } from './home.ts';

// `studio-gateway bridge` as Claude Desktop runs it: the command the one-click install wrote, started as its own
// process, spoken to over stdio by the MCP SDK's client, relaying to a real gateway.

/** What `npm run build` makes of src/main/cli.ts (./run test builds before testing). */
const BUNDLED_CLI = new URL('../../../out/main/cli.js', import.meta.url).pathname;

interface ServerEntry {
  command: string;
  args: string[];
  env?: Record<string, string>;
}

let tg: TestGateway | undefined;
const clients: Client[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) await client.close().catch(() => undefined);
  await tg?.close();
  tg = undefined;
});

/** What a desktop session gives its apps and the keychain needs (the D-Bus session of scripts/with-keychain.sh). */
const SESSION_ENV = Object.fromEntries(['DBUS_SESSION_BUS_ADDRESS', 'GNOME_KEYRING_CONTROL'].flatMap((k) => (process.env[k] ? [[k, process.env[k]]] : []))) as Record<string, string>;

/** Starts the entry the way Claude Desktop does (command, args, env) and connects an SDK client to its stdio. */
function startBridge(entry: ServerEntry) {
  const transport = new StdioClientTransport({ command: entry.command, args: entry.args, env: { ...SESSION_ENV, ...entry.env }, stderr: 'pipe' });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const client = new Client({ name: 'claude-desktop-stand-in', version: '1.0.0' });
  clients.push(client);
  return { client, connected: client.connect(transport), stderr: () => stderr };
}

const readOnlyTools = () => TOOLS.filter((t) => scopeCheck(bundle('read-only').scopes).allows(t)).map((t) => t.name);

async function rejection(promise: Promise<unknown>): Promise<McpError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof McpError)) throw new Error(`expected a JSON-RPC error, got ${String(err)}`);
  return err;
}

describe('studio-gateway bridge', () => {
  it(`relays what the install wrote: lists the bundle's tools, calls one, and after the owner revokes the key answers with a clear error (key in the ${KEYCHAIN ? 'keychain' : 'environment'})`, async () => {
    const env = tempHome();
    tg = await startTestGateway({ install: { environment: env } });
    const installed = await tg.owner.ok('install.run', { client: 'claude-desktop', bundle: 'read-only', clientName: 'Claude Desktop', expiresInDays: 1 });
    expect(installed.tokenStored).toBe(KEYCHAIN ? 'keychain' : 'config-file');
    const config = JSON.parse(readFileSync(clientPaths(env).claudeDesktop.file, 'utf8')) as { mcpServers: Record<string, ServerEntry> };
    const bridge = startBridge(config.mcpServers[installed.serverName] as ServerEntry);
    await bridge.connected;

    expect(bridge.client.getServerVersion()?.name).toBe('studio-gateway');
    expect((await bridge.client.listTools()).tools.map((t) => t.name)).toEqual(readOnlyTools());
    const bookings = (await bridge.client.callTool({ name: 'list_bookings', arguments: { limit: 2 } })) as CallToolResult;
    expect(bookings.isError).toBeFalsy();
    expect((bookings.structuredContent as { bookings: unknown[] }).bookings).toHaveLength(2);
    // The calls reached the gateway as this app.
    expect((await tg.owner.ok('apps.list')).find((a) => a.clientId === installed.clientId)?.lastUsedAt).not.toBeNull();

    await tg.owner.ok('apps.revoke', { clientId: installed.clientId });
    const refused = await rejection(bridge.client.callTool({ name: 'list_bookings', arguments: { limit: 2 } }));
    expect(refused.code).toBe(-32001);
    expect(refused.message).toContain('did not accept this agent’s access key');
    expect(refused.message).toContain('revoked it under Connected apps');
    expect(refused.message).toContain('Agent setup');
    // Still there, still answering: the next request gets the same clear answer, not a dead pipe.
    expect((await rejection(bridge.client.listTools())).code).toBe(-32001);
    expect(bridge.stderr()).toContain('did not accept this agent’s access key');
  });

  it('says the gateway is not running when nothing answers at its URL', async () => {
    tg = await startTestGateway();
    const minted = await tg.owner.ok('tokens.mint', { bundle: 'read-only', clientName: 'Stopped', expiresInDays: 1 });
    const url = tg.gateway.mcpUrl;
    await tg.close();
    tg = undefined;
    const { command, args } = nodeBridgeLauncher();
    const bridge = startBridge({ command, args: [...args, 'bridge', '--url', url], env: { STUDIO_GATEWAY_TOKEN: minted.token } });

    const err = await rejection(bridge.connected);
    expect(err.code).toBe(-32000);
    expect(err.message).toContain(`Studio Gateway is not running at ${url}`);
    expect(err.message).toContain('ECONNREFUSED');
    expect(err.message).toContain('Open the Studio Gateway app');
  });

  it('passes on the gateway’s own refusal, e.g. while the owner has paused all agents', async () => {
    tg = await startTestGateway();
    const minted = await tg.owner.ok('tokens.mint', { bundle: 'read-only', clientName: 'Paused', expiresInDays: 1 });
    const { command, args } = nodeBridgeLauncher();
    const bridge = startBridge({ command, args: [...args, 'bridge', '--url', tg.gateway.mcpUrl], env: { STUDIO_GATEWAY_TOKEN: minted.token } });
    await bridge.connected;
    await tg.owner.ok('gateway.setPaused', { paused: true });
    const err = await rejection(bridge.client.listTools());
    expect(err.code).toBe(-32007);
    expect(err.message).toContain('paused by the owner');
  });

  // The desktop app writes its Electron binary (run as Node) and out/main/cli.js: the bundle must run as a script.
  it.skipIf(!existsSync(BUNDLED_CLI))('the bundled CLI runs the bridge as a script of its own, as the desktop app starts it', async () => {
    tg = await startTestGateway();
    const minted = await tg.owner.ok('tokens.mint', { bundle: 'read-only', clientName: 'Bundled', expiresInDays: 1 });
    const bridge = startBridge({ command: process.execPath, args: [BUNDLED_CLI, 'bridge', '--url', tg.gateway.mcpUrl], env: { STUDIO_GATEWAY_TOKEN: minted.token, ELECTRON_RUN_AS_NODE: '1' } });
    await bridge.connected;
    expect((await bridge.client.listTools()).tools.map((t) => t.name)).toEqual(readOnlyTools());
  });

  it('without an access key, answers every request with what is missing instead of exiting', async () => {
    tg = await startTestGateway();
    const { command, args } = nodeBridgeLauncher();
    const bridge = startBridge({ command, args: [...args, 'bridge', '--url', tg.gateway.mcpUrl] });
    const err = await rejection(bridge.connected);
    expect(err.code).toBe(-32001);
    expect(err.message).toContain('no access key');
    expect(err.message).toContain('STUDIO_GATEWAY_TOKEN');
  });
});
