import { accessSync, constants, statSync } from 'node:fs';
import { pathsFor, type InstallEnvironment } from './client-paths.ts';

/**
 * Where Claude Code's installers put `claude` besides PATH: a desktop app started from the Dock or Start menu does not
 * get the PATH a terminal has. ~/.local/bin is the native installer's (code.claude.com/docs/en/setup), ~/.claude/local
 * the older local install's; Homebrew's folders on macOS.
 */
function wellKnownDirs(env: InstallEnvironment): string[] {
  const { join } = pathsFor(env);
  const dirs = [join(env.home, '.local', 'bin'), join(env.home, '.claude', 'local')];
  if (env.platform === 'darwin') dirs.push('/opt/homebrew/bin', '/usr/local/bin');
  return dirs;
}

/**
 * The full path of a program, or null. On Windows only an .exe counts: a .cmd (npm's shim) can only run through a
 * shell, and the install never starts one.
 */
export function findProgram(name: string, env: InstallEnvironment): string | null {
  const { join, delimiter } = pathsFor(env);
  const dirs = [...(env.path ?? '').split(delimiter).filter(Boolean), ...wellKnownDirs(env)];
  const file = env.platform === 'win32' ? `${name}.exe` : name;
  for (const dir of dirs) {
    const candidate = join(dir, file);
    try {
      if (!statSync(candidate).isFile()) continue;
      if (env.platform !== 'win32') accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not there, or not executable: keep looking
    }
  }
  return null;
}
