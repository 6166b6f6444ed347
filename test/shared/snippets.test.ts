import { describe, expect, it } from 'vitest';
import { serverKey, snippetFor } from '../../src/shared/snippets.ts';

const URL_ = 'http://127.0.0.1:8787/mcp';
const TOKEN = 'tok_abc';

describe('setup snippets, in each client\u2019s documented format', () => {
  it('Claude Desktop: mcpServers with mcp-remote, the header through an env var with no space in args', () => {
    const config = JSON.parse(snippetFor('claude-desktop', URL_, 'studio', TOKEN).text) as { mcpServers: { studio: { command: string; args: string[]; env: Record<string, string> } } };
    const server = config.mcpServers.studio;
    expect(server.command).toBe('npx');
    expect(server.args).toEqual(['-y', 'mcp-remote', URL_, '--allow-http', '--header', 'Authorization:${AUTH_HEADER}']);
    expect(server.args.some((a) => a.includes(' '))).toBe(false);
    expect(server.env).toEqual({ AUTH_HEADER: `Bearer ${TOKEN}` });
  });

  it('Claude Code: claude mcp add with name and URL before --header (which takes several values)', () => {
    expect(snippetFor('claude-code', URL_, 'studio', TOKEN).text).toBe(`claude mcp add --transport http studio ${URL_} --header 'Authorization: Bearer ${TOKEN}'`);
    expect(snippetFor('claude-code', URL_, 'studio', null).text).toBe(`claude mcp add --transport http studio ${URL_}`);
  });

  it('Cursor: mcpServers.<name>.url and headers', () => {
    expect(JSON.parse(snippetFor('cursor', URL_, 'studio', TOKEN).text)).toEqual({ mcpServers: { studio: { url: URL_, headers: { Authorization: `Bearer ${TOKEN}` } } } });
  });

  it('VS Code: servers.<name> with type http', () => {
    expect(JSON.parse(snippetFor('vscode', URL_, 'studio', TOKEN).text)).toEqual({ servers: { studio: { type: 'http', url: URL_, headers: { Authorization: `Bearer ${TOKEN}` } } } });
  });

  it('the OAuth variants carry the URL and no credential at all', () => {
    for (const client of ['claude-desktop', 'claude-code', 'cursor', 'vscode', 'generic'] as const) {
      const text = snippetFor(client, URL_, 'studio', null).text;
      expect(text).toContain(URL_);
      expect(text).not.toMatch(/Bearer|Authorization/);
    }
  });

  it('makes a server key from a client name', () => {
    expect(serverKey('Claude Desktop (2)')).toBe('claude-desktop-2');
    expect(serverKey('!!!')).toBe('studio-gateway');
  });
});
