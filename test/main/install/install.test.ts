import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KeychainUnavailableError, keytarKeyStore, type VaultKeyStore } from '../../../src/main/providers/vault/key-store.ts';
import type { InstallResult } from '../../../src/shared/control-api.ts';
import { clientPaths, type InstallEnvironment } from '../../../src/main/install/client-paths.ts';
import { startTestGateway, type TestGateway } from '../../support/gateway.ts';
import { KEYCHAIN } from '../../support/keychain.ts';
import { changed, recordingHost, snapshot, tempHome } from './home.ts';

// One-click install through the owner's control calls, against real files in a temporary home: what is written where,
// what is kept, the backup, and what a refusal leaves (nothing).

const CLAUDE_BIN_DIR = new URL('../../../node_modules/.bin/', import.meta.url).pathname;
const HAS_CLAUDE = existsSync(join(CLAUDE_BIN_DIR, 'claude'));

let tg: TestGateway | undefined;
afterEach(async () => {
  await tg?.close();
  tg = undefined;
});

const noKeychain: VaultKeyStore = {
  name: 'no keychain',
  getKey: () => Promise.reject(new KeychainUnavailableError('none in this test')),
  setKey: () => Promise.reject(new KeychainUnavailableError('none in this test')),
};

async function gatewayFor(env: InstallEnvironment, keychain: VaultKeyStore = noKeychain) {
  const host = recordingHost(env);
  tg = await startTestGateway({ install: { ...host, keychain } });
  return { tg, host };
}

const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown> & { mcpServers: Record<string, Record<string, unknown>> };
const install = (t: TestGateway, client: string, clientName: string, bundle = 'read-only') => t.owner.call('install.run', { client, bundle, clientName, expiresInDays: 30 });
async function installed(t: TestGateway, client: string, clientName: string): Promise<InstallResult> {
  const result = await install(t, client, clientName);
  if (!result.ok) throw new Error(`install.run failed: ${result.error.message}`);
  return result.result;
}

const EXISTING = {
  globalShortcut: 'Ctrl+Space',
  preferences: { menuBarEnabled: true },
  mcpServers: {
    filesystem: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-filesystem', '/Users/ana/Desktop'] },
    'studio-gateway': { command: 'some-other-tool', args: [] },
  },
};

describe('install.targets', () => {
  it('lists the four clients with how each is installed, where it goes, and whether it is on this computer', async () => {
    const env = tempHome();
    const { tg } = await gatewayFor(env);
    const paths = clientPaths(env);
    let targets = await tg.owner.ok('install.targets');
    expect(targets.map((t) => [t.client, t.method, t.path, t.detected, t.available])).toEqual([
      ['claude-desktop', 'file', paths.claudeDesktop.file, false, true],
      ['claude-code', 'command', paths.claudeCode.file, false, false],
      ['cursor', 'file', paths.cursor.file, false, true],
      ['vscode', 'link', null, false, true],
    ]);
    expect(targets.find((t) => t.client === 'claude-code')?.problem).toContain('claude command was not found');
    const preview = JSON.parse(targets.find((t) => t.client === 'claude-desktop')?.preview ?? '{}') as { mcpServers: Record<string, { args: string[] }> };
    expect(preview.mcpServers['studio-gateway']?.args).toEqual([expect.stringMatching(/studio-gateway\.js$/), 'bridge', '--url', tg.gateway.mcpUrl, '--keychain', 'agent-access-key:…']);

    mkdirSync(paths.claudeDesktop.dir, { recursive: true });
    mkdirSync(paths.cursor.dir);
    mkdirSync(paths.vscode.dir, { recursive: true });
    targets = await tg.owner.ok('install.targets');
    expect(targets.filter((t) => t.detected).map((t) => t.client)).toEqual(['claude-desktop', 'cursor', 'vscode']);
  });
});

