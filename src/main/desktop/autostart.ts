import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, posix } from 'node:path';
import { APP_IDENTITY } from './identity.ts';

/**
 * Start at login on Linux. Electron's `setLoginItemSettings` covers macOS and Windows only; freedesktop.org desktops
 * start what `$XDG_CONFIG_HOME/autostart/*.desktop` lists (XDG Autostart Specification 0.5), so that is where the
 * entry goes. The state Settings shows is read back from the file, never assumed.
 */
export function autostartFile(env: NodeJS.ProcessEnv = process.env, home = homedir()): string {
  return posix.join(env.XDG_CONFIG_HOME ?? posix.join(home, '.config'), 'autostart', 'studio-gateway.desktop');
}

/** Desktop Entry Specification §7: an argument with spaces or specials is quoted, and `"`, `` ` ``, `$`, `\` escaped. */
function execArg(arg: string): string {
  return /^[\w/.+-]+$/.test(arg) ? arg : `"${arg.replace(/(["`$\\])/g, '\\$1')}"`;
}

/** The autostart entry: starts the app hidden in the tray (`--hidden`), like the macOS and Windows login items. */
export function autostartEntry(execPath: string, args: readonly string[] = []): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    `Name=${APP_IDENTITY.name}`,
    'Comment=Lets your AI agents reach your studio, with your approval',
    `Exec=${[execPath, ...args, '--hidden'].map(execArg).join(' ')}`,
    'Icon=studio-gateway',
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

export function isLinuxAutostartEnabled(file = autostartFile()): boolean {
  if (!existsSync(file)) return false;
  // A desktop that honours Hidden=true treats the entry as deleted (the spec's way for a user to turn it off).
  return !/^Hidden\s*=\s*true\s*$/m.test(readFileSync(file, 'utf8'));
}

/** Writes (atomically) or removes the entry. */
export function setLinuxAutostart(enabled: boolean, execPath: string, args: readonly string[] = [], file = autostartFile()): void {
  if (!enabled) {
    rmSync(file, { force: true });
    return;
  }
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, autostartEntry(execPath, args), { mode: 0o644 });
  renameSync(temp, file);
}
