import { DomainError } from '../../errors.ts';

/** Where the vault's key lives: the OS keychain, never the database or a file in the clear. */
export interface VaultKeyStore {
  /** For messages: "the system keychain", "Electron safeStorage". */
  readonly name: string;
  getKey(keyId: string): Promise<Buffer | null>;
  setKey(keyId: string, key: Buffer): Promise<void>;
}

/** No keychain to hold the key: credentials are refused rather than stored in a weaker way. */
export class KeychainUnavailableError extends DomainError {
  constructor(reason: string) {
    super(
      'keychain_unavailable',
      `No keychain is available to protect provider credentials (${reason}), so none can be stored. ` +
        'Run Studio Gateway in a desktop session with a keychain (macOS Keychain, Windows Credential Manager, or a Secret Service such as GNOME Keyring on Linux).',
    );
    this.name = 'KeychainUnavailableError';
  }
}

const SERVICE = 'Studio Gateway';
const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

interface Keytar {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
}

/** The OS keychain through keytar (Keychain on macOS, Credential Manager on Windows, Secret Service on Linux). */
export function keytarKeyStore(): VaultKeyStore {
  let loaded: Promise<Keytar> | undefined;
  const keytar = () =>
    (loaded ??= import('keytar').then(
      (m) => (m.default ?? m) as Keytar,
      (err: unknown) => {
        throw new KeychainUnavailableError(`keytar could not load: ${message(err)}`);
      },
    ));
  const call = async <T>(action: (k: Keytar) => Promise<T>): Promise<T> => {
    const k = await keytar();
    try {
      return await action(k);
    } catch (err) {
      throw new KeychainUnavailableError(`the keychain did not answer: ${message(err)}`);
    }
  };
  return {
    name: 'the system keychain',
    async getKey(keyId) {
      const stored = await call((k) => k.getPassword(SERVICE, keyId));
      return stored ? Buffer.from(stored, 'base64') : null;
    },
    async setKey(keyId, key) {
      await call((k) => k.setPassword(SERVICE, keyId, key.toString('base64')));
    },
  };
}

/** The first store that works: the desktop app falls back to Electron's safeStorage where keytar cannot load. */
export function firstAvailableKeyStore(stores: readonly VaultKeyStore[]): VaultKeyStore {
  let chosen: Promise<VaultKeyStore> | undefined;
  const pick = () =>
    (chosen ??= (async () => {
      const reasons: string[] = [];
      for (const store of stores) {
        try {
          await store.getKey('probe');
          return store;
        } catch (err) {
          reasons.push(`${store.name}: ${message(err)}`);
        }
      }
      chosen = undefined; // a keychain may come up later (the user unlocks it): ask again next time
      throw new KeychainUnavailableError(reasons.join('; ') || 'none configured');
    })());
  return {
    get name() {
      return stores.map((s) => s.name).join(' or ');
    },
    getKey: async (keyId) => (await pick()).getKey(keyId),
    setKey: async (keyId, key) => (await pick()).setKey(keyId, key),
  };
}
