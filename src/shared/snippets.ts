/**
 * Ready-to-paste configuration for each MCP client, in the format its own documentation gives. With a token:
 * a fixed bearer token for exactly one bundle. Without one: the OAuth variant, URL only, and the client runs
 * the authorization flow itself (the owner then approves it in the panel).
 */

export type SnippetClient = 'claude-desktop' | 'claude-code' | 'cursor' | 'vscode' | 'generic';

export interface Snippet {
  client: SnippetClient;
  /** What to do with it, in one line. */
  where: string;
  language: 'json' | 'shell';
  text: string;
}

export const SNIPPET_CLIENTS: { id: SnippetClient; label: string }[] = [
  { id: 'claude-desktop', label: 'Claude Desktop' },
  { id: 'claude-code', label: 'Claude Code' },
  { id: 'cursor', label: 'Cursor' },
  { id: 'vscode', label: 'VS Code' },
  { id: 'generic', label: 'Other (JSON)' },
];

const json = (value: unknown) => JSON.stringify(value, null, 2);
const shellQuote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;

/**
 * @param serverName the key the client lists the server under (e.g. "studio-gateway")
 * @param token a setup-snippet token, or null for the OAuth variant
 */
export function snippetFor(client: SnippetClient, mcpUrl: string, serverName: string, token: string | null): Snippet {
  const headers = token ? { Authorization: `Bearer ${token}` } : undefined;
  switch (client) {
    // Claude Desktop speaks stdio: mcp-remote bridges to Streamable HTTP. Per mcp-remote's README the header
    // goes through an env var with no space after the colon (some clients split args on spaces), and
    // --allow-http permits the gateway's loopback http URL.
    case 'claude-desktop':
      return {
        client,
        where: 'Add to claude_desktop_config.json (Settings → Developer → Edit Config), then restart Claude Desktop.',
        language: 'json',
        text: json({
          mcpServers: {
            [serverName]: token
              ? { command: 'npx', args: ['-y', 'mcp-remote', mcpUrl, '--allow-http', '--header', 'Authorization:${AUTH_HEADER}'], env: { AUTH_HEADER: `Bearer ${token}` } }
              : { command: 'npx', args: ['-y', 'mcp-remote', mcpUrl, '--allow-http'] },
          },
        }),
      };
    // Claude Code's documented order: `claude mcp add --transport http <name> <url> --header "…"`. --header takes
    // several values, so anything after it would be read as another header: name and URL come first.
    case 'claude-code':
      return {
        client,
        where: 'Run in a terminal; the server is then available to Claude Code.',
        language: 'shell',
        text: `claude mcp add --transport http ${serverName} ${mcpUrl}${token ? ` --header ${shellQuote(`Authorization: Bearer ${token}`)}` : ''}`,
      };
    case 'cursor':
      return {
        client,
        where: 'Add to ~/.cursor/mcp.json (or .cursor/mcp.json in a project).',
        language: 'json',
        text: json({ mcpServers: { [serverName]: { url: mcpUrl, ...(headers ? { headers } : {}) } } }),
      };
    case 'vscode':
      return {
        client,
        where: 'Add to .vscode/mcp.json in your workspace (or your user mcp.json).',
        language: 'json',
        text: json({ servers: { [serverName]: { type: 'http', url: mcpUrl, ...(headers ? { headers } : {}) } } }),
      };
    case 'generic':
      return {
        client,
        where: 'For any client that takes a Streamable HTTP server with headers.',
        language: 'json',
        text: json({ name: serverName, transport: 'streamable-http', url: mcpUrl, ...(headers ? { headers } : {}) }),
      };
  }
}

/** A server key from a client name: lower case, dashes, e.g. "Studio Gateway (read-only)" → "studio-gateway-read-only". */
export function serverKey(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'studio-gateway';
}
