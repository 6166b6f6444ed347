import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

/** Owner only: the folder may be entered and listed by no one else, the files read by no one else (POSIX). */
const FOLDER_MODE = 0o700;
const FILE_MODE = 0o600;

/** SQLite's companions of a database file in WAL mode. */
const COMPANIONS = ['', '-wal', '-shm', '-journal'];

function tighten(path: string, mode: number, what: string, warnings: string[]): void {
  const current = statSync(path).mode & 0o777;
  if ((current & ~mode) === 0) return;
  chmodSync(path, mode);
  warnings.push(`${what} ${path} was readable by other users of this computer (mode ${current.toString(8)}); it is now ${mode.toString(8)}.`);
}

/**
 * Makes the database's folder and files private to the owner before SQLite opens them: a new folder is made 0700
 * and a new database file 0600 (SQLite gives its -wal and -shm files the database file's mode), and looser ones
 * left by an older version or another tool are fixed, each fix returned as a warning for the log. The studio's
 * clients, messages and audit log are no business of other accounts on a shared computer. Windows keeps its
 * per-user ACLs on the app data folder; nothing to do there.
 */
export function preparePrivateDatabaseFile(file: string, platform: NodeJS.Platform = process.platform): string[] {
  if (file === ':memory:' || platform === 'win32') return [];
  const warnings: string[] = [];
  const folder = dirname(file);
  if (existsSync(folder)) tighten(folder, FOLDER_MODE, 'The data folder', warnings);
  else mkdirSync(folder, { recursive: true, mode: FOLDER_MODE });
  if (!existsSync(file)) closeSync(openSync(file, 'a', FILE_MODE));
  for (const suffix of COMPANIONS) {
    const path = `${file}${suffix}`;
    if (existsSync(path)) tighten(path, FILE_MODE, 'The database file', warnings);
  }
  return warnings;
}
