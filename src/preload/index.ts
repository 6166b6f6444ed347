import { contextBridge, ipcRenderer } from 'electron';
import type { ControlCallName } from '../shared/control-api.ts';
import { controlChannel, type StudioApi } from '../shared/control-bridge.ts';

// Named methods only, each bound to its own channel: the page can call these and nothing else
// (Electron security checklist §3 "Context Isolation"; never expose ipcRenderer itself).
const invoke = (name: ControlCallName, input: unknown = {}) => ipcRenderer.invoke(controlChannel(name), input);

const api = {
  gatewayStatus: () => invoke('gateway.status'),
  clientsList: () => invoke('clients.list'),
  clientsRevoke: (input) => invoke('clients.revoke', input),
  consentList: () => invoke('consent.list'),
  consentDecide: (input) => invoke('consent.decide', input),
  tokensMint: (input) => invoke('tokens.mint', input),
  workspaceExport: () => invoke('workspace.export'),
  workspaceImport: (input) => invoke('workspace.import', input),
  workspaceWipe: (input) => invoke('workspace.wipe', input),
  settingsGet: () => invoke('settings.get'),
  settingsUpdate: (input) => invoke('settings.update', input),
} satisfies StudioApi;

contextBridge.exposeInMainWorld('studio', api);
