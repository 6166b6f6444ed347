import type { ControlCallName, ControlResult } from '../../shared/control-api.ts';
import type { StudioApi } from '../../shared/control-bridge.ts';

/** The headless panel's client: the same calls over HTTP, behind the owner session and its CSRF token. */
function httpApi(): StudioApi {
  let csrf: Promise<string> | undefined;
  const token = () =>
    (csrf ??= fetch('/api/session', { credentials: 'same-origin' })
      .then((r) => r.json() as Promise<{ ok: boolean; result?: { csrfToken: string } }>)
      .then((r) => r.result?.csrfToken ?? ''));
  async function call<N extends ControlCallName>(name: N, input: unknown = {}): Promise<ControlResult<N>> {
    const response = await fetch(`/api/control/${name}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', 'x-csrf-token': await token() },
      body: JSON.stringify(input),
    });
    return (await response.json()) as ControlResult<N>;
  }
  return {
    gatewayStatus: () => call('gateway.status'),
    clientsList: () => call('clients.list'),
    clientsRevoke: (input) => call('clients.revoke', input),
    consentList: () => call('consent.list'),
    consentDecide: (input) => call('consent.decide', input),
    tokensMint: (input) => call('tokens.mint', input),
    workspaceExport: () => call('workspace.export'),
    workspaceImport: (input) => call('workspace.import', input),
    workspaceWipe: (input) => call('workspace.wipe', input),
    settingsGet: () => call('settings.get'),
    settingsUpdate: (input) => call('settings.update', input),
  };
}

/** Desktop (preload bridge) or headless (HTTP): pages use this and never ask which. */
export const api: StudioApi = window.studio ?? httpApi();
