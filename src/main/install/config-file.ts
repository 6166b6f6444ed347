import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, lstatSync, mkdirSync, openSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { DomainError } from '../errors.ts';

/** A client's JSON config file as read: the object in it, and the exact text (what a backup keeps). */
export interface ConfigFile {
  /** The file written: the known path, or where it links to (a dotfiles manager's symlink stays a symlink). */
  path: string;
  exists: boolean;
  text: string;
  config: Record<string, unknown>;
  /** Permission bits the file keeps; a new file is the user's alone (0600: it may hold an access key). */
  mode: number;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const refuse = (label: string, path: string, why: string) =>
  new DomainError('invalid_config', `${label}’s settings file ${path} ${why}, so Studio Gateway changed nothing. Fix the file (or move it away), then install again.`);

/**
 * Reads a config file that holds servers under `container` (mcpServers). A file that is not a JSON object, or whose
 * `container` is not an object, is refused: merging into what cannot be read could lose the owner's settings.
 */
export function readConfigFile(knownPath: string, label: string, container: string): ConfigFile {
  let path = knownPath;
  try {
    if (lstatSync(knownPath).isSymbolicLink()) path = realpathSync(knownPath);
  } catch (err) {
    // ENOTDIR: a file where the client's folder should be; there is no config file, and writing one will say why not.
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR') throw err;
    if (path !== knownPath || isDanglingLink(knownPath)) throw refuse(label, knownPath, 'is a link to a file that does not exist');
    return { path, exists: false, text: '', config: {}, mode: 0o600 };
  }
  const text = readFileSync(path, 'utf8');
  const mode = statSync(path).mode & 0o777;
  // An empty file is what some editors leave after "Edit Config" on a new install: nothing to keep.
  if (text.trim() === '') return { path, exists: true, text, config: {}, mode };
  let config: unknown;
  try {
    config = JSON.parse(text);
  } catch (err) {
    throw refuse(label, knownPath, `is not valid JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  if (!isPlainObject(config)) throw refuse(label, knownPath, 'does not hold a JSON object');
  if (config[container] !== undefined && !isPlainObject(config[container])) throw refuse(label, knownPath, `has a "${container}" that is not an object`);
  return { path, exists: true, text, config, mode };
}

function isDanglingLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

/**
 * The config with one more server under `container`, every other key and server kept. A server of that name already
 * there is never replaced (it may be someone else's): the new one gets the first free name-2, name-3….
 */
export function withServer(config: Record<string, unknown>, container: string, name: string, entry: unknown): { config: Record<string, unknown>; name: string } {
  const servers = isPlainObject(config[container]) ? config[container] : {};
  let chosen = name;
  for (let n = 2; Object.hasOwn(servers, chosen); n++) chosen = `${name}-${n}`;
  return { config: { ...config, [container]: { ...servers, [chosen]: entry } }, name: chosen };
}

/** Keeps the text that was read beside the file (`<name>.backup-<time>`), before anything changes; null when there was no file. */
export function backUp(file: ConfigFile, now: Date): string | null {
  if (!file.exists) return null;
  const stamp = now.toISOString().replace(/\.\d+Z$/, '').replace(/:/g, '-');
  for (let n = 1; ; n++) {
    const backup = `${file.path}.backup-${stamp}${n > 1 ? `-${n}` : ''}`;
    try {
      writeFileSync(backup, file.text, { flag: 'wx', mode: file.mode });
      return backup;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
}

/**
 * Replaces the file in one step: the new text goes to a temporary file beside it (same folder, so the same disk),
 * is flushed, then renamed over the old one. A reader sees the old file or the new one, never half of one. If the
 * file changed since it was read (the client saved its own settings meanwhile), nothing is replaced.
 */
export function writeAtomically(file: ConfigFile, config: Record<string, unknown>, label: string): void {
  const dir = dirname(file.path);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const temp = join(dir, `.${basename(file.path)}.${randomBytes(6).toString('hex')}.tmp`);
  const fd = openSync(temp, 'wx', file.mode);
  try {
    writeSync(fd, `${JSON.stringify(config, null, 2)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    if (currentText(file.path) !== (file.exists ? file.text : null)) {
      throw new DomainError('config_changed', `${label}’s settings file ${file.path} changed while Studio Gateway was installing, so it changed nothing. Install again.`);
    }
    renameSync(temp, file.path);
  } catch (err) {
    rmSync(temp, { force: true });
    throw err;
  }
}

function currentText(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}
