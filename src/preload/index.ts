import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { ControlCallName } from '../shared/control-api.ts';
import { AUDIT_EXPORT_CHANNEL, AUDIT_EXPORT_PROGRESS_CHANNEL, controlChannel, type AuditExportProgress, type StudioApi } from '../shared/control-bridge.ts';

// Named methods only, each bound to its own channel: the page can call these and nothing else
// (Electron security checklist §3 "Context Isolation"; never expose ipcRenderer itself).
const invoke = (name: ControlCallName) => (input: unknown = {}) => ipcRenderer.invoke(controlChannel(name), input);

const api = {
  gatewayStatus: invoke('gateway.status'),
  gatewaySetPaused: invoke('gateway.setPaused'),
  clientsList: invoke('clients.list'),
  clientsRevoke: invoke('clients.revoke'),
  consentList: invoke('consent.list'),
  consentDecide: invoke('consent.decide'),
  tokensMint: invoke('tokens.mint'),
  installTargets: invoke('install.targets'),
  installRun: invoke('install.run'),
  workspaceExport: invoke('workspace.export'),
  workspaceImport: invoke('workspace.import'),
  workspaceWipe: invoke('workspace.wipe'),
  workspaceStart: invoke('workspace.start'),
  gatewayOpenLog: invoke('gateway.openLog'),
  updatesCheck: invoke('updates.check'),
  updatesDownload: invoke('updates.download'),
  updatesInstall: invoke('updates.install'),
  settingsGet: invoke('settings.get'),
  settingsUpdate: invoke('settings.update'),
  auditList: invoke('audit.list'),
  auditCount: invoke('audit.count'),
  auditTimeline: invoke('audit.timeline'),
  auditActivity: invoke('audit.activity'),
  auditVerify: invoke('audit.verify'),
  browsersList: invoke('browsers.list'),
  browsersSignOut: invoke('browsers.signOut'),
  browsersSignOutAll: invoke('browsers.signOutAll'),
  approvalsList: invoke('approvals.list'),
  approvalsDecide: invoke('approvals.decide'),
  connectionsList: invoke('connections.list'),
  connectionsConfigureApp: invoke('connections.configureApp'),
  connectionsConnect: invoke('connections.connect'),
  connectionsConnectApple: invoke('connections.connectApple'),
  connectionsDisconnect: invoke('connections.disconnect'),
  connectionsSelectCalendar: invoke('connections.selectCalendar'),
  connectionsRefresh: invoke('connections.refresh'),
  connectionsRetryJob: invoke('connections.retryJob'),
  feedRotate: invoke('feed.rotate'),
  feedDisable: invoke('feed.disable'),
  async exportAudit(request, onProgress) {
    const listener = (_event: IpcRendererEvent, progress: AuditExportProgress) => onProgress(progress);
    ipcRenderer.on(AUDIT_EXPORT_PROGRESS_CHANNEL, listener);
    try {
      return (await ipcRenderer.invoke(AUDIT_EXPORT_CHANNEL, request)) as { saved: boolean; rows: number };
    } finally {
      ipcRenderer.off(AUDIT_EXPORT_PROGRESS_CHANNEL, listener);
    }
  },
} satisfies StudioApi;

contextBridge.exposeInMainWorld('studio', api);
