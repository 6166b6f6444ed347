import { existsSync } from 'node:fs';
import { homedir, platform } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const APP_NAME = 'Studio Gateway';

/**
 * The OS's per-user app data folder, the same one Electron's app.getPath('userData') gives the desktop app,
 * so the headless gateway and the desktop app share one workspace.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  switch (platform()) {
    case 'win32':
      return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_NAME);
    case 'darwin':
      return join(homedir(), 'Library', 'Application Support', APP_NAME);
    default:
      return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_NAME);
  }
}

export function databaseFile(dataDir: string): string {
  return join(dataDir, 'studio-gateway.sqlite');
}

/** Where `npm run build` puts the control panel: out/renderer of the package this file is in (source or built). */
export function defaultPanelDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return join(dir, 'out', 'renderer');
}
