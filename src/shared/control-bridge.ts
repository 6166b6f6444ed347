/**
 * What crosses the Electron bridge. Kept free of runtime imports: the sandboxed preload may require
 * nothing but electron.
 */
import type { ControlCallName, ControlInput, ControlResult } from './control-api.ts';

/**
 * The panel's API as the Electron preload exposes it on `window.studio`: one named method per call.
 * The headless panel's HTTP client implements the same interface, so no page knows its host.
 */
export interface StudioApi {
  gatewayStatus(): Promise<ControlResult<'gateway.status'>>;
  clientsList(): Promise<ControlResult<'clients.list'>>;
  clientsRevoke(input: ControlInput<'clients.revoke'>): Promise<ControlResult<'clients.revoke'>>;
  consentList(): Promise<ControlResult<'consent.list'>>;
  consentDecide(input: ControlInput<'consent.decide'>): Promise<ControlResult<'consent.decide'>>;
  tokensMint(input: ControlInput<'tokens.mint'>): Promise<ControlResult<'tokens.mint'>>;
  workspaceExport(): Promise<ControlResult<'workspace.export'>>;
  workspaceImport(input: ControlInput<'workspace.import'>): Promise<ControlResult<'workspace.import'>>;
  workspaceWipe(input: ControlInput<'workspace.wipe'>): Promise<ControlResult<'workspace.wipe'>>;
  settingsGet(): Promise<ControlResult<'settings.get'>>;
  settingsUpdate(input: ControlInput<'settings.update'>): Promise<ControlResult<'settings.update'>>;
}

/** IPC channel of a control call: one per call, never a generic channel. */
export function controlChannel(name: ControlCallName): string {
  return `control:${name}`;
}
