import type { Db } from './database.ts';
import { json } from './paging.ts';

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

interface Row {
  provider: ProviderName;
  status: ConnectionStatus;
  account: string | null;
  detail: string | null;
  options: string;
  connected_at: number | null;
  updated_at: number;
}

const toModel = (r: Row): ProviderConnection => ({
  provider: r.provider,
  status: r.status,
  account: r.account,
  detail: r.detail,
  options: json.parse(r.options),
  connectedAt: r.connected_at,
  updatedAt: r.updated_at,
});

export function createProviderConnectionsRepo(db: Db) {
  const get = db.prepare<[string], Row>('SELECT * FROM provider_connections WHERE provider = ?');
  const put = db.prepare(
    `INSERT INTO provider_connections (provider, status, account, detail, options, connected_at, updated_at)
     VALUES (@provider, @status, @account, @detail, @options, @connectedAt, @updatedAt)
     ON CONFLICT (provider) DO UPDATE SET status = excluded.status, account = excluded.account, detail = excluded.detail,
       options = excluded.options, connected_at = excluded.connected_at, updated_at = excluded.updated_at`,
  );
  return {
    get(provider: ProviderName): ProviderConnection | undefined {
      const row = get.get(provider);
      return row && toModel(row);
    },
    put(connection: ProviderConnection): void {
      put.run({ ...connection, options: json.stringify(connection.options) });
    },
  };
}
export type ProviderConnectionsRepo = ReturnType<typeof createProviderConnectionsRepo>;
