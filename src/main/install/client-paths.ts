import { homedir } from 'node:os';
import { posix, win32 } from 'node:path';

/**
 * What decides where a client keeps its configuration: the OS and the user's folders. Taken from the process once
 * (currentEnvironment) and passed around, so the path rules are pure functions that tests check for all three OSes
 * on any machine, and real-file tests point them at a temporary home.
 */
export interface InstallEnvironment {
  platform: 'darwin' | 'win32' | 'linux';
  home: string;
  /** Windows: %APPDATA% (Roaming). */
  appData?: string;
  /** Linux: $XDG_CONFIG_HOME. */
  xdgConfigHome?: string;
  /** Where programs are looked for (PATH). */
  path?: string;
}

export function currentEnvironment(env: NodeJS.ProcessEnv = process.env): InstallEnvironment {
  const platform = process.platform === 'win32' || process.platform === 'darwin' ? process.platform : 'linux';
  const path = env.PATH ?? env.Path;
  return {
    platform,
    home: homedir(),
    ...(env.APPDATA ? { appData: env.APPDATA } : {}),
    ...(env.XDG_CONFIG_HOME ? { xdgConfigHome: env.XDG_CONFIG_HOME } : {}),
    ...(path ? { path } : {}),
  };
}

/** The OS's path rules, whatever OS this runs on (Windows paths are built with backslashes on Linux too). */
export const pathsFor = (env: InstallEnvironment) => (env.platform === 'win32' ? win32 : posix);

/** The per-user application data folder: where Electron apps such as Claude Desktop and VS Code keep settings. */
function appDataDir(env: InstallEnvironment): string {
  const { join } = pathsFor(env);
  if (env.platform === 'darwin') return join(env.home, 'Library', 'Application Support');
  if (env.platform === 'win32') return env.appData ?? join(env.home, 'AppData', 'Roaming');
  return env.xdgConfigHome ?? join(env.home, '.config');
}

export interface ClientPaths {
  /**
   * claude_desktop_config.json: ~/Library/Application Support/Claude on macOS, %APPDATA%\Claude on Windows
   * (modelcontextprotocol.io/docs/develop/connect-local-servers). Claude Desktop has no Linux build of Anthropic's;
   * the community builds read ~/.config/Claude, the same rule.
   */
  claudeDesktop: { dir: string; file: string };
  /** The global ~/.cursor/mcp.json, the same on every OS (cursor.com/docs/mcp, "Configuration locations"). */
  cursor: { dir: string; file: string };
  /** VS Code's user data folder (its user mcp.json is in User/), to tell whether VS Code is installed. */
  vscode: { dir: string };
  /** ~/.claude.json, where `claude mcp add --scope user` records servers (code.claude.com/docs/en/mcp, "MCP installation scopes"). */
  claudeCode: { file: string };
}

export function clientPaths(env: InstallEnvironment): ClientPaths {
  const { join } = pathsFor(env);
  const claudeDir = join(appDataDir(env), 'Claude');
  const cursorDir = join(env.home, '.cursor');
  return {
    claudeDesktop: { dir: claudeDir, file: join(claudeDir, 'claude_desktop_config.json') },
    cursor: { dir: cursorDir, file: join(cursorDir, 'mcp.json') },
    vscode: { dir: join(appDataDir(env), 'Code') },
    claudeCode: { file: join(env.home, '.claude.json') },
  };
}
