import { appName } from '../../shared/app-name.ts';
import type { AppActivity, AppIdentity, ConnectedApp, RevokedApp } from '../../shared/control-api.ts';
import { knownScopes } from '../../shared/scopes.ts';
import { DomainError } from '../errors.ts';
import { describeActivity } from '../mcp/tool-words.ts';
import { TOOLS } from '../mcp/tools/index.ts';
import type { AppRecord } from '../storage/apps-repo.ts';
import type { GrantRecord } from '../storage/grants-repo.ts';
import type { Storage } from '../storage/index.ts';
import { appFingerprint } from './app-fingerprint.ts';
import { editAppPermissions } from './app-permissions.ts';
import { metadataDocumentDomain } from './client-id-url.ts';
import { answersOnThisComputer } from './consent.ts';
import { scopesOfGrant } from './grant-scopes.ts';
import { LIFETIMES } from './lifetimes.ts';

/** What an edit of an app's permissions changed. */
export interface PermissionsEdited {
  clientId: string;
  clientName: string;
  scopes: string[];
  added: string[];
  removed: string[];
}

const redirectsOf = (meta: Record<string, unknown>): string[] => (Array.isArray(meta.redirect_uris) ? meta.redirect_uris.map(String) : []);

const iso = (seconds: number) => new Date(seconds * 1000).toISOString();

const TOOL_NAMES: ReadonlySet<string> = new Set(TOOLS.map((tool) => tool.name));

/** The owner approved it "until I revoke it": its lifetime is the default no chosen expiry reaches (lifetimes.ts). */
const lastsUntilRevoked = (grant: GrantRecord) => grant.expiresAt - grant.createdAt >= LIFETIMES.grantDefault;

function identityOf(client: AppRecord): AppIdentity {
  const meta = client.metadata;
  const software = [meta.software_id, meta.software_version].filter((v) => typeof v === 'string').join(' ');
  return {
    clientId: client.clientId,
    name: appName(client.clientName),
    website: typeof meta.client_uri === 'string' ? meta.client_uri : null,
    origin: client.origin,
    verifiedDomain: client.origin === 'metadata-document' ? (metadataDocumentDomain(client.clientId) ?? null) : null,
    answersOnThisComputer: redirectsOf(meta).every(answersOnThisComputer),
    software: software || null,
    fingerprint: appFingerprint(client.clientId),
    firstSeenAt: iso(client.createdAt),
  };
}

/** Connected apps (docs/product.md#connected-apps): every client holding a live grant, the revoked ones, Revoke and Edit permissions. */
export function createConnectedApps(storage: Storage, clock: () => number, mcpUrl: string, isPaused: (clientId: string) => boolean = () => false) {
  /**
   * Each app's tool calls over the last 7 days (UTC days, today included), by tool and outcome, from the daily counts
   * (cheap at any size of log). Only tool calls count: an app's sign-in and handshake are not something it did.
   */
  function toolCallsLast7Days(now: number): Map<string, { tool: string; ok: boolean; count: number }[]> {
    const fromDay = iso(now - 6 * 86_400).slice(0, 10);
    const calls = new Map<string, { tool: string; ok: boolean; count: number }[]>();
    for (const row of storage.audit.countsByClientSince(fromDay)) {
      if (!TOOL_NAMES.has(row.name)) continue;
      const list = calls.get(row.clientId) ?? [];
      list.push({ tool: row.name, ok: row.status === 'ok', count: row.count });
      calls.set(row.clientId, list);
    }
    return calls;
  }

  /** What the app did: its last tool call and the counts, from the same rows (its tool calls in the log). */
  function activityOf(clientId: string, recent: Map<string, { tool: string; ok: boolean; count: number }[]>): AppActivity {
    const calls = recent.get(clientId) ?? [];
    const lastMs = storage.audit.firstOrLast(clientId, 'tool IS NOT NULL', [], 'DESC');
    return {
      lastUsedAt: lastMs === null ? null : new Date(lastMs).toISOString(),
      callsLast7Days: calls.reduce((sum, c) => sum + c.count, 0),
      notDoneLast7Days: calls.filter((c) => !c.ok).reduce((sum, c) => sum + c.count, 0),
      didLast7Days: describeActivity(calls.filter((c) => c.ok)),
    };
  }

  function list(): ConnectedApp[] {
    const now = clock();
    const grantsByClient = Map.groupBy(storage.grants.live(now), (grant) => grant.clientId);
    const recent = toolCallsLast7Days(now);
    const out: ConnectedApp[] = [];
    for (const [clientId, grants] of grantsByClient) {
      const client = storage.apps.find(clientId);
      if (!client) continue;
      out.push({
        ...identityOf(client),
        ...activityOf(clientId, recent),
        authorisedAt: iso(Math.max(...grants.map((g) => g.createdAt))),
        scopes: knownScopes(grants.flatMap((g) => scopesOfGrant(g.payload))),
        expiresAt: grants.some(lastsUntilRevoked) ? null : iso(Math.max(...grants.map((g) => g.expiresAt))),
        paused: isPaused(clientId),
      });
    }
    return out.sort((a, b) => b.authorisedAt.localeCompare(a.authorisedAt));
  }

  /** Apps the owner revoked that hold no access since: newest revocation first. */
  function listRevoked(): RevokedApp[] {
    const now = clock();
    const live = new Set(storage.grants.live(now).map((grant) => grant.clientId));
    const recent = toolCallsLast7Days(now);
    return storage.apps
      .list()
      .filter((client) => client.revokedAt !== null && !live.has(client.clientId))
      .map((client) => ({ ...identityOf(client), ...activityOf(client.clientId, recent), revokedAt: iso(client.revokedAt ?? 0) }))
      .sort((a, b) => b.revokedAt.localeCompare(a.revokedAt));
  }

  /**
   * Revoke (docs/product.md#connected-apps): every grant, code and token of the client goes in one transaction, so the very next
   * request fails; requests still waiting for consent end as denied. The client's registration stays (it
   * may ask again, and starts from nothing) and so does everything the audit log recorded.
   */
  function revoke(clientId: string): { revoked: boolean } {
    const client = storage.apps.find(clientId);
    if (!client) throw new DomainError('not_found', 'There is no such client.');
    const now = clock();
    const removed = storage.transaction(() => {
      const tokens = storage.tokens.deleteByClient(clientId);
      const grants = storage.grants.deleteByClient(clientId);
      storage.consentRequests.cancelForClient(clientId, now);
      storage.apps.markRevoked(clientId, now);
      return tokens + grants;
    });
    return { revoked: removed > 0 };
  }

  /** Edit permissions: what the app may do from its next request on (app-permissions.ts). */
  function editPermissions(input: { clientId: string; scopes: readonly string[]; confirmedWidening?: boolean | undefined }): PermissionsEdited {
    const client = storage.apps.find(input.clientId);
    if (!client) throw new DomainError('not_found', 'There is no such app.');
    const change = editAppPermissions({ storage, now: clock, mcpUrl }, input);
    return { clientId: client.clientId, clientName: appName(client.clientName), ...change };
  }

  return { list, listRevoked, revoke, editPermissions };
}
export type ConnectedApps = ReturnType<typeof createConnectedApps>;
