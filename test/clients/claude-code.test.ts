import { mkdirSync, readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { snippetFor } from '../../src/shared/snippets.ts';
import { startTestGateway, type TestGateway } from '../support/gateway.ts';
import { installedBin, privateHome, run, shellWords } from './support.ts';

/**
 * The `claude` CLI (Claude Code) given the Claude Code setup snippets: the snippet's command line, split into words by
 * /bin/sh as a terminal would, run with a fresh HOME (so nothing touches the machine's own config) and a project
 * folder in it; then `claude mcp list` and `claude mcp get`, which also health-check the server against the gateway.
 * None of these commands needs the network beyond 127.0.0.1. (`claude mcp login`, the OAuth sign-in, is not run
 * here: docs/clients.md says why.)
 */

const BIN = installedBin('@anthropic-ai/claude-code', 'claude');

let tg: TestGateway;
let home: ReturnType<typeof privateHome>;
let project: string;
beforeEach(async () => {
  tg = await startTestGateway();
  home = privateHome('sg-claude-code-');
  project = join(realpathSync(home.dir), 'project');
  mkdirSync(project);
});
afterEach(async () => {
  await tg.close();
  home.remove();
});

const ENV = { CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1', DISABLE_AUTOUPDATER: '1' };

function claude(args: string[]) {
  return run(BIN as string, args, { env: { HOME: home.dir, ...ENV }, cwd: project });
}

/** Runs the snippet's command line; its first word must be `claude`. */
async function runSnippet(text: string) {
  const [program, ...args] = shellWords(text);
  expect(program).toBe('claude');
  const added = await claude(args);
  expect(added.code, added.stderr).toBe(0);
  return added;
}

/** What the CLI recorded for this project (local scope, the default of `claude mcp add`). */
function recorded(name: string): unknown {
  const config = JSON.parse(readFileSync(join(home.dir, '.claude.json'), 'utf8')) as { projects: Record<string, { mcpServers: Record<string, unknown> }> };
  return config.projects[project]?.mcpServers[name];
}

describe.skipIf(!BIN)('the claude CLI with the Claude Code setup snippets', () => {
  it('the token snippet records an HTTP server with the URL and the Authorization header, and the health check connects with it', async () => {
    const minted = await tg.owner.ok('tokens.mint', { bundle: 'default', clientName: 'Claude Code', expiresInDays: 1 });
    const name = 'studio-gateway';
    const snippet = snippetFor('claude-code', tg.gateway.mcpUrl, name, minted.token);
    expect(shellWords(snippet.text)).toEqual(['claude', 'mcp', 'add', '--transport', 'http', name, tg.gateway.mcpUrl, '--header', `Authorization: Bearer ${minted.token}`]);
    const added = await runSnippet(snippet.text);
    expect(added.stdout).toContain(`Added HTTP MCP server ${name} with URL: ${tg.gateway.mcpUrl}`);

    expect(recorded(name)).toEqual({ type: 'http', url: tg.gateway.mcpUrl, headers: { Authorization: `Bearer ${minted.token}` } });

    const get = await claude(['mcp', 'get', name]);
    expect(get.code, get.stderr).toBe(0);
    expect(get.stdout).toContain('Type: http');
    expect(get.stdout).toContain(`URL: ${tg.gateway.mcpUrl}`);
    expect(get.stdout).toContain(`Authorization: Bearer ${minted.token}`);
    expect(get.stdout).toContain('Status: ✔ Connected');

    const list = await claude(['mcp', 'list']);
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toContain(`${name}: ${tg.gateway.mcpUrl} (HTTP) - ✔ Connected`);

    // The health checks reached the gateway as the snippet's app (a handshake, not a use: "Last used" counts tool calls).
    const rows = await tg.owner.ok('audit.list', { clientId: minted.clientId, endpoint: 'initialize', events: 'all' });
    expect(rows.rows.some((r) => r.endpoint === 'initialize' && r.status === 'ok')).toBe(true);
  });

  it('the OAuth snippet records the URL alone, and the health check finds that the gateway wants authorization', async () => {
    const name = 'studio-gateway-oauth';
    const snippet = snippetFor('claude-code', tg.gateway.mcpUrl, name, null);
    expect(shellWords(snippet.text)).toEqual(['claude', 'mcp', 'add', '--transport', 'http', name, tg.gateway.mcpUrl]);
    await runSnippet(snippet.text);

    expect(recorded(name)).toEqual({ type: 'http', url: tg.gateway.mcpUrl });

    const get = await claude(['mcp', 'get', name]);
    expect(get.code, get.stderr).toBe(0);
    expect(get.stdout).toContain('Type: http');
    expect(get.stdout).toContain(`URL: ${tg.gateway.mcpUrl}`);
    expect(get.stdout).not.toContain('Authorization');
    expect(get.stdout).toContain('Status: ! Needs authentication');

    const list = await claude(['mcp', 'list']);
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toContain(`${name}: ${tg.gateway.mcpUrl} (HTTP) - ! Needs authentication`);

    // Checking is not signing in: no app connected and nothing waits for the owner.
    expect(await tg.owner.ok('apps.list')).toEqual([]);
    expect(await tg.owner.ok('consent.list')).toEqual([]);
  });
});
