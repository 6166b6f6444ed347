import type { ControlCallName, ControlResult } from '../../shared/control-api.ts';
import { callName, type AuditExportRequest, type ControlMethods, type StudioApi } from '../../shared/control-bridge.ts';
import { signedFetch } from './session/panel-session.ts';

/** The headless panel's client: the same calls over HTTP, each signed with this browser's session key. */
function httpApi(): StudioApi {
  async function call<N extends ControlCallName>(name: N, input: unknown = {}): Promise<ControlResult<N>> {
    const response = await signedFetch(`/api/control/${name}`, { method: 'POST', body: JSON.stringify(input), contentType: 'application/json' });
    return (await response.json()) as ControlResult<N>;
  }

  /** Streams the export, counting lines against X-Total-Rows for progress, then hands the file to the browser. */
  async function exportAudit(request: AuditExportRequest, onProgress: (p: { done: number; total: number }) => void) {
    const query = new URLSearchParams({ format: request.format });
    for (const [key, value] of Object.entries(request.filter)) if (value !== undefined && value !== '') query.set(key, String(value));
    const response = await signedFetch(`/api/audit/export?${query}`, { method: 'GET' });
    if (!response.ok || !response.body) throw new Error(`Export failed (${response.status})`);
    const total = Number(response.headers.get('x-total-rows') ?? 0);
    const parts: BlobPart[] = [];
    let lines = request.format === 'csv' ? -1 : 0;
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parts.push(value);
      for (const byte of value) if (byte === 10) lines++;
      onProgress({ done: Math.min(lines, total), total });
    }
    const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? `audit.${request.format}`;
    const link = Object.assign(document.createElement('a'), { href: URL.createObjectURL(new Blob(parts)), download: name });
    link.click();
    URL.revokeObjectURL(link.href);
    return { saved: true as const, rows: total, download: name };
  }

  // Each method posts to its own call's URL; the gateway answers a name it does not know with 404 unknown_call.
  // Only names of the call shape (`auditList`) are methods, so nothing probing the object (`then`, `toString`) gets one.
  const methods = new Proxy({} as ControlMethods, {
    get: (target, property) => {
      const name = typeof property === 'string' && !(property in target) ? callName(property) : undefined;
      return name === undefined ? Reflect.get(target, property) : (input?: unknown) => call(name as ControlCallName, input);
    },
  });
  return Object.assign(Object.create(methods) as StudioApi, { exportAudit });
}

/** Desktop (preload bridge) or headless (HTTP): pages use this and never ask which. */
export const api: StudioApi = window.studio ?? httpApi();

/** Whether this panel runs in a browser and signs in with a link (false in the desktop app). */
export const isWebPanel = window.studio === undefined;
