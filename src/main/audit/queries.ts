import type { AuditRowView } from '../../shared/audit-row.ts';
import type { ConnectionTimeline, DailyCount } from '../../shared/control-api.ts';
import type { AuditFilter, AuditRepo, AuditRow } from '../storage/audit-repo.ts';
import { DomainError } from '../errors.ts';


export function toView(row: AuditRow): AuditRowView {
  const { prevHash: _prev, hash, tsMs, ...rest } = row;
  return { ...rest, time: new Date(tsMs).toISOString(), hash: hash.toString('hex') };
}


const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** Reading the log: filtered keyset pages, a client's connection timeline, daily activity. */
export function createAuditQueries(repo: AuditRepo) {
  return {
    page(filter: AuditFilter, limit: number, cursor?: string): { rows: AuditRowView[]; nextCursor: string | null } {
      let beforeId: number | undefined;
      if (cursor !== undefined) {
        beforeId = Number(Buffer.from(cursor, 'base64url').toString('utf8'));
        if (!Number.isSafeInteger(beforeId) || beforeId < 1) throw new DomainError('invalid_cursor', 'cursor is not one this gateway issued; start again without it.');
      }
      const rows = repo.page(filter, limit + 1, beforeId);
      const more = rows.length > limit;
      const shown = more ? rows.slice(0, limit) : rows;
      const last = shown.at(-1);
      return { rows: shown.map(toView), nextCursor: more && last ? Buffer.from(String(last.id)).toString('base64url') : null };
    },

    /** Where a connection got to: registered → consent → first token → first call → last call → revoked. */
    timeline(clientId: string): ConnectionTimeline {
      const at = (condition: string, params: unknown[], order: 'ASC' | 'DESC' = 'ASC') => iso(repo.firstOrLast(clientId, condition, params, order));
      return {
        clientId,
        registeredAt: at("endpoint IN ('register', 'tokens.mint') AND status = 'ok'", []),
        consentAt: at("endpoint = 'consent.decide' AND status = 'ok'", [], 'DESC'),
        firstTokenAt: at("((endpoint = 'token' AND status = 'ok') OR endpoint = 'tokens.mint')", []),
        firstCallAt: at("kind = 'mcp' AND status = 'ok'", []),
        lastCallAt: at("kind = 'mcp'", [], 'DESC'),
        revokedAt: at("endpoint IN ('apps.revoke', 'clients.revoke') AND status = 'ok'", [], 'DESC'),
      };
    },

    /**
     * Requests per day (UTC) per client and per tool or endpoint, for the activity chart. Given the tools' names, only
     * what agents did and the owner decided: tool calls and the panel's calls (`area.verb`), no technical events (the
     * daily counts name no reason, so refusals before any method, which the log shows, are not counted here).
     */
    activity(fromDay: string, toDay: string, clientId?: string, toolNames?: ReadonlySet<string>): DailyCount[] {
      const counts = repo.daily(fromDay, toDay, clientId);
      return toolNames ? counts.filter((c) => toolNames.has(c.name) || c.name.includes('.')) : counts;
    },

    count: (filter: AuditFilter) => repo.count(filter),
  };
}
export type AuditQueries = ReturnType<typeof createAuditQueries>;
