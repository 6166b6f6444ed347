import type { Db } from './database.ts';
import { table } from './table.ts';

export type ProviderName = 'google' | 'apple' | 'zoom';
export type ConnectionStatus = 'connected' | 'not_connected';

export interface ProviderConnection {
  provider: ProviderName;
  status: ConnectionStatus;
  /** Who it is connected as ("Maya Lindqvist", "maya@icloud.com"). */
  account: string | null;
  /** Why it is not connected, or what needs attention. */
  detail: string | null;
  /** What is not secret: the chosen calendar, the calendars there are, the CalDAV server. */
  options: Record<string, unknown>;
  connectedAt: number | null;
  updatedAt: number;
}

const connections = table<ProviderConnection>('provider_connections', {
  provider: 'plain', status: 'plain', account: 'plain', detail: 'plain', options: 'json', connectedAt: 'plain', updatedAt: 'plain',
});

export function createProviderConnectionsRepo(db: Db) {
  const get = connections.prepare<[string]>(db, 'WHERE provider = ?');
  const put = db.prepare(connections.upsert('provider', connections.except('provider')));
  return {
    get(provider: ProviderName): ProviderConnection | undefined {
      return get.get(provider);
    },
    put(connection: ProviderConnection): void {
      put.run(connections.params(connection));
    },
  };
}
export type ProviderConnectionsRepo = ReturnType<typeof createProviderConnectionsRepo>;
