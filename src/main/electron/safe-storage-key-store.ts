import { safeStorage } from 'electron';
import Store from 'electron-store';
import { KeychainUnavailableError, type VaultKeyStore } from '../providers/vault/key-store.ts';

/**
 * The vault key sealed by Electron's safeStorage (the OS keychain's encryption) in a small file, for desktops where
 * keytar cannot load. Refused where safeStorage would fall back to a hard-coded password (Linux "basic_text"):
 * that would be plaintext with extra steps.
 */
export function safeStorageKeyStore(): VaultKeyStore {
  const store = new Store<Record<string, string>>({ name: 'vault-keys' });
  const check = () => {
    if (!safeStorage.isEncryptionAvailable()) throw new KeychainUnavailableError('Electron safeStorage has no encryption on this system');
    if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') {
      throw new KeychainUnavailableError('Electron safeStorage would use a hard-coded password on this Linux desktop');
    }
  };
  return {
    name: 'Electron safeStorage',
    async getKey(keyId) {
      check();
      const sealed = store.get(keyId);
      return sealed ? Buffer.from(safeStorage.decryptString(Buffer.from(sealed, 'base64')), 'base64') : null;
    },
    async setKey(keyId, key) {
      check();
      store.set(keyId, safeStorage.encryptString(key.toString('base64')).toString('base64'));
    },
  };
}
