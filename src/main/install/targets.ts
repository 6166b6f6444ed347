import { existsSync } from 'node:fs';
import type { InstallTarget } from '../../shared/control-api.ts';
import { clientLabel, cursorServer, httpServer, serverName, vscodeServer, type InstallClient } from '../../shared/snippets.ts';
import { bridgeServerEntry, keychainEntry, type BridgeLauncher } from './bridge-command.ts';
import { clientPaths, type InstallEnvironment } from './client-paths.ts';
import { findProgram } from './find-program.ts';

/** The placeholder previews show where the access key goes. */
const KEY = '<access key>';
const json = (value: unknown) => JSON.stringify(value, null, 2);

/**
 * VS Code's install link: `vscode:mcp/install?` and the URL-encoded JSON of the server with its name (and inputs),
 * the form VS Code's URL handler reads (microsoft/vscode, mcp "handleURL": `JSON.parse(decodeURIComponent(query))`,
 * then `{ name, inputs, ...config }`), the same JSON `code --add-mcp` takes
 * (code.visualstudio.com/docs/agent-customization/mcp-servers, "Install an MCP server from the command line").
 * It carries no secret: the header names an input VS Code prompts for.
 */
export function vscodeInstallLink(name: string, mcpUrl: string): string {
  const { server, inputs } = vscodeServer(name, mcpUrl, true);
  return `vscode:mcp/install?${encodeURIComponent(JSON.stringify({ name, ...server, inputs }))}`;
}

/**
 * How each client gets the server, and what that would write where. One-click means: Claude Desktop and Cursor have
 * a documented config file and no install command, so Studio Gateway merges the file; Claude Code has its CLI; VS
 * Code its install link (its own install page, then a password prompt for the key). Cursor's install link is not
 * used: its config would carry the key inside a URL handed to the operating system.
 */
export function describeTargets(env: InstallEnvironment, launcher: BridgeLauncher, mcpUrl: string): InstallTarget[] {
  const paths = clientPaths(env);
  const claude = findProgram('claude', env);
  const target = (client: InstallClient, rest: Omit<InstallTarget, 'client' | 'label' | 'available' | 'problem'> & { problem?: string }): InstallTarget => ({
    client,
    label: clientLabel(client),
    ...rest,
    available: !rest.problem,
    problem: rest.problem ?? null,
  });
  const name = (client: InstallClient) => serverName(client, clientLabel(client));
  return [
    target('claude-desktop', {
      method: 'file',
      detected: existsSync(paths.claudeDesktop.dir),
      where: `Adds the server to Claude Desktop’s settings file, ${paths.claudeDesktop.file} (a copy of the file as it was is kept beside it). Claude Desktop starts Studio Gateway’s own bridge: nothing else to install.`,
      path: paths.claudeDesktop.file,
      preview: json({ mcpServers: { [name('claude-desktop')]: bridgeServerEntry(launcher, mcpUrl, { keychain: keychainEntry('…') }) } }),
    }),
    target('claude-code', {
      method: 'command',
      detected: claude !== null,
      where: `Runs Claude Code’s own command (claude mcp add-json --scope user), which records the server for all your projects in ${paths.claudeCode.file}.`,
      path: paths.claudeCode.file,
      preview: `claude mcp add-json --scope user ${name('claude-code')} -   # reads from stdin:\n${json(httpServer(mcpUrl, KEY))}`,
      ...(claude ? {} : { problem: 'The claude command was not found on this computer. Install Claude Code, or choose Create snippet and run its command in a terminal.' }),
    }),
    target('cursor', {
      method: 'file',
      detected: existsSync(paths.cursor.dir),
      where: `Adds the server to Cursor’s global settings file, ${paths.cursor.file} (a copy of the file as it was is kept beside it).`,
      path: paths.cursor.file,
      preview: json({ mcpServers: { [name('cursor')]: cursorServer(mcpUrl, KEY) } }),
    }),
    target('vscode', {
      method: 'link',
      detected: existsSync(paths.vscode.dir),
      where: 'Opens VS Code’s own install page for the server (it goes to your user mcp.json); VS Code then asks once for the access key and keeps it in its secret storage.',
      path: null,
      preview: decodeURIComponent(vscodeInstallLink(name('vscode'), mcpUrl)),
    }),
  ];
}
