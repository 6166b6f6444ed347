import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { AUDIT_EXPORT_CHANNEL, AUDIT_EXPORT_PROGRESS_CHANNEL, controlCallsFromArgv, controlChannel, controlMethods, type AuditExportProgress, type AuditExportResult, type StudioApi } from '../shared/control-bridge.ts';

// Named methods only, each bound to its own call's channel: the page can call these and nothing else
// (Electron security checklist §3 "Context Isolation"; never expose ipcRenderer itself). One method per control
// call, named by the main process in this window's arguments (no zod, no gateway code in this bundle). A name the main
// process does not handle reaches no handler.
const api = {
  ...controlMethods(controlCallsFromArgv(process.argv), (name) => (input = {}) => ipcRenderer.invoke(controlChannel(name), input)),
  async exportAudit(request, onProgress) {
    const listener = (_event: IpcRendererEvent, progress: AuditExportProgress) => onProgress(progress);
    ipcRenderer.on(AUDIT_EXPORT_PROGRESS_CHANNEL, listener);
    try {
      return (await ipcRenderer.invoke(AUDIT_EXPORT_CHANNEL, request)) as AuditExportResult;
    } finally {
      ipcRenderer.off(AUDIT_EXPORT_PROGRESS_CHANNEL, listener);
    }
  },
} satisfies StudioApi;

contextBridge.exposeInMainWorld('studio', api);
