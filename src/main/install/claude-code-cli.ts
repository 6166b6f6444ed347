import { spawn } from 'node:child_process';
import { DomainError } from '../errors.ts';
import type { InstallEnvironment } from './client-paths.ts';

const TIMEOUT_MS = 60_000;

function run(program: string, args: string[], stdin: string, env: InstallEnvironment): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    // The user's own settings: HOME (USERPROFILE on Windows) is the home the install was planned for.
    const home = env.platform === 'win32' ? { USERPROFILE: env.home } : { HOME: env.home };
    const child = spawn(program, args, { cwd: env.home, env: { ...process.env, ...home }, stdio: ['pipe', 'pipe', 'pipe'], timeout: TIMEOUT_MS, windowsHide: true });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
    child.stdin.end(stdin);
  });
}

/**
 * Adds a server to Claude Code with its own CLI, for all the user's projects: `claude mcp add-json --scope user
 * <name> -` with the server's JSON on stdin (the CLI's help: "with a JSON string, or - to read it from stdin"), so
 * the access key is never in a command line another process could read. A name already taken is never replaced:
 * the next free name-2, name-3… is tried. Returns the name used.
 */
export async function addToClaudeCode(program: string, name: string, server: unknown, env: InstallEnvironment, secret: string): Promise<string> {
  const json = JSON.stringify(server);
  for (let n = 1; n <= 20; n++) {
    const candidate = n === 1 ? name : `${name}-${n}`;
    let result: { code: number | null; output: string };
    try {
      result = await run(program, ['mcp', 'add-json', '--scope', 'user', candidate, '-'], json, env);
    } catch (err) {
      throw new DomainError('install_failed', `Studio Gateway could not start Claude Code’s command (${program}): ${err instanceof Error ? err.message : String(err)}.`);
    }
    if (result.code === 0) return candidate;
    if (/already exists/i.test(result.output)) continue;
    const said = result.output.replaceAll(secret, '[access key]').trim().split('\n').slice(-3).join(' ');
    throw new DomainError('install_failed', `Claude Code did not add the server${said ? `: ${said}` : ` (exit code ${String(result.code)})`}.`);
  }
  throw new DomainError('install_failed', `Claude Code already has servers named ${name} to ${name}-20: remove some with "claude mcp remove", then install again.`);
}
