import type { ConnectionState } from '../connection-state.ts';
import type { ZoomApi } from './zoom-api.ts';

/** After the tokens are sealed: "Connected as <name>" from the Zoom profile (user:read:user). */
export async function completeZoom(api: ZoomApi, state: ConnectionState): Promise<string> {
  const me = await api.me();
  state.connected('zoom', me.name, { email: me.email });
  return me.name;
}
