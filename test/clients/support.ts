import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { TOOLS } from '../../src/main/mcp/tools/index.ts';
import { effectiveScopes } from '../../src/shared/scopes.ts';

/**
 * Helpers for the third-party client tests: find a client's installed binary (or say loudly that it is missing), run
 * it as its own process with a private HOME, and read a shell snippet the way a shell does.
 */

const ROOT = new URL('../../', import.meta.url).pathname;

/**
 * The absolute path of an installed package's binary (its package.json "bin"), or undefined after one clear stderr
 * line when the package is not installed. CI installs every one of them through `npm ci` (they are devDependencies),
 * so normally nothing skips.
 */
export function installedBin(pkg: string, bin: string): string | undefined {
  const manifest = join(ROOT, 'node_modules', pkg, 'package.json');
  const found = existsSync(manifest) ? (JSON.parse(readFileSync(manifest, 'utf8')) as { bin?: string | Record<string, string> }).bin : undefined;
  const relative = typeof found === 'string' ? found : found?.[bin];
  if (!relative) {
    process.stderr.write(`\n*** SKIPPING ${bin} client tests: the npm package ${pkg} is not installed. Run \`npm ci\` (./run setup does). ***\n\n`);
    return undefined;
  }
  return join(dirname(manifest), relative);
}

/** The tools a grant of these scopes allows (write implies read, delete implies write), in the gateway's order. */
export function toolsFor(scopes: readonly string[]): string[] {
  const held = effectiveScopes(scopes);
  return TOOLS.filter((tool) => tool.scopes.some((s) => held.has(s))).map((tool) => tool.name);
}

/** A fresh folder to serve as a client's HOME (and config folder), removed by the returned function. */
export function privateHome(prefix: string): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/**
 * Runs a program to completion with exactly the environment given (plus PATH), killing it after `timeoutMs`. A
 * JavaScript entry point runs on this Node (process.execPath): the suite needs Node 24 and the system's may be older.
 */
export function run(file: string, args: string[], options: { env?: Record<string, string>; cwd?: string; timeoutMs?: number } = {}): Promise<RunResult> {
  const started = performance.now();
  const [command, argv] = /\.(c|m)?js$/.test(file) ? [process.execPath, [file, ...args]] : [file, args];
  const child = spawn(command, argv, { cwd: options.cwd, env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 25_000);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ms: performance.now() - started });
    });
  });
}

/**
 * The words a POSIX shell makes of a command line, from the shell itself (/bin/sh prints each argument it would pass,
 * NUL-terminated): quoting, escapes and all, exactly as a user pasting the snippet into a terminal gets them.
 */
export function shellWords(commandLine: string): string[] {
  const out = execFileSync('/bin/sh', ['-c', `printf '%s\\0' ${commandLine}`], { encoding: 'utf8', env: {} });
  return out.split('\0').slice(0, -1);
}

/** Waits until `check` returns a value, polling every 50 ms, or throws `what` after `timeoutMs`. */
export async function waitFor<T>(check: () => T | undefined, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
