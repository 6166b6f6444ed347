import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import type { ControlFailure } from '../../shared/control-api.ts';
import { controlChannel } from '../../shared/control-bridge.ts';
import type { ControlRegistry } from '../control/registry.ts';

const FORBIDDEN: { ok: false; error: ControlFailure } = { ok: false, error: { code: 'forbidden', message: 'This window may not use the control panel.' } };

/**
 * One handler per control call, each on its own channel. The sender must be our own renderer (Electron security
 * checklist §17 "Validate the sender of all IPC messages"); the registry then validates the arguments with zod.
 */
export function setupControlIpc(registry: ControlRegistry, isTrustedUrl: (url: string) => boolean): void {
  for (const name of registry.names) {
    ipcMain.handle(controlChannel(name), (event: IpcMainInvokeEvent, input: unknown) => {
      const frameUrl = event.senderFrame?.url ?? '';
      if (!isTrustedUrl(frameUrl)) return FORBIDDEN;
      return registry.call(name, input, { channel: 'desktop' });
    });
  }
}
