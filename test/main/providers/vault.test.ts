import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { keytarKeyStore } from '../../../src/main/providers/vault/key-store.ts';
import { createVault, type Vault } from '../../../src/main/providers/vault/vault.ts';
import { createStorage, type Storage } from '../../../src/main/storage/index.ts';
import { tempDir } from '../../support/gateway.ts';
import { KEYCHAIN } from '../../support/keychain.ts';
import { defined } from '../../support/defined.ts';

const run = promisify(execFile);

describe.runIf(KEYCHAIN)('the credential vault (AES-256-GCM, key in the real keychain)', () => {
  let dir: string;
  let storage: Storage;
  let vault: Vault;
  beforeEach(() => {
    dir = tempDir();
    storage = createStorage(join(dir, 'studio-gateway.sqlite'));
    vault = createVault(storage, keytarKeyStore());
  });
  afterEach(() => {
    storage.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('round-trips a secret, sealed so the file never holds it, with a fresh nonce each time', async () => {
    const secret = { email: 'maya@icloud.example', appPassword: 'abcd-efgh-ijkl-mnop' };
    await vault.put('apple', secret);
    const first = defined(storage.credentials.get('apple'));
    expect(await vault.get('apple')).toEqual(secret);
    expect(first.includes(Buffer.from('abcd-efgh-ijkl-mnop'))).toBe(false);
    await vault.put('apple', secret);
    const second = defined(storage.credentials.get('apple'));
    expect(second.subarray(1, 13).equals(first.subarray(1, 13))).toBe(false); // the 96-bit nonce
    expect(second.length).toBe(1 + 12 + 16 + Buffer.byteLength(JSON.stringify(secret)));
  });

  it.each([0, 1, 13, 29, 40])('refuses a blob with byte %i flipped (authentication fails) and says to reconnect', async (index) => {
    await vault.put('apple', { appPassword: 'abcd-efgh-ijkl-mnop' });
    const sealed = Buffer.from(defined(storage.credentials.get('apple')));
    sealed[index] = defined(sealed[index]) ^ 0x01;
    storage.credentials.put('apple', sealed, 0);
    await expect(vault.get('apple')).rejects.toMatchObject({ code: 'vault_tampered', message: expect.stringMatching(/failed authentication.*Reconnect/) });
  });

  it('opens a blob only under the entry it was sealed for (the entry is bound in as AAD)', async () => {
    await vault.put('zoom', { refreshToken: 'zoom-secret' });
    storage.credentials.put('google', defined(storage.credentials.get('zoom')), 0);
    await expect(vault.get('google')).rejects.toMatchObject({ code: 'vault_tampered' });
  });

  it('keeps the key in the keychain under this workspace, so another data folder has its own and cannot open these', async () => {
    await vault.put('zoom', { refreshToken: 'zoom-secret' });
    const otherDir = tempDir();
    const other = createStorage(join(otherDir, 'gateway.db'));
    try {
      other.credentials.put('zoom', defined(storage.credentials.get('zoom')), 0); // a copied row
      await expect(createVault(other, keytarKeyStore()).get('zoom')).rejects.toMatchObject({ code: 'vault_key_missing', message: expect.stringMatching(/no longer in the system keychain/) });
    } finally {
      other.close();
      rmSync(otherDir, { recursive: true, force: true });
    }
  });

  it('deletes at once', async () => {
    await vault.put('google', { refreshToken: 'x' });
    vault.delete('google');
    expect(storage.credentials.get('google')).toBeUndefined();
    expect(await vault.get('google')).toBeUndefined();
  });
});

describe('without a keychain', () => {
  it('refuses to store credentials, says why, and writes nothing (no plaintext fallback, no built-in key)', async () => {
    const dir = tempDir();
    try {
      // A gateway process with no D-Bus session: keytar cannot reach any Secret Service.
      const script = `
        import { startGateway } from ${JSON.stringify(new URL('../../../src/main/gateway.ts', import.meta.url).pathname)};
        const log = { info() {}, warn() {}, error() {} };
        const g = await startGateway({ dataDir: ${JSON.stringify(dir)}, port: 0, log });
        const caller = { channel: 'desktop' };
        const apple = await g.control.call('connections.connectApple', { email: 'maya@icloud.example', appPassword: 'abcd-efgh-ijkl-mnop', serverUrl: 'http://127.0.0.1:9/' }, caller);
        const feed = await g.control.call('feed.rotate', {}, caller);
        const list = await g.control.call('connections.list', {}, caller);
        await g.close();
        console.log(JSON.stringify({ apple, feed, keychain: list.ok && list.result.keychain }));
      `;
      const env = { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus', DISPLAY: '' };
      const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { env, timeout: 60_000 });
      const out = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as Record<string, { ok: boolean; error?: { code: string; message: string } } & { available?: boolean; problem?: string }>;
      expect(out.apple).toMatchObject({ ok: false, error: { code: 'keychain_unavailable', message: expect.stringMatching(/No keychain is available.*so none can be stored/) } });
      expect(out.feed).toMatchObject({ ok: false, error: { code: 'keychain_unavailable' } });
      expect(out.keychain).toMatchObject({ available: false, problem: expect.stringMatching(/keychain/) });
      const db = createStorage(join(dir, 'studio-gateway.sqlite'));
      try {
        expect(db.credentials.isEmpty()).toBe(true);
        expect(db.connections.get('apple')).toBeUndefined();
      } finally {
        db.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
