import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { VaultKeyStore } from '../providers/vault/key-store.ts';

/**
 * How a client starts `studio-gateway bridge`: a program, the arguments before the command, and environment. The
 * desktop app names its own Electron binary run as Node (ELECTRON_RUN_AS_NODE=1) with its bundled CLI script, so
 * Claude Desktop needs neither Node nor mcp-remote; the headless gateway names the Node running it and
 * bin/studio-gateway.js.
 */
export interface BridgeLauncher {
  command: string;
  args: string[];
  env?: Record<string, string>;
}

/** This checkout's bin/studio-gateway.js run by the Node running now (the headless gateway, and tests). */
export function nodeBridgeLauncher(): BridgeLauncher {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return { command: process.execPath, args: [join(dir, 'bin', 'studio-gateway.js')] };
}

/**
 * Where the bridge finds its access key. In the OS keychain (Keychain, Credential Manager, Secret Service) when
 * there is one: then the client's config file holds only the keychain entry's name, and the key is not in a file
 * that backups, sync tools and screenshots copy. Where there is no keychain, in the environment the client gives the
 * bridge (the config's "env"), as mcp-remote's AUTH_HEADER does.
 */
export type BridgeTokenSource = { keychain: string } | { env: string };

/** The environment variable the bridge reads its access key from when no keychain entry is named. */
export const BRIDGE_TOKEN_ENV = 'STUDIO_GATEWAY_TOKEN';

/** The keychain entry of one connected app's access key (service "Studio Gateway", like the vault's key). */
export const keychainEntry = (clientId: string) => `agent-access-key:${clientId}`;

/**
 * Puts an app's access key where its bridge will read it: the keychain if it takes it, else the environment. The
 * desktop app's vault may fall back to Electron's safeStorage, which the bridge (plain Node) cannot read, so this
 * store must be the keychain itself (keytar).
 */
export async function storeBridgeToken(keychain: VaultKeyStore, clientId: string, token: string): Promise<BridgeTokenSource> {
  const entry = keychainEntry(clientId);
  try {
    await keychain.setKey(entry, Buffer.from(token, 'utf8'));
    return { keychain: entry };
  } catch {
    return { env: token };
  }
}

/** The bridge's access key: from the keychain entry named on its command line, else from STUDIO_GATEWAY_TOKEN. */
export async function readBridgeToken(keychain: VaultKeyStore, entry: string | undefined, env: NodeJS.ProcessEnv): Promise<string> {
  if (entry) {
    const stored = await keychain.getKey(entry).catch((err: unknown) => {
      throw new Error(`the system keychain could not be read (${err instanceof Error ? err.message : String(err)}). Is this a desktop session with the keychain unlocked?`);
    });
    if (!stored) throw new Error(`the system keychain has no Studio Gateway access key named ${entry} (was it removed?). Install the agent again from Studio Gateway → Agent setup.`);
    return stored.toString('utf8');
  }
  const token = env[BRIDGE_TOKEN_ENV];
  if (!token) throw new Error(`no access key: the bridge needs --keychain ENTRY or ${BRIDGE_TOKEN_ENV}. Install the agent again from Studio Gateway → Agent setup.`);
  return token;
}

/** Claude Desktop's server entry (command, args, env) that runs the bridge to `mcpUrl` with the key from `source`. */
export function bridgeServerEntry(launcher: BridgeLauncher, mcpUrl: string, source: BridgeTokenSource) {
  const env = { ...launcher.env, ...('env' in source ? { [BRIDGE_TOKEN_ENV]: source.env } : {}) };
  return {
    command: launcher.command,
    args: [...launcher.args, 'bridge', '--url', mcpUrl, ...('keychain' in source ? ['--keychain', source.keychain] : [])],
    ...(Object.keys(env).length ? { env } : {}),
  };
}
