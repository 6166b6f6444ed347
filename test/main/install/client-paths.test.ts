import { describe, expect, it } from 'vitest';
import { clientPaths } from '../../../src/main/install/client-paths.ts';

// Where each client keeps its MCP settings, per OS, as their docs give it (client-paths.ts cites each): the rules are
// pure, so all three OSes are checked here whatever this machine runs.

describe('client config paths', () => {
  it('macOS: Claude Desktop under Application Support, Cursor in ~/.cursor, VS Code under Application Support/Code', () => {
    const paths = clientPaths({ platform: 'darwin', home: '/Users/ana' });
    expect(paths.claudeDesktop.file).toBe('/Users/ana/Library/Application Support/Claude/claude_desktop_config.json');
    expect(paths.cursor.file).toBe('/Users/ana/.cursor/mcp.json');
    expect(paths.vscode.dir).toBe('/Users/ana/Library/Application Support/Code');
    expect(paths.claudeCode.file).toBe('/Users/ana/.claude.json');
  });

  it('Windows: Claude Desktop and VS Code under %APPDATA%, Cursor in %USERPROFILE%\\.cursor, with backslashes', () => {
    const paths = clientPaths({ platform: 'win32', home: 'C:\\Users\\Ana', appData: 'D:\\Roaming' });
    expect(paths.claudeDesktop.file).toBe('D:\\Roaming\\Claude\\claude_desktop_config.json');
    expect(paths.cursor.file).toBe('C:\\Users\\Ana\\.cursor\\mcp.json');
    expect(paths.vscode.dir).toBe('D:\\Roaming\\Code');
    expect(paths.claudeCode.file).toBe('C:\\Users\\Ana\\.claude.json');
    // Without APPDATA, the Roaming folder where Windows puts it.
    expect(clientPaths({ platform: 'win32', home: 'C:\\Users\\Ana' }).claudeDesktop.file).toBe('C:\\Users\\Ana\\AppData\\Roaming\\Claude\\claude_desktop_config.json');
  });

  it('Linux: Claude Desktop (community builds) and VS Code under $XDG_CONFIG_HOME or ~/.config, Cursor in ~/.cursor', () => {
    const paths = clientPaths({ platform: 'linux', home: '/home/ana' });
    expect(paths.claudeDesktop.file).toBe('/home/ana/.config/Claude/claude_desktop_config.json');
    expect(paths.cursor.file).toBe('/home/ana/.cursor/mcp.json');
    expect(paths.vscode.dir).toBe('/home/ana/.config/Code');
    const xdg = clientPaths({ platform: 'linux', home: '/home/ana', xdgConfigHome: '/data/config' });
    expect(xdg.claudeDesktop.file).toBe('/data/config/Claude/claude_desktop_config.json');
    expect(xdg.cursor.file).toBe('/home/ana/.cursor/mcp.json');
  });
});
