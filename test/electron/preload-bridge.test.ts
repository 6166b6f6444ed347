import { describe, expect, it, vi } from 'vitest';
import { CONTROL_CALLS } from '../../src/main/control/calls/index.ts';
import type { ControlRegistry } from '../../src/main/control/registry.ts';
import { controlCallsArgument, methodName } from '../../src/shared/control-bridge.ts';

// Electron cannot run here: its module is replaced by a recorder, and the preload and the IPC setup run against it.
// security-checklist.test.ts reads their source; this checks what they do.

const electron = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoked: [] as { channel: string; args: unknown[] }[],
  handlers: new Map<string, (event: unknown, input: unknown) => unknown>(),
}));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => electron.exposed.set(key, api) },
  ipcRenderer: {
    invoke: (channel: string, ...args: unknown[]) => {
      electron.invoked.push({ channel, args });
      return Promise.resolve({ ok: true, result: channel });
    },
    on: () => undefined,
    off: () => undefined,
  },
  ipcMain: {
    handle: (channel: string, handler: (event: unknown, input: unknown) => unknown) => {
      if (electron.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      electron.handlers.set(channel, handler);
    },
  },
}));

const names = Object.keys(CONTROL_CALLS) as (keyof typeof CONTROL_CALLS)[];
// The main process names the calls in the window's arguments (window.ts); the preload reads them from process.argv.
process.argv.push(controlCallsArgument(names));

describe('the preload', () => {
  it('exposes one named method per control call and the audit export, nothing else', async () => {
    await import('../../src/preload/index.ts');
    const api = electron.exposed.get('studio') as Record<string, unknown>;
    expect([...electron.exposed.keys()]).toEqual(['studio']);
    expect(Object.keys(api).sort()).toEqual([...names.map((name) => methodName(name)), 'exportAudit'].sort());
    expect(Object.values(api).every((method) => typeof method === 'function')).toBe(true);
  });

  it("binds each method to its own call's channel: what the page passes is the input, never a channel", async () => {
    await import('../../src/preload/index.ts');
    const api = electron.exposed.get('studio') as Record<string, (input?: unknown) => Promise<unknown>>;
    for (const name of names) {
      electron.invoked.length = 0;
      await api[methodName(name)]?.('control:workspace.wipe');
      expect(electron.invoked).toEqual([{ channel: `control:${name}`, args: ['control:workspace.wipe'] }]);
      electron.invoked.length = 0;
      await api[methodName(name)]?.();
      expect(electron.invoked).toEqual([{ channel: `control:${name}`, args: [{}] }]);
    }
  });
});

describe('the IPC handlers', () => {
  it('handle one channel per call, and check the sender before the registry does any work', async () => {
    const { setupControlIpc } = await import('../../src/main/electron/ipc.ts');
    const calls: string[] = [];
    const registry = {
      names,
      call: (name: string) => {
        calls.push(name);
        return Promise.resolve({ ok: true, result: null });
      },
    } as unknown as ControlRegistry;
    setupControlIpc(registry, (url) => url === 'app://panel/');
    expect([...electron.handlers.keys()].sort()).toEqual(names.map((name) => `control:${name}`).sort());

    const wipe = electron.handlers.get('control:workspace.wipe');
    expect(await wipe?.({ senderFrame: { url: 'https://evil.example/' } }, { confirm: 'wipe' })).toEqual({ ok: false, error: { code: 'forbidden', message: 'This window may not use the control panel.' } });
    expect(await wipe?.({ senderFrame: null }, { confirm: 'wipe' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(calls).toEqual([]);
    await wipe?.({ senderFrame: { url: 'app://panel/' } }, { confirm: 'wipe' });
    expect(calls).toEqual(['workspace.wipe']);
  });
});
