import type { Clock } from '../../shared/clock.ts';
import { rmSync } from 'node:fs';
import type { InstallResult, InstallTarget, MintedToken } from '../../shared/control-api.ts';
import type { InstallInput } from '../control/calls/install.ts';
import type { MintInput } from '../control/calls/tokens.ts';
import { clientLabel, cursorServer, httpServer, serverName } from '../../shared/snippets.ts';
import { DomainError } from '../errors.ts';
import type { VaultKeyStore } from '../providers/vault/key-store.ts';
import { bridgeServerEntry, storeBridgeToken, type BridgeLauncher } from './bridge-command.ts';
import { addToClaudeCode } from './claude-code-cli.ts';
import type { InstallEnvironment } from './client-paths.ts';
import { backUp, readConfigFile, withServer, writeAtomically, type ConfigFile } from './config-file.ts';
import { findProgram } from './find-program.ts';
import { describeTargets, vscodeInstallLink } from './targets.ts';

export interface InstallerDeps {
  env: InstallEnvironment;
  launcher: BridgeLauncher;
  /** The OS keychain itself (keytar), where the bridge will read Claude Desktop's access key. */
  keychain: VaultKeyStore;
  mcpUrl: string;
  /** Mints the app's token exactly as tokens.mint does. */
  mint: (input: MintInput) => Promise<MintedToken>;
  /** Ends a minted app again when its install fails: nothing is left behind. */
  revoke: (clientId: string) => void;
  /** Opens a client's install link (the desktop app); absent headless, where the panel's browser opens it. */
  openLink?: (url: string) => Promise<void>;
  clock: Clock;
}

type Outcome = Pick<InstallResult, 'serverName' | 'message' | 'path' | 'backupPath' | 'link' | 'opened' | 'token' | 'tokenStored'>;
const NO_FILE = { path: null, backupPath: null, link: null, opened: false, token: null } as const;

/**
 * One-click install (docs/product.md#connecting-an-agent): mints a setup token like tokens.mint and puts it in the chosen client, in the way
 * the client documents (targets.ts). Every check that can refuse runs before the token is minted, and a failure
 * after it revokes the token, so a refused install leaves neither a file change nor a connected app. Only the
 * clients' known files are written (client-paths.ts): no path comes from the caller.
 */
export function createInstaller(deps: InstallerDeps) {
  const { env, mcpUrl } = deps;
  const now = () => new Date(deps.clock.nowMs());
  const targets = () => describeTargets(env, deps.launcher, mcpUrl);

  /** Merges one server into a JSON config file: read (refusing what is not JSON), back up, write atomically. */
  function mergeFile(file: ConfigFile, label: string, wanted: string, entry: unknown): Pick<Outcome, 'serverName' | 'path' | 'backupPath'> {
    const merged = withServer(file.config, 'mcpServers', wanted, entry);
    const backupPath = backUp(file, now());
    try {
      writeAtomically(file, merged.config, label);
    } catch (err) {
      if (backupPath) rmSync(backupPath, { force: true });
      throw err;
    }
    return { serverName: merged.name, path: file.path, backupPath };
  }

  const savedAs = (backupPath: string | null, path: string) =>
    backupPath ? ` Your previous settings were saved as ${backupPath}.` : ` There was no settings file before: Studio Gateway created ${path}.`;

  async function apply(target: InstallTarget, minted: MintedToken, file: ConfigFile | null): Promise<Outcome> {
    const wanted = serverName(target.client, minted.clientName);
    const notYet = target.detected ? '' : ` ${target.label} does not seem to be installed on this computer yet: it will use this once it is.`;
    switch (target.client) {
      case 'claude-desktop': {
        const source = await storeBridgeToken(deps.keychain, minted.clientId, minted.token);
        const done = mergeFile(file as ConfigFile, target.label, wanted, bridgeServerEntry(deps.launcher, mcpUrl, source));
        const where = 'keychain' in source ? ' The access key is kept in your system keychain, not in that file.' : ' This computer has no keychain Studio Gateway can use, so the access key is in that file.';
        return {
          ...NO_FILE,
          ...done,
          message: `Added to Claude Desktop as “${done.serverName}”. Restart Claude Desktop (quit it, then open it again) to use it.${savedAs(done.backupPath, done.path as string)}${where}${notYet}`,
          tokenStored: 'keychain' in source ? 'keychain' : 'config-file',
        };
      }
      case 'cursor': {
        const done = mergeFile(file as ConfigFile, target.label, wanted, cursorServer(mcpUrl, minted.token));
        return {
          ...NO_FILE,
          ...done,
          message: `Added to Cursor as “${done.serverName}”. Cursor picks it up by itself (Cursor Settings → MCP); if it is not listed, restart Cursor.${savedAs(done.backupPath, done.path as string)}${notYet}`,
          tokenStored: 'config-file',
        };
      }
      case 'claude-code': {
        const program = findProgram('claude', env) as string;
        const name = await addToClaudeCode(program, wanted, httpServer(mcpUrl, minted.token), env, minted.token);
        return {
          ...NO_FILE,
          serverName: name,
          path: target.path,
          message: `Added to Claude Code as “${name}”, for all your projects (Claude Code recorded it in ${target.path ?? 'its settings'}). Start a new Claude Code session to use it.`,
          tokenStored: 'config-file',
        };
      }
      case 'vscode': {
        const link = vscodeInstallLink(wanted, mcpUrl);
        const opened = deps.openLink ? await deps.openLink(link).then(() => true, () => false) : false;
        return {
          ...NO_FILE,
          serverName: wanted,
          link,
          opened,
          token: minted.token,
          message: `${opened ? 'VS Code is opening its install page for' : 'Open VS Code with the button below to add'} “${wanted}”: choose Install there. The first time VS Code starts it, it asks for the Studio Gateway access key: copy the key below and paste it.${notYet}`,
          tokenStored: 'prompt',
        };
      }
    }
  }

  function readOrRefuse(target: InstallTarget): ConfigFile {
    try {
      return readConfigFile(target.path as string, target.label, 'mcpServers');
    } catch (err) {
      if (err instanceof DomainError) throw err;
      throw new DomainError('install_failed', `Studio Gateway could not read ${target.label}’s settings file ${target.path ?? ''} (${err instanceof Error ? err.message : String(err)}), so it changed nothing.`);
    }
  }

  async function run(input: InstallInput): Promise<InstallResult> {
    const { client, ...mint } = input;
    const target = targets().find((t) => t.client === client) as InstallTarget;
    if (!target.available) throw new DomainError('install_unavailable', target.problem ?? `${target.label} cannot be installed here.`);
    // Refuse a config file that cannot be merged before anything exists: no token, no app, no file change.
    const file = target.method === 'file' ? readOrRefuse(target) : null;
    const minted = await deps.mint(mint);
    try {
      // The file as it is now (the owner may have fixed or changed it meanwhile; it is checked again).
      const current = file ? readOrRefuse(target) : null;
      const outcome = await apply(target, minted, current);
      return { client, clientId: minted.clientId, clientName: minted.clientName, scopes: minted.scopes, expiresAt: minted.expiresAt, method: target.method, ...outcome };
    } catch (err) {
      deps.revoke(minted.clientId);
      if (err instanceof DomainError) throw err;
      throw new DomainError('install_failed', `Studio Gateway could not install in ${clientLabel(client)}: ${err instanceof Error ? err.message : String(err)}. The access key it made was revoked.`);
    }
  }

  return { targets, run };
}

export type Installer = ReturnType<typeof createInstaller>;
