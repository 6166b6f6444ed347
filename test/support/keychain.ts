import { randomUUID } from 'node:crypto';

/**
 * Whether the OS keychain answers here (keytar → Secret Service). `./run test` provides a private GNOME Keyring
 * (scripts/with-keychain.sh); a bare `npx vitest` on a machine without one skips the tests that need it, loudly.
 */
async function probe(): Promise<string | undefined> {
  try {
    const keytar = (await import('keytar')).default;
    const account = `probe-${randomUUID()}`;
    await keytar.setPassword('Studio Gateway tests', account, 'probe');
    const read = await keytar.getPassword('Studio Gateway tests', account);
    await keytar.deletePassword('Studio Gateway tests', account);
    return read === 'probe' ? undefined : 'the keychain did not give back what was stored';
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

export const KEYCHAIN_PROBLEM = await probe();
export const KEYCHAIN = KEYCHAIN_PROBLEM === undefined;
if (!KEYCHAIN) {
  process.stderr.write(`\n*** SKIPPING keychain tests: no working keychain (${KEYCHAIN_PROBLEM}). Run them through ./run test, which starts a private GNOME Keyring (scripts/with-keychain.sh). ***\n\n`);
}
