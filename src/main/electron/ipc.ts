import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { controlInputs, type ControlCallName } from '../../shared/control-api.ts';
import { controlChannel } from '../../shared/control-bridge.ts';
import type { ControlRegistry } from '../control/registry.ts';

/**
 * One handler per control call. The sender must be our own renderer (Electron security checklist §17
 * "Validate the sender of all IPC messages"); the registry then validates the arguments with zod.
 */
export function setupControlIpc(registry: ControlRegistry, isTrustedUrl: (url: string) => boolean): void {
  for (const name of Object.keys(controlInputs) as ControlCallName[]) {
    ipcMain.handle(controlChannel(name), (event: IpcMainInvokeEvent, input: unknown) => {
      const frameUrl = event.senderFrame?.url ?? '';
      if (!isTrustedUrl(frameUrl)) {
        return { ok: false, error: { code: 'forbidden', message: 'This window may not use the control panel.' } };
      }
      return registry.call(name, input, { channel: 'desktop' });
    });
  }
}
