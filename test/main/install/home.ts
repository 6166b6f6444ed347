import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { InstallHost } from '../../../src/main/gateway.ts';
import type { InstallEnvironment } from '../../../src/main/install/client-paths.ts';
import { tempDir } from '../../support/gateway.ts';

/** A fresh home folder for one test, as the installer's environment (the real home is never used). */
export function tempHome(platform: InstallEnvironment['platform'] = 'linux', path = ''): InstallEnvironment {
  const home = join(tempDir('sg-install-home-'), 'home');
  mkdirSync(home);
  return { platform, home, path };
}

/** An install host on that home that records the links it is asked to open instead of opening them. */
export function recordingHost(env: InstallEnvironment): InstallHost & { opened: string[] } {
  const opened: string[] = [];
  return { environment: env, opened, openLink: async (url) => void opened.push(url) };
}

/** Every file under a folder (path relative to it → mode and content), to see exactly what an install touched. */
export function snapshot(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  if (!existsSync(dir)) return files;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const full = join(entry.parentPath, entry.name);
    if (entry.isFile()) files.set(full.slice(dir.length + 1), `${(statSync(full).mode & 0o777).toString(8)} ${readFileSync(full, 'utf8')}`);
  }
  return files;
}

/** The paths that differ between two snapshots (added, removed or changed). */
export function changed(before: Map<string, string>, after: Map<string, string>): string[] {
  const keys = new Set([...before.keys(), ...after.keys()]);
  return [...keys].filter((key) => before.get(key) !== after.get(key)).sort();
}
