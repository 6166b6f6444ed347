/**
 * What crosses the Electron bridge. Kept free of runtime imports: the sandboxed preload may require
 * nothing but electron.
 */
import type { ControlCallName, ControlInput, ControlResult } from './control-api.ts';

/** Every control call's name, without the schemas (so the renderer and preload carry no zod). */
export const CONTROL_CALLS = [
  'gateway.status',
  'gateway.setPaused',
  'clients.list',
  'clients.revoke',
  'consent.list',
  'consent.decide',
  'tokens.mint',
  'install.targets',
  'install.run',
  'workspace.export',
  'workspace.import',
  'workspace.wipe',
  'workspace.start',
  'gateway.openLog',
  'updates.check',
  'updates.download',
  'updates.install',
  'settings.get',
  'settings.update',
  'audit.list',
  'audit.count',
  'audit.timeline',
  'audit.activity',
  'audit.verify',
  'browsers.list',
  'browsers.signOut',
  'browsers.signOutAll',
  'approvals.list',
  'approvals.decide',
  'connections.list',
  'connections.configureApp',
  'connections.connect',
  'connections.connectApple',
  'connections.disconnect',
  'connections.selectCalendar',
  'connections.refresh',
  'connections.retryJob',
  'feed.rotate',
  'feed.disable',
] as const satisfies readonly ControlCallName[];

// Fails to compile when a call is added to the registry but not listed above.
const everyCallListed: Exclude<ControlCallName, (typeof CONTROL_CALLS)[number]> extends never ? true : false = true;
void everyCallListed;

/** 'audit.list' → 'auditList': the method name of a control call. */
export type MethodName<N extends string> = N extends `${infer A}.${infer B}` ? `${A}${Capitalize<B>}` : never;

export function methodName<N extends ControlCallName>(name: N): MethodName<N> {
  const [a = '', b = ''] = name.split('.');
  return `${a}${b.charAt(0).toUpperCase()}${b.slice(1)}` as MethodName<N>;
}

export interface AuditExportRequest {
  format: 'csv' | 'jsonl';
  filter: ControlInput<'audit.count'>;
}

export interface AuditExportProgress {
  done: number;
  total: number;
}

/**
 * The panel's API: one named method per control call, plus the audit export, which each host does its own
 * way (a download in the browser, a save dialog in the desktop app). The Electron preload exposes it as
 * `window.studio`; the headless panel's HTTP client implements the same interface, so no page knows its host.
 */
export type StudioApi = {
  [N in ControlCallName as MethodName<N>]: (input?: ControlInput<N>) => Promise<ControlResult<N>>;
} & {
  exportAudit(request: AuditExportRequest, onProgress: (progress: AuditExportProgress) => void): Promise<{ saved: boolean; rows: number }>;
};

/** IPC channel of a control call: one per call, never a generic channel. */
export function controlChannel(name: ControlCallName): string {
  return `control:${name}`;
}

export const AUDIT_EXPORT_CHANNEL = 'audit:export';
export const AUDIT_EXPORT_PROGRESS_CHANNEL = 'audit:export-progress';
