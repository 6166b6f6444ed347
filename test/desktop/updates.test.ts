import { describe, expect, it } from 'vitest';
import { createUpdates, type UpdaterPort } from '../../src/main/desktop/updates.ts';

/** An updater that reports what a release host would, and records what it was asked to do. */
function fakeUpdater(answer: 'newer' | 'none' | 'no-host') {
  const calls: string[] = [];
  let emit: (event: Parameters<ReturnType<typeof createUpdates>['onEvent']>[0]) => void = () => undefined;
  const port: UpdaterPort = {
    async check(download) {
      calls.push(`check download=${download}`);
      emit({ kind: 'checking' });
      if (answer === 'no-host') throw new Error('ENOENT: no such file or directory, open app-update.yml');
      if (answer === 'none') return emit({ kind: 'not-available' });
      emit({ kind: 'available', version: '1.2.0' });
      if (download) emit({ kind: 'downloaded', version: '1.2.0' });
    },
    async download() {
      calls.push('download');
      emit({ kind: 'downloaded', version: '1.2.0' });
    },
    quitAndInstall: () => void calls.push('install'),
  };
  return { port, calls, bind: (f: typeof emit) => (emit = f) };
}

function setup(answer: 'newer' | 'none' | 'no-host', waiting = 0) {
  const store = new Map<string, unknown>();
  const updater = fakeUpdater(answer);
  let decisions = waiting;
  const updates = createUpdates({
    updater: updater.port,
    settings: { get: <T,>(key: string, fallback: T) => (store.has(key) ? (store.get(key) as T) : fallback), set: (key, value) => void store.set(key, value) },
    waitingDecisions: () => decisions,
    version: '1.1.0',
  });
  updater.bind(updates.onEvent);
  return { updates, calls: updater.calls, store, setWaiting: (n: number) => (decisions = n) };
}

describe('updates of the desktop app', () => {
  it('downloads a newer version by itself when allowed, and restarts only on the owner’s click', async () => {
    const { updates, calls } = setup('newer');
    expect((await updates.check()).status).toBe('ready');
    expect(calls).toEqual(['check download=true']);
    expect(updates.view().detail).toBe('Version 1.2.0 is ready. Restart Studio Gateway to use it.');
    updates.install();
    expect(calls).toContain('install');
  });

  it('never restarts while a consent request or a held call waits for the owner', async () => {
    const { updates, calls, setWaiting } = setup('newer', 2);
    await updates.check();
    expect(() => updates.install()).toThrow(/2 decisions are waiting for you/);
    expect(calls).not.toContain('install');
    setWaiting(0);
    updates.install();
    expect(calls).toContain('install');
  });

  it('only looks, without downloading, once the owner turns automatic updates off (and remembers it)', async () => {
    const { updates, calls, store } = setup('newer');
    updates.setCheckAutomatically(false);
    expect(store.get('updates.checkAutomatically')).toBe(false);
    expect((await updates.check()).status).toBe('available');
    expect(calls).toEqual(['check download=false']);
    expect(() => updates.install()).toThrow(/No new version is ready/);
    await updates.download();
    expect(updates.view().status).toBe('ready');
  });

  it('says it is up to date, or that this build has no update server, in plain words', async () => {
    expect((await setup('none').updates.check()).detail).toBe('Studio Gateway 1.1.0 is the latest version.');
    const noHost = await setup('no-host').updates.check();
    expect(noHost).toMatchObject({ status: 'unavailable', detail: 'This build has no update server: updates come with a new download.' });
  });
});