describe('install.run into a config file', () => {
  it('Claude Desktop: merges the bridge into an existing file, keeping every other server and key, after a backup', async () => {
    const env = tempHome();
    const { tg } = await gatewayFor(env);
    const file = clientPaths(env).claudeDesktop.file;
    mkdirSync(dirname(file), { recursive: true });
    const before = `${JSON.stringify(EXISTING, null, 4)}\n`;
    writeFileSync(file, before, { mode: 0o640 });
    const home = snapshot(env.home);

    const result = await installed(tg, 'claude-desktop', 'Claude Desktop');

    // The server that was already called studio-gateway is someone else's: kept, and ours is studio-gateway-2.
    expect(result.serverName).toBe('studio-gateway-2');
    const config = readJson(file);
    expect(config.globalShortcut).toBe('Ctrl+Space');
    expect(config.preferences).toEqual(EXISTING.preferences);
    expect(config.mcpServers.filesystem).toEqual(EXISTING.mcpServers.filesystem);
    expect(config.mcpServers['studio-gateway']).toEqual(EXISTING.mcpServers['studio-gateway']);
    expect(config.mcpServers['studio-gateway-2']).toEqual({
      command: process.execPath,
      args: [expect.stringMatching(/bin\/studio-gateway\.js$/), 'bridge', '--url', tg.gateway.mcpUrl],
      env: { STUDIO_GATEWAY_TOKEN: expect.any(String) },
    });
    expect(result.tokenStored).toBe('config-file');
    expect(statSync(file).mode & 0o777).toBe(0o640);

    // The backup holds the file exactly as it was; it and the file are all that changed in the whole home.
    expect(result.backupPath).toMatch(/claude_desktop_config\.json\.backup-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d$/);
    expect(readFileSync(result.backupPath ?? '', 'utf8')).toBe(before);
    const rel = (p: string) => p.slice(env.home.length + 1);
    expect(changed(home, snapshot(env.home))).toEqual([rel(file), rel(result.backupPath ?? '')].sort());
    expect(readdirSync(dirname(file)).filter((name) => name.endsWith('.tmp'))).toEqual([]);

    expect(result.message).toContain('Added to Claude Desktop');
    expect(result.message).toContain('Restart Claude Desktop');
    expect(result.message).toContain(`Your previous settings were saved as ${result.backupPath}`);
    const apps = await tg.owner.ok('apps.list');
    expect(apps.find((a) => a.clientId === result.clientId)).toMatchObject({ name: 'Claude Desktop', origin: 'setup-snippet' });
    const audit = await tg.owner.ok('audit.list', { endpoint: 'install.run', limit: 5 });
    expect(audit.rows.map((r) => [r.status, r.clientId])).toEqual([['ok', result.clientId]]);
  });

  it.skipIf(!KEYCHAIN)('Claude Desktop with a keychain: the file names the keychain entry, and the key is not in it', async () => {
    const env = tempHome();
    const { tg } = await gatewayFor(env, keytarKeyStore());
    const result = await installed(tg, 'claude-desktop', 'Claude Desktop');
    const file = clientPaths(env).claudeDesktop.file;
    const server = readJson(file).mcpServers['studio-gateway'];
    expect(server?.args).toEqual([expect.any(String), 'bridge', '--url', tg.gateway.mcpUrl, '--keychain', `agent-access-key:${result.clientId}`]);
    expect(server?.env).toBeUndefined();
    expect(result.tokenStored).toBe('keychain');
    expect(result.message).toContain('kept in your system keychain');
    expect(result.backupPath).toBeNull();
    expect(result.message).toContain(`Studio Gateway created ${file}`);
    // A new file is the user's alone.
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const stored = await keytarKeyStore().getKey(`agent-access-key:${result.clientId}`);
    expect(stored?.toString('utf8')).toMatch(/^[\w-]{20,}$/);
    expect(readFileSync(file, 'utf8')).not.toContain(stored?.toString('utf8'));
  });

  it('refuses a file that is not valid JSON: nothing is written, no app is made, the file stays as it was', async () => {
    const env = tempHome();
    const { tg } = await gatewayFor(env);
    const file = clientPaths(env).claudeDesktop.file;
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, '{ "mcpServers": { "filesystem": { "command": "npx", } }');
    const home = snapshot(env.home);
    const appsBefore = await tg.owner.ok('apps.list');

    const result = await install(tg, 'claude-desktop', 'Claude Desktop');

    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid_config');
    expect(result.error.message).toContain(`${file} is not valid JSON`);
    expect(result.error.message).toContain('changed nothing');
    expect(changed(home, snapshot(env.home))).toEqual([]);
    expect(await tg.owner.ok('apps.list')).toEqual(appsBefore);
    const audit = await tg.owner.ok('audit.list', { endpoint: 'install.run', limit: 5 });
    expect(audit.rows.map((r) => [r.status, r.reason])).toEqual([['refused', 'invalid_config']]);
  });

  it('refuses a file whose mcpServers is not an object, and a JSON array, the same way', async () => {
    const env = tempHome();
    const { tg } = await gatewayFor(env);
    const file = clientPaths(env).cursor.file;
    mkdirSync(dirname(file), { recursive: true });
    for (const text of ['{ "mcpServers": [] }', '[]']) {
      writeFileSync(file, text);
      const result = await install(tg, 'cursor', 'Cursor');
      expect(result.ok ? 'installed' : result.error.code).toBe('invalid_config');
      expect(readFileSync(file, 'utf8')).toBe(text);
    }
    expect(await tg.owner.ok('apps.list')).toEqual([]);
  });

  it('Cursor: creates ~/.cursor/mcp.json with the url and header, then merges a second app beside the first', async () => {
    const env = tempHome();
    const { tg } = await gatewayFor(env);
    const file = clientPaths(env).cursor.file;

    const first = await installed(tg, 'cursor', 'Cursor');
    expect(first.backupPath).toBeNull();
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const minted = readJson(file).mcpServers['studio-gateway'] as { url: string; headers: { Authorization: string } };
    expect(minted.url).toBe(tg.gateway.mcpUrl);
    expect(minted.headers.Authorization).toMatch(/^Bearer [\w-]+$/);
    expect(first.message).toContain('Added to Cursor');

    const second = await installed(tg, 'cursor', 'Front desk');
    expect(second.serverName).toBe('studio-gateway-front-desk');
    const config = readJson(file);
    expect(Object.keys(config.mcpServers)).toEqual(['studio-gateway', 'studio-gateway-front-desk']);
    expect(config.mcpServers['studio-gateway']).toEqual(minted);
    expect(readFileSync(second.backupPath ?? '', 'utf8')).toContain(minted.headers.Authorization);

    // The headers work: the first app's token reaches its tools.
    const answer = await fetch(tg.gateway.mcpUrl, {
      method: 'POST',
      headers: { authorization: minted.headers.Authorization, 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    expect(answer.status).toBe(200);
  });

  it('writes through a symlinked config file (a dotfiles manager’s) and leaves the link in place', async () => {
    const env = tempHome();
    const { tg } = await gatewayFor(env);
    const file = clientPaths(env).cursor.file;
    const real = join(env.home, 'dotfiles', 'cursor-mcp.json');
    mkdirSync(dirname(real), { recursive: true });
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(real, '{"mcpServers":{}}');
    symlinkSync(real, file);

    await installed(tg, 'cursor', 'Cursor');
    expect(readJson(file).mcpServers['studio-gateway']).toBeDefined();
    expect(readJson(real).mcpServers['studio-gateway']).toBeDefined();
  });

  it('macOS layout on real files: the Claude Desktop config goes under Library/Application Support/Claude', async () => {
    const env = tempHome('darwin');
    const { tg } = await gatewayFor(env);
    const result = await installed(tg, 'claude-desktop', 'Claude Desktop');
    expect(result.path).toBe(join(env.home, 'Library', 'Application Support', 'Claude', 'claude_desktop_config.json'));
    expect(readJson(result.path ?? '').mcpServers['studio-gateway']).toBeDefined();
  });

  it('a failure after the key is made (a file where the client’s folder should be): a clear refusal, and the app is revoked again', async () => {
    const env = tempHome();
    const { tg } = await gatewayFor(env);
    writeFileSync(clientPaths(env).cursor.dir, 'not a folder');
    const home = snapshot(env.home);

    const result = await install(tg, 'cursor', 'Cursor');

    expect(result.ok ? 'installed' : result.error.code).toBe('install_failed');
    if (result.ok) return;
    expect(result.error.message).toContain('could not install in Cursor');
    expect(result.error.message).toContain('The access key it made was revoked');
    expect(await tg.owner.ok('apps.list')).toEqual([]);
    expect(changed(home, snapshot(env.home))).toEqual([]);
  });
});

describe('install.run through the client’s own way', () => {
  it('VS Code: its install link with the server and a password input, no key in it; the key is handed to the owner for the prompt', async () => {
    const env = tempHome();
    const { tg, host } = await gatewayFor(env);
    const home = snapshot(env.home);
    const result = await installed(tg, 'vscode', 'VS Code');

    expect(result.method).toBe('link');
    expect(result.opened).toBe(true);
    expect(host.opened).toEqual([result.link]);
    const link = result.link ?? '';
    expect(link.startsWith('vscode:mcp/install?')).toBe(true);
    expect(JSON.parse(decodeURIComponent(link.slice('vscode:mcp/install?'.length)))).toEqual({
      name: 'studioGateway',
      type: 'http',
      url: tg.gateway.mcpUrl,
      headers: { Authorization: 'Bearer ${input:studioGateway-token}' },
      inputs: [{ type: 'promptString', id: 'studioGateway-token', description: expect.any(String), password: true }],
    });
    expect(result.token).toMatch(/^[\w-]{20,}$/);
    expect(link).not.toContain(result.token);
    expect(result.tokenStored).toBe('prompt');
    expect(result.message).toContain('choose Install');
    expect(changed(home, snapshot(env.home))).toEqual([]);
  });

  it('VS Code without a host that opens links (the web panel): the link is returned unopened for the page to open', async () => {
    const env = tempHome();
    tg = await startTestGateway({ install: { environment: env, keychain: noKeychain } });
    const result = await installed(tg, 'vscode', 'VS Code');
    expect(result.opened).toBe(false);
    expect(result.message).toContain('Open VS Code with the button below');
  });

  it('Claude Code without its command: refused before anything is made', async () => {
    const env = tempHome();
    const { tg } = await gatewayFor(env);
    const result = await install(tg, 'claude-code', 'Claude Code');
    expect(result.ok ? 'installed' : result.error.code).toBe('install_unavailable');
    expect(await tg.owner.ok('apps.list')).toEqual([]);
  });

  it.skipIf(!HAS_CLAUDE)('Claude Code: the real claude CLI records the server for all projects; a name already taken gets -2', async () => {
    const env = tempHome('linux', CLAUDE_BIN_DIR);
    const { tg } = await gatewayFor(env);
    expect((await tg.owner.ok('install.targets')).find((t) => t.client === 'claude-code')).toMatchObject({ detected: true, available: true });
    // The owner already has a server of that name in Claude Code (another tool's): it stays as it is.
    const other = { type: 'http', url: 'https://example.com/mcp' };
    const added = spawnSync(join(CLAUDE_BIN_DIR, 'claude'), ['mcp', 'add-json', '--scope', 'user', 'studio-gateway', JSON.stringify(other)], { cwd: env.home, env: { ...process.env, HOME: env.home }, encoding: 'utf8' });
    expect(added.status, added.stderr).toBe(0);

    const first = await installed(tg, 'claude-code', 'Claude Code');
    const file = clientPaths(env).claudeCode.file;
    expect(first.serverName).toBe('studio-gateway-2');
    const servers = readJson(file).mcpServers;
    expect(servers['studio-gateway']).toEqual(other);
    expect(servers['studio-gateway-2']).toEqual({ type: 'http', url: tg.gateway.mcpUrl, headers: { Authorization: expect.stringMatching(/^Bearer [\w-]+$/) } });
    expect(first.message).toContain('for all your projects');

    // Another app of the same name for Claude Code: Connected apps makes it "Claude Code (2)", and the server's name follows.
    const second = await installed(tg, 'claude-code', 'Claude Code');
    expect(second.serverName).toBe('studio-gateway-claude-code-2');
    expect(Object.keys(readJson(file).mcpServers)).toEqual(['studio-gateway', 'studio-gateway-2', 'studio-gateway-claude-code-2']);
  }, 60_000);
});
