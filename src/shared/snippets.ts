/**
 * Ready-to-paste configuration for each MCP client, in the format its own documentation gives. With a token:
 * a fixed bearer token for exactly one bundle. Without one: the OAuth variant, URL only, and the client runs
 * the authorization flow itself (the owner then approves it in the panel). The one-click install
 * (src/main/install/) writes the same server entries these functions build.
 */

export type SnippetClient = 'claude-desktop' | 'claude-code' | 'cursor' | 'vscode' | 'generic';

export interface Snippet {
  client: SnippetClient;
  /** What to do with it, in one line. */
  where: string;
  language: 'json' | 'shell';
  text: string;
  /**
   * A value the client asks for when it starts the server, shown apart from the text (VS Code reads the token
   * through a password prompt, so it is never in the file).
   */
  secret?: { label: string; value: string };
}

export const SNIPPET_CLIENTS: { id: SnippetClient; label: string }[] = [
  { id: 'claude-desktop', label: 'Claude Desktop' },
  { id: 'claude-code', label: 'Claude Code' },
  { id: 'cursor', label: 'Cursor' },
  { id: 'vscode', label: 'VS Code' },
  { id: 'generic', label: 'Other (JSON)' },
];

/** The clients Agent setup can install into with one click (src/main/install/targets.ts says how). */
export const INSTALL_CLIENTS = ['claude-desktop', 'claude-code', 'cursor', 'vscode'] as const;
export type InstallClient = (typeof INSTALL_CLIENTS)[number];

export const clientLabel = (client: SnippetClient): string => SNIPPET_CLIENTS.find((c) => c.id === client)?.label ?? client;

const json = (value: unknown) => JSON.stringify(value, null, 2);
const shellQuote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** ASCII words of a name ("Café Agent (2)" → cafe, agent, 2): accents dropped, everything else a separator. */
function words(name: string): string[] {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/**
 * The key the client lists the server under: the brand, plus the connected app's name when it is not just the
 * client's own label (so two installs for one client stay apart). Each client's naming advice:
 * - VS Code: camelCase, no whitespace or special characters, descriptive of the server's brand
 *   (code.visualstudio.com/docs/agents/reference/mcp-configuration, "Server naming conventions") → studioGateway.
 * - Claude Code: letters, numbers, hyphens and underscores only (what `claude mcp add` accepts) → studio-gateway;
 *   the same lower-case dashed key suits Claude Desktop, Cursor and the generic entry, whose docs set no rule.
 */
export function serverName(client: SnippetClient, appName: string | null): string {
  const extra = appName && appName.trim() !== clientLabel(client) ? words(appName) : [];
  const all = ['studio', 'gateway', ...extra].slice(0, 8);
  if (client === 'vscode') return all.map((w, i) => (i === 0 ? w : `${w.charAt(0).toUpperCase()}${w.slice(1)}`)).join('').slice(0, 64);
  return all.join('-').slice(0, 64);
}

/** VS Code's `${input:…}` id for a server's token (ids are free-form; the docs' examples are dashed). */
export const vscodeInputId = (name: string) => `${name}-token`;

/**
 * A VS Code server entry (type http, url, headers) and, with a token, the password input it reads it from: the
 * file holds `${input:<id>}` and VS Code prompts once, then keeps the value in its secret storage
 * (code.visualstudio.com/docs/agents/reference/mcp-configuration, "Input variables for sensitive data").
 */
export function vscodeServer(name: string, mcpUrl: string, withToken: boolean) {
  const id = vscodeInputId(name);
  return {
    server: { type: 'http' as const, url: mcpUrl, ...(withToken ? { headers: { Authorization: `Bearer \${input:${id}}` } } : {}) },
    inputs: withToken ? [{ type: 'promptString' as const, id, description: 'Studio Gateway access key (shown in Studio Gateway → Agent setup)', password: true }] : [],
  };
}

/** Cursor's remote server entry: url and headers (cursor.com/docs/mcp, "Remote server"). */
export const cursorServer = (mcpUrl: string, token: string | null) => ({ url: mcpUrl, ...(token ? { headers: bearer(token) } : {}) });

/**
 * The common server entry `{ type: "http", url, headers }`: Claude Code's JSON form, what `claude mcp add-json <name>
 * '<json>'` takes and what its .mcp.json lists under mcpServers (code.claude.com/docs/en/mcp, "Add MCP servers from
 * JSON configuration").
 */
export const httpServer = (mcpUrl: string, token: string | null) => ({ type: 'http' as const, url: mcpUrl, ...(token ? { headers: bearer(token) } : {}) });

/**
 * @param name the key the client lists the server under (serverName())
 * @param token a setup-snippet token, or null for the OAuth variant
 */
export function snippetFor(client: SnippetClient, mcpUrl: string, name: string, token: string | null): Snippet {
  switch (client) {
    // Claude Desktop speaks stdio to local servers: mcp-remote bridges to Streamable HTTP for a copy-paste config (the
    // one-click install uses the app's own bridge instead). Per mcp-remote's README the header goes through an env var
    // with no space after the colon (some clients split args on spaces); --allow-http permits the loopback http URL.
    case 'claude-desktop':
      return {
        client,
        where: 'Add to claude_desktop_config.json (Settings → Developer → Edit Config), then restart Claude Desktop. Needs Node.js (npx).',
        language: 'json',
        text: json({
          mcpServers: {
            [name]: token
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
        text: `claude mcp add --transport http ${name} ${mcpUrl}${token ? ` --header ${shellQuote(`Authorization: Bearer ${token}`)}` : ''}`,
      };
    case 'cursor':
      return {
        client,
        where: 'Add to ~/.cursor/mcp.json (or .cursor/mcp.json in a project).',
        language: 'json',
        text: json({ mcpServers: { [name]: cursorServer(mcpUrl, token) } }),
      };
    case 'vscode': {
      const { server, inputs } = vscodeServer(name, mcpUrl, token !== null);
      return {
        client,
        where: token
          ? 'Add to your user mcp.json (MCP: Open User Configuration) or .vscode/mcp.json. When VS Code starts the server it asks for the access key: paste the key below.'
          : 'Add to your user mcp.json (MCP: Open User Configuration) or .vscode/mcp.json.',
        language: 'json',
        text: json(token ? { inputs, servers: { [name]: server } } : { servers: { [name]: server } }),
        ...(token ? { secret: { label: 'Access key for VS Code’s prompt', value: token } } : {}),
      };
    }
    case 'generic':
      return {
        client,
        where: `A server entry in Claude Code’s JSON form: claude mcp add-json ${name} '…' takes it as is, and a client with an mcpServers list takes it there under the name "${name}".`,
        language: 'json',
        text: json(httpServer(mcpUrl, token)),
      };
  }
}
