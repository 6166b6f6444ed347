import { createCipheriv, createDecipheriv, randomBytes, randomUUID } from 'node:crypto';
import { DomainError } from '../../errors.ts';
import { systemClock } from '../../../shared/clock.ts';
import type { Storage } from '../../storage/index.ts';
import type { VaultKeyStore } from './key-store.ts';

/** What the vault holds: provider tokens, provider app secrets, the Apple app-specific password, the feed secret. */
export type VaultEntry = 'google' | 'google_app' | 'apple' | 'zoom' | 'zoom_app' | 'ics';

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;
/** Which keychain item holds this workspace's key (not secret): two data folders never share a key. */
const KEY_ID_SETTING = 'vault.keyId';

/** Additional authenticated data: a sealed blob only opens under the entry it was sealed for. */
const aad = (entry: VaultEntry) => Buffer.from(`studio-gateway:vault:v${VERSION}:${entry}`);

/**
 * Provider credentials at rest: AES-256-GCM with a fresh 96-bit nonce for every seal (NIST SP 800-38D §8.2.2),
 * the entry name bound in as AAD, and the 256-bit key held by the OS keychain. Blob layout:
 * version (1) ‖ nonce (12) ‖ tag (16) ‖ ciphertext.
 */
export function createVault(storage: Storage, keyStore: VaultKeyStore, now: () => number = () => Math.floor(systemClock.nowMs() / 1000)) {
  let key: Promise<Buffer> | undefined;

  async function loadKey(): Promise<Buffer> {
    let keyId = storage.settings.get<string | null>(KEY_ID_SETTING, null);
    if (!keyId) {
      keyId = `provider-credentials-key:${randomUUID()}`;
      storage.settings.set(KEY_ID_SETTING, keyId);
    }
    let stored = await keyStore.getKey(keyId);
    if (!stored) {
      // A missing key with sealed entries left means they can never open again: say so, make no new key over them.
      if (!storage.credentials.isEmpty()) {
        throw new DomainError('vault_key_missing', `The key that protects your provider credentials is no longer in ${keyStore.name} (was it reset?). Disconnect and reconnect your providers.`);
      }
      await keyStore.setKey(keyId, randomBytes(KEY_BYTES));
      stored = await keyStore.getKey(keyId);
    }
    if (!stored || stored.length !== KEY_BYTES) throw new DomainError('vault_key_invalid', `The credential key in ${keyStore.name} is damaged; disconnect and reconnect your providers.`);
    return stored;
  }

  /** One load at a time: two first uses must not each make a key. A failed load is tried again next time. */
  function vaultKey(): Promise<Buffer> {
    key ??= loadKey().catch((err: unknown) => {
      key = undefined;
      throw err;
    });
    return key;
  }

  function seal(k: Buffer, entry: VaultEntry, secret: unknown): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', k, iv);
    cipher.setAAD(aad(entry));
    const body = Buffer.concat([cipher.update(JSON.stringify(secret), 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]);
  }

  function open<T>(k: Buffer, entry: VaultEntry, sealed: Buffer): T {
    try {
      if (sealed[0] !== VERSION) throw new Error('unknown version');
      const decipher = createDecipheriv('aes-256-gcm', k, sealed.subarray(1, 1 + IV_BYTES));
      decipher.setAAD(aad(entry));
      decipher.setAuthTag(sealed.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES));
      const plain = Buffer.concat([decipher.update(sealed.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]);
      return JSON.parse(plain.toString('utf8')) as T;
    } catch {
      throw new DomainError('vault_tampered', `The stored ${entry.replace('_app', ' app')} credentials failed authentication (they were changed or damaged) and were not used. Reconnect to replace them.`);
    }
  }

  return {
    keyStore: keyStore.name,

    /** Fails with the keychain's reason when no key can be had (nothing is stored then). */
    ready: async (): Promise<void> => void (await vaultKey()),

    /** Seals and stores a secret value, replacing any previous one. */
    async put(entry: VaultEntry, secret: unknown): Promise<void> {
      const sealed = seal(await vaultKey(), entry, secret);
      storage.credentials.put(entry, sealed, now());
    },

    /** Opens a sealed secret; a blob changed by even one bit fails authentication and is refused. */
    async get<T>(entry: VaultEntry): Promise<T | undefined> {
      const sealed = storage.credentials.get(entry);
      if (!sealed) return undefined;
      return open<T>(await vaultKey(), entry, sealed);
    },

    /** Deletes at once (disconnect). */
    delete(entry: VaultEntry): void {
      storage.credentials.delete(entry);
    },
  };
}
export type Vault = ReturnType<typeof createVault>;
