import type { ProviderConnection, ProviderName } from '../storage/provider-connections-repo.ts';
import type { Storage } from '../storage/index.ts';

/** Each provider's connection as stored: connected as someone, or not connected and why. */
export function createConnectionState(storage: Storage, now: () => number) {
  function get(provider: ProviderName): ProviderConnection {
    return (
      storage.connections.get(provider) ?? { provider, status: 'not_connected', account: null, detail: null, options: {}, connectedAt: null, updatedAt: now() }
    );
  }
  return {
    get,
    isConnected: (provider: ProviderName) => storage.connections.get(provider)?.status === 'connected',
    connected(provider: ProviderName, account: string, options: Record<string, unknown>): void {
      storage.connections.put({ provider, status: 'connected', account, detail: null, options: { ...get(provider).options, ...options }, connectedAt: now(), updatedAt: now() });
    },
    /**
     * Not connected any more, with the reason the panel shows next to Reconnect. Its busy times go (they would only
     * go stale); options (the chosen calendar) stay for the reconnect.
     */
    notConnected(provider: ProviderName, detail: string): void {
      storage.transaction(() => {
        storage.connections.put({ ...get(provider), status: 'not_connected', detail, updatedAt: now() });
        if (provider !== 'zoom') storage.busyTimes.clear(provider);
      });
    },
    setOptions(provider: ProviderName, options: Record<string, unknown>): void {
      const current = get(provider);
      storage.connections.put({ ...current, options: { ...current.options, ...options }, updatedAt: now() });
    },
  };
}
export type ConnectionState = ReturnType<typeof createConnectionState>;
