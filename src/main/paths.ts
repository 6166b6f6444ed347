import { existsSync } from 'node:fs';
import { homedir, platform } from 'node:os';
import { dirname, join, posix, win32 } from 'node:path';
import { fileURLToPath } from 'node:url';

export const APP_NAME = 'Studio Gateway';

/**
 * The OS's per-user app data folder — the one the desktop app uses too (desktop/identity.ts), so the headless gateway
 * and the desktop app share one workspace. Platform and home are parameters so every OS's rule is testable anywhere.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, os: NodeJS.Platform = platform(), home = homedir()): string {
  switch (os) {
    case 'win32':
      return win32.join(env.APPDATA ?? win32.join(home, 'AppData', 'Roaming'), APP_NAME);
    case 'darwin':
      return posix.join(home, 'Library', 'Application Support', APP_NAME);
    default:
      return posix.join(env.XDG_CONFIG_HOME ?? posix.join(home, '.config'), APP_NAME);
  }
}

export function databaseFile(dataDir: string): string {
  return join(dataDir, 'studio-gateway.sqlite');
}

/** The rotating log (log.ts) the desktop app and `serve` write, in the data folder. */
export function logFile(dataDir: string): string {
  return join(dataDir, 'logs', 'studio-gateway.log');
}

/** Where `npm run build` puts the control panel: out/renderer of the package this file is in (source or built). */
export function defaultPanelDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return join(dir, 'out', 'renderer');
}
