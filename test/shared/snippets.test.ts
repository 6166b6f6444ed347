import { describe, expect, it } from 'vitest';
import { serverName, snippetFor } from '../../src/shared/snippets.ts';

const URL_ = 'http://127.0.0.1:8787/mcp';
const TOKEN = 'tok_abc';

describe('setup snippets, in each client’s documented format', () => {
  // modelcontextprotocol.io/docs/develop/connect-local-servers: mcpServers.<name> = { command, args, env } in
  // claude_desktop_config.json; mcp-remote's README ("Custom Headers"): the header through an env var, no space in args.
  it('Claude Desktop: mcpServers with mcp-remote, the header through an env var with no space in args', () => {
    const config = JSON.parse(snippetFor('claude-desktop', URL_, 'studio-gateway', TOKEN).text) as { mcpServers: Record<string, { command: string; args: string[]; env: Record<string, string> }> };
    expect(Object.keys(config)).toEqual(['mcpServers']);
    const server = config.mcpServers['studio-gateway'];
    expect(server?.command).toBe('npx');
    expect(server?.args).toEqual(['-y', 'mcp-remote', URL_, '--allow-http', '--header', 'Authorization:${AUTH_HEADER}']);
    expect(server?.args.some((a) => a.includes(' '))).toBe(false);
    expect(server?.env).toEqual({ AUTH_HEADER: `Bearer ${TOKEN}` });
  });

  // code.claude.com/docs/en/mcp ("Option 1: Add a remote HTTP server"): claude mcp add --transport http <name> <url>
  // --header "Authorization: Bearer …"; names are letters, digits, hyphens and underscores (what the CLI accepts).
  it('Claude Code: claude mcp add with name and URL before --header (which takes several values)', () => {
    expect(snippetFor('claude-code', URL_, 'studio-gateway', TOKEN).text).toBe(`claude mcp add --transport http studio-gateway ${URL_} --header 'Authorization: Bearer ${TOKEN}'`);
    expect(snippetFor('claude-code', URL_, 'studio-gateway', null).text).toBe(`claude mcp add --transport http studio-gateway ${URL_}`);
    expect(serverName('claude-code', 'Claude Code')).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  // cursor.com/docs/mcp ("Remote server"): mcpServers.<name> = { url, headers } in ~/.cursor/mcp.json.
  it('Cursor: mcpServers.<name>.url and headers', () => {
    expect(JSON.parse(snippetFor('cursor', URL_, 'studio-gateway', TOKEN).text)).toEqual({ mcpServers: { 'studio-gateway': { url: URL_, headers: { Authorization: `Bearer ${TOKEN}` } } } });
  });

  // code.visualstudio.com/docs/agents/reference/mcp-configuration: servers.<name> = { type: "http", url, headers };
  // "Input variables for sensitive data": inputs [{ type: "promptString", id, description, password: true }] and
  // ${input:<id>} in the header, so the token is typed into VS Code's prompt, never written in the file.
  it('VS Code: servers.<name> of type http, the token through a password input, never in the file', () => {
    const snippet = snippetFor('vscode', URL_, 'studioGateway', TOKEN);
    expect(JSON.parse(snippet.text)).toEqual({
      inputs: [{ type: 'promptString', id: 'studioGateway-token', description: expect.stringContaining('Studio Gateway') as string, password: true }],
      servers: { studioGateway: { type: 'http', url: URL_, headers: { Authorization: 'Bearer ${input:studioGateway-token}' } } },
    });
    expect(snippet.text).not.toContain(TOKEN);
    expect(snippet.secret).toEqual({ label: expect.stringContaining('VS Code') as string, value: TOKEN });
    expect(JSON.parse(snippetFor('vscode', URL_, 'studioGateway', null).text)).toEqual({ servers: { studioGateway: { type: 'http', url: URL_ } } });
  });

  // code.claude.com/docs/en/mcp ("Add MCP servers from JSON configuration"): claude mcp add-json <name> '<json>' with
  // { type: "http", url, headers } — the entry a .mcp.json lists under mcpServers.
  it('generic: Claude Code’s JSON server entry { type: "http", url, headers }', () => {
    expect(JSON.parse(snippetFor('generic', URL_, 'studio-gateway', TOKEN).text)).toEqual({ type: 'http', url: URL_, headers: { Authorization: `Bearer ${TOKEN}` } });
    expect(snippetFor('generic', URL_, 'studio-gateway', TOKEN).where).toContain('claude mcp add-json studio-gateway');
  });

  it('the OAuth variants carry the URL and no credential at all', () => {
    for (const client of ['claude-desktop', 'claude-code', 'cursor', 'vscode', 'generic'] as const) {
      const snippet = snippetFor(client, URL_, 'studio-gateway', null);
      expect(snippet.text).toContain(URL_);
      expect(snippet.text).not.toMatch(/Bearer|Authorization|input:/);
      expect(snippet.secret).toBeUndefined();
    }
  });
});

describe('server names, after each client’s naming advice', () => {
  it('names the server by its brand; a connected app named otherwise than its client adds its own words', () => {
    expect(serverName('claude-desktop', 'Claude Desktop')).toBe('studio-gateway');
    expect(serverName('claude-desktop', 'Claude Desktop (2)')).toBe('studio-gateway-claude-desktop-2');
    expect(serverName('cursor', null)).toBe('studio-gateway');
    expect(serverName('generic', 'Café Agent!')).toBe('studio-gateway-cafe-agent');
  });

  // VS Code: "Use camelCase for the server name … Avoid using whitespace or special characters".
  it('VS Code: camelCase, letters and digits only', () => {
    expect(serverName('vscode', 'VS Code')).toBe('studioGateway');
    expect(serverName('vscode', 'Front desk (2)')).toBe('studioGatewayFrontDesk2');
    expect(serverName('vscode', '日本語 🧘')).toMatch(/^[a-z][A-Za-z0-9]*$/);
  });

  it('Claude Code: only letters, digits, hyphens and underscores, whatever the app is called', () => {
    for (const name of ['Claude Code', 'Ünïcode & spaces / slashes', '   ', 'x'.repeat(200)]) expect(serverName('claude-code', name)).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
  });
});
